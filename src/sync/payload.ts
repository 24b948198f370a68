// What calsync sends to Cal.com (SPEC §3.1–3.2): only fields CreateEventTypeInput_2024_06_14 accepts.
// Cal.com takes no price or currency on input (output only), so they are never sent.
import { createHash } from 'node:crypto';
import type { EventTypePayload } from './ports.js';
import { slugFor } from './slug.js';
import type { Service } from './types.js';

/** Why a service can't be synced, or null when it can. Checked before any API call. */
export function invalidReason(service: Pick<Service, 'name' | 'durationMinutes'>): string | null {
  if (typeof service.name !== 'string' || service.name.trim() === '') return 'the service has no name';
  const d = service.durationMinutes;
  if (!Number.isInteger(d) || d < 1) return `the duration must be a whole number of minutes ≥ 1 (is ${d})`;
  return null;
}

export function payloadFor(service: Service): EventTypePayload {
  return {
    title: service.name.trim(),
    slug: slugFor(service),
    lengthInMinutes: service.durationMinutes,
    ...(service.description ? { description: service.description } : {}),
    hidden: !service.active,
  };
}

/** A stable fingerprint of the payload, stored with each successful run to tell when the catalogue moved on. */
export function payloadHash(payload: EventTypePayload): string {
  const ordered = [payload.title, payload.slug, payload.lengthInMinutes, payload.description ?? '', payload.hidden];
  return createHash('sha256').update(JSON.stringify(ordered)).digest('hex').slice(0, 16);
}
