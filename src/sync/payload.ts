// What calsync sends to Cal.com (SPEC §3.1–3.2): only fields CreateEventTypeInput_2024_06_14 accepts.
// Cal.com takes no price or currency on input (output only), so they are never sent.
import { createHash } from 'node:crypto';
import type { EventTypePayload } from './ports.js';
import { slugFor } from './slug.js';
import { firstControl } from './text.js';
import type { Service } from './types.js';

/**
 * The catalogue's limits (SPEC §3.1), one rule set for `calsync services import` and for the engine, so a
 * row another system wrote straight into the table fails before any API call just as a file row would.
 * Each rule returns what is wrong with one column, or null.
 */
export const SERVICE_LIMITS = { nameMax: 500, durationMax: 7 * 24 * 60, descriptionMax: 10_000 } as const;

/** A name is one line: a tab or a newline in an event type's title is an accident, never intended. */
export function nameProblem(name: string): string | null {
  if (name.trim() === '') return 'must not be empty';
  if (name.length > SERVICE_LIMITS.nameMax) return `must be at most ${SERVICE_LIMITS.nameMax} characters`;
  const control = firstControl(name);
  return control ? `must not contain control characters (${control})` : null;
}

export function durationProblem(minutes: number): string | null {
  if (!Number.isInteger(minutes)) return 'must be a whole number';
  if (minutes < 1) return 'must be at least 1 minute';
  if (minutes > SERVICE_LIMITS.durationMax) return `must be at most a week (${SERVICE_LIMITS.durationMax} minutes)`;
  return null;
}

/** A description may have lines and tabs; any other control character is refused. */
export function descriptionProblem(description: string | null): string | null {
  if (description === null) return null;
  if (description.length > SERVICE_LIMITS.descriptionMax) return `must be at most ${SERVICE_LIMITS.descriptionMax} characters`;
  const control = firstControl(description, ['\n', '\r', '\t']);
  return control ? `must not contain control characters other than line breaks and tabs (${control})` : null;
}

/** Why a service can't be synced, or null when it can. Checked before any API call. */
export function invalidReason(service: Pick<Service, 'name' | 'durationMinutes'> & Partial<Pick<Service, 'description'>>): string | null {
  if (typeof service.name !== 'string' || service.name.trim() === '') return 'the service has no name';
  const problems: Array<[string, string | null]> = [
    ['name', nameProblem(service.name)],
    ['duration_minutes', durationProblem(service.durationMinutes)],
    ['description', descriptionProblem(service.description ?? null)],
  ];
  const found = problems.find(([, problem]) => problem !== null);
  if (!found) return null;
  const [column, problem] = found;
  const length = column === 'name' ? service.name.length : (service.description ?? '').length;
  const is = column === 'duration_minutes' ? ` (is ${service.durationMinutes})` : problem!.startsWith('must be at most') ? ` (is ${length})` : '';
  return `${column} ${problem}${is}`;
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
