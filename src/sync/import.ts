// Cal.com → catalogue (SPEC §4 "Import"): which of the key owner's event types to link to an existing
// service and which to add as new services. The catalogue stays the source of truth: a service that is
// already linked is never touched.
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
  /** Event types that can't become a service (no usable length), with why. */
  skipped: { eventTypeId: number; reason: string }[];
}

export function planImport(eventTypes: readonly RemoteEventType[], services: readonly Pick<Service, 'id' | 'name' | 'calcomEventTypeId'>[]): ImportPlan {
  const linked = new Set(services.map((s) => s.calcomEventTypeId).filter((id): id is number => id != null));
  const unlinkedBySlug = new Map(services.filter((s) => s.calcomEventTypeId == null).map((s) => [slugFor(s), s.id]));
  let nextId = services.reduce((max, s) => Math.max(max, s.id), 0) + 1;
  const plan: ImportPlan = { link: [], create: [], alreadyLinked: 0, skipped: [] };
  for (const et of [...eventTypes].sort((a, b) => a.id - b.id)) {
    if (linked.has(et.id)) {
      plan.alreadyLinked++;
      continue;
    }
    const match = unlinkedBySlug.get(et.slug);
    if (match !== undefined) {
      plan.link.push({ serviceId: match, eventTypeId: et.id, slug: et.slug });
      unlinkedBySlug.delete(et.slug);
      continue;
    }
    if (!Number.isInteger(et.lengthInMinutes) || et.lengthInMinutes < 1) {
      plan.skipped.push({ eventTypeId: et.id, reason: `length ${et.lengthInMinutes} is not a whole number of minutes` });
      continue;
    }
    plan.create.push({ id: nextId++, name: et.title, durationMinutes: et.lengthInMinutes, description: et.description ?? null, active: !et.hidden, eventTypeId: et.id, slug: et.slug });
  }
  return plan;
}
