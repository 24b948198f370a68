// Cal.com → catalogue (SPEC §4 "Import"): which of the key owner's event types to link to an existing
// service and which to add as new services. The catalogue stays the source of truth: a service that is
// already linked is never touched. New services need ids that fit the catalogue's integer column: taking
// "the highest id + 1" broke the whole import once some system had used id 2147483647.
import { invalidReason } from './payload.js';
import type { RemoteEventType } from './ports.js';
import { slugFor } from './slug.js';
import type { Service } from './types.js';

export interface NewService {
  id: number;
  name: string;
  durationMinutes: number;
  description: string | null;
  active: boolean;
  eventTypeId: number;
  /** The event type's own slug: its booking URL stays as it is. */
  slug: string;
}

export interface ImportPlan {
  link: { serviceId: number; eventTypeId: number; slug: string }[];
  create: NewService[];
  /** Event types already linked to a service: left alone. */
  alreadyLinked: number;
  /** Event types that can't become a service (outside the catalogue's limits, or no id left), with why. */
  skipped: { eventTypeId: number; reason: string }[];
}

/** The largest id the catalogue's `id integer` column holds (PostgreSQL's integer). */
export const MAX_SERVICE_ID = 2 ** 31 - 1;

/**
 * Ids for new services, in the order to use them: first those above the highest id in use (so the id of a
 * deleted service, which its audit trail still names, is not handed out while there is room), then the gaps
 * below it from 1 up. Lazy: an import takes only as many as it needs.
 */
export function* freeServiceIds(used: Iterable<number>, maxId = MAX_SERVICE_ID): Generator<number> {
  const taken = [...new Set(used)].filter((id) => id >= 1 && id <= maxId).sort((a, b) => a - b);
  const highest = taken.at(-1) ?? 0;
  for (let id = highest + 1; id <= maxId; id++) yield id;
  let next = 1;
  for (const id of taken) {
    for (; next < id; next++) yield next;
    next = id + 1;
  }
}

/** Why an event type can't become a service (the catalogue's own limits, SPEC §3.1), or null. */
function unfit(fresh: { name: string; durationMinutes: number; description: string | null }): string | null {
  if (!Number.isInteger(fresh.durationMinutes) || fresh.durationMinutes < 1) return `length ${fresh.durationMinutes} is not a whole number of minutes`;
  const invalid = invalidReason(fresh);
  return invalid ? `it would be an invalid service: ${invalid}` : null;
}

export function planImport(
  eventTypes: readonly RemoteEventType[],
  services: readonly Pick<Service, 'id' | 'name' | 'calcomEventTypeId'>[],
  opts: { maxId?: number } = {},
): ImportPlan {
  const linked = new Set(services.map((s) => s.calcomEventTypeId).filter((id): id is number => id != null));
  const unlinkedBySlug = new Map(services.filter((s) => s.calcomEventTypeId == null).map((s) => [slugFor(s), s.id]));
  const ids = freeServiceIds(services.map((s) => s.id), opts.maxId);
  const plan: ImportPlan = { link: [], create: [], alreadyLinked: 0, skipped: [] };
  for (const et of [...eventTypes].sort((a, b) => a.id - b.id)) {
    if (linked.has(et.id)) {
      plan.alreadyLinked++;
      continue;
    }
    if (et.id > MAX_SERVICE_ID) {
      plan.skipped.push({ eventTypeId: et.id, reason: `its id is beyond what the catalogue can store (${MAX_SERVICE_ID})` });
      continue;
    }
    const match = unlinkedBySlug.get(et.slug);
    if (match !== undefined) {
      plan.link.push({ serviceId: match, eventTypeId: et.id, slug: et.slug });
      unlinkedBySlug.delete(et.slug);
      continue;
    }
    const fresh = { name: et.title, durationMinutes: et.lengthInMinutes, description: et.description ?? null };
    const invalid = unfit(fresh);
    const id = invalid ? null : ids.next();
    if (invalid || !id || id.done) {
      plan.skipped.push({ eventTypeId: et.id, reason: invalid ?? `no free service id is left (every id from 1 to ${opts.maxId ?? MAX_SERVICE_ID} is taken)` });
      continue;
    }
    plan.create.push({ id: id.value, ...fresh, active: !et.hidden, eventTypeId: et.id, slug: et.slug });
  }
  return plan;
}
