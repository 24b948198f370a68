// Drift (SPEC §5): event types edited or deleted by hand in Cal.com. Only services whose catalogue row
// did not change since their last good sync count: a stale service differs from Cal.com because the
// catalogue moved on, which the digest already reports as "stale". Pure: the owner's list comes in as data.
import { changesBetween, type FieldChange } from '../sync/plan.js';
import type { RemoteEventType } from '../sync/ports.js';
import type { DigestService } from './compose.js';

export type DriftItem =
  | { kind: 'edited'; serviceId: number; serviceName: string; eventTypeId: number; changes: FieldChange[] }
  | { kind: 'deleted'; serviceId: number; serviceName: string; eventTypeId: number };

/**
 * `inSync` tells whether the catalogue is unchanged since the last good sync (the digest's "synced" state).
 * An id missing from the list counts as deleted here: the digest only names it, and the restore button runs
 * a sync, which confirms with a GET before it recreates anything (SPEC §3.7). `target` says whose list it
 * is (a team's, or null: the key owner's); an id linked under another target is no drift of this list.
 */
export function findDrift(
  services: readonly DigestService[],
  listed: readonly RemoteEventType[],
  inSync: (s: DigestService) => boolean,
  target: number | null = null,
): DriftItem[] {
  const byId = new Map(listed.map((e) => [e.id, e]));
  const out: DriftItem[] = [];
  for (const s of services) {
    if (s.calcomEventTypeId === null || !inSync(s)) continue;
    const live = byId.get(s.calcomEventTypeId);
    const base = { serviceId: s.id, serviceName: s.name, eventTypeId: s.calcomEventTypeId };
    if (!live) {
      // Not on this list because it lives on another (a personal link while the target is a team, or one
      // whose target calsync doesn't know while the list is a team's): that is a move for a sync to plan,
      // not a deletion.
      if (s.linkedUnder !== undefined ? s.linkedUnder !== target : target !== null) continue;
      out.push({ kind: 'deleted', ...base });
      continue;
    }
    // Cal.com's answer "edited" is only what a sync would send back: the managed fields.
    const changes = changesBetween(s, live).map((c) => ({ field: c.field, from: c.to, to: c.from }));
    if (changes.length > 0) out.push({ kind: 'edited', ...base, changes });
  }
  return out;
}
