// The sync decision (SPEC §3.5), the one place it lives: from the service, its link (with the slug
// calsync remembers for it) and what Cal.com is known to have, one step. Pure data, so the engine can
// carry it out, the CLI and Slack can preview it, and the audit can record it.
// The trap: the slug is the public booking URL. It is sent on create only, never on an update, so a
// rename never moves the URL and an adopted or imported event type keeps the slug it has.
import { invalidReason } from './payload.js';
import type { CreatePayload, DesiredFields, RemoteEventType, Target, UpdatePayload } from './ports.js';
import { slugFor } from './slug.js';
import type { Service } from './types.js';

/** The fields calsync keeps in step, in the order they are listed. */
const MANAGED_FIELDS = ['title', 'lengthInMinutes', 'description', 'hidden'] as const;
export type ManagedField = (typeof MANAGED_FIELDS)[number];

/** One field that differs: what Cal.com has (`from`, undefined when not read) and what the catalogue wants (`to`). */
export interface FieldChange {
  field: ManagedField;
  from: unknown;
  to: unknown;
}

/**
 * What is known about Cal.com for this service. For a linked service it is the linked event type; for an
 * unlinked one, the owner's event type with the service's slug (found: adopt it; absent: the slug is free).
 */
export type Live =
  | { kind: 'found'; eventType: RemoteEventType }
  | { kind: 'absent' } // proven: entity-not-found from a GET, or missing from the list and confirmed
  /** Not the target's, but it exists where it was linked (the key owner's personal one, or another team's). */
  | { kind: 'elsewhere'; eventType: RemoteEventType; under: Target; target: Target }
  | { kind: 'unread' }; // nothing read (Cal.com not asked, or not answering)

export interface Link {
  eventTypeId: number | null;
  /** The slug of the event type calsync last linked to this service, if it remembers one. */
  slug: string | null;
  /** The target calsync linked it under (a team id, null: personal); undefined when not known. */
  linkedUnder?: Target;
}

export type Step =
  | { step: 'in-sync'; eventTypeId: number }
  | { step: 'update'; eventTypeId: number; changes: FieldChange[] }
  | { step: 'create'; payload: CreatePayload }
  | { step: 'adopt'; eventTypeId: number; slug: string; changes: FieldChange[] }
  | { step: 'recreate'; oldEventTypeId: number; payload: CreatePayload }
  /**
   * Linked to an event type of another target (`from`: a team, or null: the key owner's personal ones):
   * the target gets its own under the same slug, and the old one is left as it is. A sync only carries it
   * out when asked to (`--move`); otherwise it is refused, never silently duplicated.
   */
  | { step: 'move'; eventTypeId: number; from: Target; to: Target; payload: CreatePayload }
  | { step: 'invalid'; reason: string };

export type StepKind = Step['step'];

/** What the catalogue wants Cal.com to show, without the slug (which only a create sends). */
function desiredFields(service: Service): DesiredFields {
  return {
    title: service.name.trim(),
    lengthInMinutes: service.durationMinutes,
    description: service.description ?? '',
    hidden: !service.active,
  };
}

/** The slug a create uses: the remembered one (so an old booking URL works again), else the service's own. */
export function slugToCreate(service: Pick<Service, 'id' | 'name'>, link: Pick<Link, 'slug'>): string {
  return link.slug ?? slugFor(service);
}

export function createPayload(service: Service, link: Pick<Link, 'slug'>): CreatePayload {
  const { description, ...rest } = desiredFields(service);
  // An empty description is simply left out of a create; Cal.com's default is none.
  return { ...rest, slug: slugToCreate(service, link), ...(description ? { description } : {}) };
}

// Cal.com answers null, "" or nothing for "no description", and leaves `hidden` out when false.
const normal: Record<ManagedField, (v: unknown) => unknown> = {
  title: (v) => v,
  lengthInMinutes: (v) => v,
  description: (v) => (v === null || v === undefined ? '' : v),
  hidden: (v) => v === true,
};

/** The managed fields where the live event type differs from the catalogue, each old → new. */
export function changesBetween(service: Service, live: RemoteEventType | null): FieldChange[] {
  const want = desiredFields(service);
  const out: FieldChange[] = [];
  for (const field of MANAGED_FIELDS) {
    if (live && normal[field](live[field]) === normal[field](want[field])) continue;
    out.push({ field, from: live ? (live[field] ?? null) : undefined, to: want[field] });
  }
  return out;
}

/** The PATCH body of an update: only the changed fields, never the slug. */
export function updateBody(changes: readonly FieldChange[]): UpdatePayload {
  return Object.fromEntries(changes.map((c) => [c.field, c.to])) as UpdatePayload;
}

export function plan(service: Service, link: Link, live: Live): Step {
  const invalid = invalidReason(service);
  if (invalid) return { step: 'invalid', reason: invalid };
  if (link.eventTypeId !== null) {
    const id = link.eventTypeId;
    if (live.kind === 'absent') return { step: 'recreate', oldEventTypeId: id, payload: createPayload(service, link) };
    // Under the slug it has now: the tail of its booking URL stays the same on the target.
    if (live.kind === 'elsewhere')
      return {
        step: 'move',
        eventTypeId: id,
        from: live.under,
        to: live.target,
        payload: createPayload(service, { slug: live.eventType.slug }),
      };
    // Not read: every field, as an update without knowing what is there (never a create).
    const changes = changesBetween(service, live.kind === 'found' ? live.eventType : null);
    return changes.length === 0 ? { step: 'in-sync', eventTypeId: id } : { step: 'update', eventTypeId: id, changes };
  }
  if (live.kind === 'found') {
    return { step: 'adopt', eventTypeId: live.eventType.id, slug: live.eventType.slug, changes: changesBetween(service, live.eventType) };
  }
  // Absent or unread: create; a 400 "duplicate slug" from Cal.com still turns into an adoption.
  return { step: 'create', payload: createPayload(service, link) };
}

/** Counts per step, for previews ("Apply: 3 updates, 1 recreate; 996 in sync"). */
export function countSteps(steps: readonly Step[]): Partial<Record<StepKind, number>> {
  const counts: Partial<Record<StepKind, number>> = {};
  for (const s of steps) counts[s.step] = (counts[s.step] ?? 0) + 1;
  return counts;
}

/** `lengthInMinutes 45 → 60`, for logs, the CLI and Slack's fallback text. */
export function changeLine(change: FieldChange, show: (v: unknown) => string = showValue): string {
  return `${change.field} ${change.from === undefined ? '?' : show(change.from)} → ${show(change.to)}`;
}

export function showValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 59)}…` : v);
  return String(v);
}
