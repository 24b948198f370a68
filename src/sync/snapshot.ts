// A bulk run reads the key owner's whole list once (`GET /event-types`, not paginated) and plans every
// service against it. The list is evidence of what exists, never proof that something is gone: a missing
// id is confirmed by a GET before anything is recreated (SPEC §3.7).
import { slugToCreate, type Link, type Live } from './plan.js';
import type { RemoteEventType } from './ports.js';
import type { Service } from './types.js';

/** The key owner's event types, read once by a bulk run (`GET /event-types`, not paginated). */
export interface ListSnapshot {
  byId: ReadonlyMap<number, RemoteEventType>;
  bySlug: ReadonlyMap<string, RemoteEventType>;
}

export function snapshotOf(list: readonly RemoteEventType[]): ListSnapshot {
  return { byId: new Map(list.map((e) => [e.id, e])), bySlug: new Map(list.map((e) => [e.slug, e])) };
}

/** What Cal.com has for this service according to a list read earlier; undefined where only a GET can tell. */
export function liveFromList(service: Pick<Service, 'id' | 'name'>, link: Link, listed: ListSnapshot): Live | undefined {
  if (link.eventTypeId !== null) {
    const found = listed.byId.get(link.eventTypeId);
    // Missing from the list is not yet proof (SPEC §3.7): the engine confirms it with a GET.
    return found ? { kind: 'found', eventType: found } : undefined;
  }
  const bySlug = listed.bySlug.get(slugToCreate(service, link));
  return bySlug ? { kind: 'found', eventType: bySlug } : { kind: 'absent' };
}
