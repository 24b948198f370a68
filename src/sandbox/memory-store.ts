// An in-memory SyncStore: the same contract as db/store.ts, no database. Engine tests and the engine-cost
// benchmark use it. It stamps times with its `clock`, as the database stamps them with its own.
import { type Clock, systemClock } from '../lib/clock.js';
import type { Claim, RememberedLink, RunEnd, RunStart, SyncStore, Target } from '../sync/ports.js';
import type { Service } from '../sync/types.js';

export class MemoryStore implements SyncStore {
  services = new Map<number, Service>();
  runs: (RunStart & Partial<RunEnd> & { id: number })[] = [];
  locks = new Map<number, { holder: string; since: Date }>();
  links: (number | null)[] = [];
  /** The remembered slug per service (the event_type_links table); `teamId` only for a link made under a team. */
  slugs = new Map<number, { eventTypeId: number; slug: string; teamId?: number }>();
  clock: Clock = systemClock;

  constructor(...services: Service[]) {
    for (const s of services) this.services.set(s.id, { ...s });
  }
  async getService(id: number) {
    const s = this.services.get(id);
    return s ? { ...s } : null;
  }
  async claim(serviceId: number, holder: string): Promise<Claim> {
    const held = this.locks.get(serviceId);
    if (held) return { ok: false, since: held.since };
    this.locks.set(serviceId, { holder, since: this.clock.now() });
    return { ok: true };
  }
  async release(serviceId: number, holder: string) {
    if (this.locks.get(serviceId)?.holder === holder) this.locks.delete(serviceId);
  }
  async startRun(run: RunStart) {
    this.runs.push({ ...run, id: this.runs.length + 1 });
    return this.runs.length;
  }
  async finishRun(runId: number, end: RunEnd) {
    Object.assign(this.runs[runId - 1]!, end);
  }
  private patch(id: number, fields: Partial<Service>) {
    this.services.set(id, { ...this.services.get(id)!, ...fields });
  }
  async link(serviceId: number, eventTypeId: number | null, slug?: string, teamId: Target = null) {
    this.links.push(eventTypeId);
    this.patch(serviceId, { calcomEventTypeId: eventTypeId });
    if (eventTypeId !== null && slug !== undefined)
      this.slugs.set(serviceId, { eventTypeId, slug, ...(teamId !== null ? { teamId } : {}) });
  }
  async rememberedSlugs(serviceIds: readonly number[]) {
    return new Map(serviceIds.flatMap((id) => (this.slugs.has(id) ? [[id, this.slugs.get(id)!.slug] as const] : [])));
  }
  async rememberedLinks(serviceIds: readonly number[]) {
    return new Map(
      serviceIds.flatMap((id): [number, RememberedLink][] => {
        const s = this.slugs.get(id);
        return s ? [[id, { eventTypeId: s.eventTypeId, slug: s.slug, teamId: s.teamId ?? null }]] : [];
      }),
    );
  }
  async rememberSlug(serviceId: number, eventTypeId: number, slug: string, teamId: Target = null) {
    this.slugs.set(serviceId, { eventTypeId, slug, ...(teamId !== null ? { teamId } : {}) });
  }
  async recordSuccess(serviceId: number, eventTypeId: number, attempts: number) {
    const at = this.clock.now();
    this.patch(serviceId, {
      calcomEventTypeId: eventTypeId,
      syncStatus: 'synced',
      syncError: null,
      syncAttempts: attempts,
      lastSyncSuccess: at,
      lastCalcomSync: at,
    });
  }
  async recordFailure(serviceId: number, error: string, attempts: number) {
    this.patch(serviceId, { syncStatus: 'error', syncError: error, syncAttempts: attempts, lastCalcomSync: this.clock.now() });
  }
}
