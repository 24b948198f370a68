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
 * A broken rule is data (`ServiceProblem`): English here for sync_runs.error, the CLI and file imports;
 * Slack words it in the reader's language (i18n `serviceProblem`).
 */
const SERVICE_LIMITS = { nameMax: 500, durationMax: 7 * 24 * 60, descriptionMax: 10_000 } as const;

type TextColumn = 'name' | 'description';

/** One broken rule; `actual` is the value (or length) that broke it, when the whole row is judged. */
export type ServiceProblem =
  | { rule: 'no-name' }
  | { rule: 'empty'; column: 'name' }
  | { rule: 'too-long'; column: TextColumn; limit: number; actual?: number }
  | { rule: 'control'; column: TextColumn; codePoint: string; position: number }
  | { rule: 'not-whole' | 'too-short'; column: 'duration_minutes'; actual?: number }
  | { rule: 'over-a-week'; column: 'duration_minutes'; limit: number; actual?: number };

type ColumnProblem = Exclude<ServiceProblem, { rule: 'no-name' }>;

/** A name is one line: a tab or a newline in an event type's title is an accident, never intended. */
function nameRule(name: string): ColumnProblem | null {
  if (name.trim() === '') return { rule: 'empty', column: 'name' };
  if (name.length > SERVICE_LIMITS.nameMax) return { rule: 'too-long', column: 'name', limit: SERVICE_LIMITS.nameMax };
  const control = firstControl(name);
  return control && { rule: 'control', column: 'name', ...control };
}

function durationRule(minutes: number): ColumnProblem | null {
  if (!Number.isInteger(minutes)) return { rule: 'not-whole', column: 'duration_minutes' };
  if (minutes < 1) return { rule: 'too-short', column: 'duration_minutes' };
  if (minutes > SERVICE_LIMITS.durationMax) return { rule: 'over-a-week', column: 'duration_minutes', limit: SERVICE_LIMITS.durationMax };
  return null;
}

/** A description may have lines and tabs; any other control character is refused. */
function descriptionRule(description: string | null): ColumnProblem | null {
  if (description === null) return null;
  const limit = SERVICE_LIMITS.descriptionMax;
  if (description.length > limit) return { rule: 'too-long', column: 'description', limit };
  const control = firstControl(description, ['\n', '\r', '\t']);
  return control && { rule: 'control', column: 'description', ...control };
}

/** What the rule asks of its column: `must be at most 500 characters`. */
function ruleText(p: ColumnProblem): string {
  switch (p.rule) {
    case 'empty':
      return 'must not be empty';
    case 'too-long':
      return `must be at most ${p.limit} characters`;
    case 'control': {
      const which = p.column === 'description' ? 'control characters other than line breaks and tabs' : 'control characters';
      return `must not contain ${which} (${p.codePoint} at character ${p.position})`;
    }
    case 'not-whole':
      return 'must be a whole number';
    case 'too-short':
      return 'must be at least 1 minute';
    case 'over-a-week':
      return `must be at most a week (${p.limit} minutes)`;
  }
}

/** The problem in English: `duration_minutes must be at least 1 minute (is 0)`. */
export function problemText(p: ServiceProblem): string {
  if (p.rule === 'no-name') return 'the service has no name';
  return `${p.column} ${ruleText(p)}${'actual' in p && p.actual !== undefined ? ` (is ${p.actual})` : ''}`;
}

const text = (p: ColumnProblem | null): string | null => p && ruleText(p);

/** For the file import: what is wrong with one column, or null. */
export const nameProblem = (name: string): string | null => text(nameRule(name));
export const durationProblem = (minutes: number): string | null => text(durationRule(minutes));
export const descriptionProblem = (description: string | null): string | null => text(descriptionRule(description));

type Checked = Pick<Service, 'name' | 'durationMinutes'> & Partial<Pick<Service, 'description'>>;

/** The first rule the service breaks, or null when it can be synced. Checked before any API call. */
export function serviceProblem(service: Checked): ServiceProblem | null {
  if (typeof service.name !== 'string' || service.name.trim() === '') return { rule: 'no-name' };
  const p = nameRule(service.name) ?? durationRule(service.durationMinutes) ?? descriptionRule(service.description ?? null);
  if (!p) return null;
  if (p.column === 'duration_minutes') return { ...p, actual: service.durationMinutes };
  if (p.rule === 'too-long') return { ...p, actual: p.column === 'name' ? service.name.length : (service.description ?? '').length };
  return p;
}

/** Why a service can't be synced, in English, or null when it can. */
export function invalidReason(service: Checked): string | null {
  const p = serviceProblem(service);
  return p && problemText(p);
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
