// Cal.com → catalogue (SPEC §4 "Import"): which of the key owner's event types to link to an existing
// service and which to add as new services. The catalogue stays the source of truth: a service that is
// already linked is never touched. New services need ids that fit the catalogue's integer column: taking
// "the highest id + 1" broke the whole import once some system had used id 2147483647.
import { MAX_SERVICE_ID } from './ids.js';
import { invalidReason } from './payload.js';
import type { RemoteEventType, Target } from './ports.js';
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
  /** Whose list it was read from: a team (CALCOM_TEAM_ID), or null for the key owner's own; links remember it. */
  teamId?: Target;
  link: { serviceId: number; eventTypeId: number; slug: string }[];
  create: NewService[];
  /** Event types already linked to a service: left alone. */
  alreadyLinked: number;
  /** Event types that can't become a service (outside the catalogue's limits, or no id left), with why. */
  skipped: { eventTypeId: number; reason: string }[];
}

/**
 * Ids for new services, in the order to use them: first those above the highest id in use (so the id of a
 * deleted service, which its audit trail still names, is not handed out while there is room), then the gaps
 * below it from 1 up. Lazy: an import takes only as many as it needs.
 */
function* freeServiceIds(used: Iterable<number>, maxId = MAX_SERVICE_ID): Generator<number> {
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
  if (!Number.isInteger(fresh.durationMinutes) || fresh.durationMinutes < 1)
    return `length ${fresh.durationMinutes} is not a whole number of minutes`;
  const invalid = invalidReason(fresh);
  return invalid ? `it would be an invalid service: ${invalid}` : null;
}

export function planImport(
  eventTypes: readonly RemoteEventType[],
  services: readonly Pick<Service, 'id' | 'name' | 'calcomEventTypeId'>[],
  opts: { maxId?: number; teamId?: Target } = {},
): ImportPlan {
  const linked = new Set(services.map((s) => s.calcomEventTypeId).filter((id): id is number => id != null));
  // From a team's list, a service linked outside it (to the key owner's personal event type, after a switch
  // to CALCOM_TEAM_ID) still owns its slug: the team's event type with that slug is not imported as a second
  // copy of the service; `sync --move` links it. (From the owner's own list a copy is made, as before.)
  const listed = new Set(eventTypes.map((e) => e.id));
  const linkedElsewhereBySlug = new Map(
    opts.teamId == null
      ? []
      : services.filter((s) => s.calcomEventTypeId != null && !listed.has(s.calcomEventTypeId)).map((s) => [slugFor(s), s]),
  );
  const unlinkedBySlug = new Map(services.filter((s) => s.calcomEventTypeId == null).map((s) => [slugFor(s), s.id]));
  const ids = freeServiceIds(
    services.map((s) => s.id),
    opts.maxId,
  );
  const plan: ImportPlan = { teamId: opts.teamId ?? null, link: [], create: [], alreadyLinked: 0, skipped: [] };
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
    const owner = linkedElsewhereBySlug.get(et.slug);
    if (owner) {
      plan.skipped.push({
        eventTypeId: et.id,
        reason: `it has the slug of service ${owner.id}, which is linked to event type ${owner.calcomEventTypeId} outside team ${opts.teamId}: \`calsync sync ${owner.id} --move\` links it instead of importing a copy`,
      });
      continue;
    }
    const fresh = { name: et.title, durationMinutes: et.lengthInMinutes, description: et.description ?? null };
    const invalid = unfit(fresh);
    const id = invalid ? null : ids.next();
    if (invalid || !id || id.done) {
      plan.skipped.push({
        eventTypeId: et.id,
        reason: invalid ?? `no free service id is left (every id from 1 to ${opts.maxId ?? MAX_SERVICE_ID} is taken)`,
      });
      continue;
    }
    plan.create.push({ id: id.value, ...fresh, active: !et.hidden, eventTypeId: et.id, slug: et.slug });
  }
  return plan;
}
