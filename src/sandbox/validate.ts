// Body validation as Cal.com's global ValidationPipe does it: `whitelist: true` silently drops every
// property the DTO does not declare (that is why `price` and `currency` vanish), and failures become
// class-validator errors. Two DTO families: 2024-06-14 (`lengthInMinutes`) and the legacy 2024-04-15
// controller that answers when the cal-api-version header is missing (`length`).
import type { ValidationError } from './errors.js';

type Kind = 'string' | 'nonEmpty' | 'bool' | 'int0' | 'int1' | 'array' | 'object' | 'textOrNull';

const COMMON: Record<string, Kind> = {
  title: 'nonEmpty',
  slug: 'nonEmpty',
  description: 'textOrNull',
  hidden: 'bool',
  locations: 'array',
  bookingFields: 'array',
  disableGuests: 'bool',
  slotInterval: 'int1',
  minimumBookingNotice: 'int0',
  beforeEventBuffer: 'int0',
  afterEventBuffer: 'int0',
  scheduleId: 'int1',
  successRedirectUrl: 'string',
  lockTimeZoneToggleOnBookingPage: 'bool',
  requiresBookerEmailVerification: 'bool',
  hideCalendarNotes: 'bool',
};

/** CreateEventTypeInput_2024_06_14 / UpdateEventTypeInput_2024_06_14 (the subset worth checking). */
export const FIELDS_2024_06_14: Record<string, Kind> = {
  ...COMMON,
  lengthInMinutes: 'int1',
  lengthInMinutesOptions: 'array',
  bookingLimitsCount: 'object',
  bookerActiveBookingsLimit: 'object',
  onlyShowFirstAvailableSlot: 'bool',
  bookingLimitsDuration: 'object',
  bookingWindow: 'array',
  offsetStart: 'int0',
  bookerLayouts: 'object',
  confirmationPolicy: 'object',
  recurrence: 'object',
  color: 'object',
  seats: 'object',
  customName: 'string',
  destinationCalendar: 'object',
  useDestinationCalendarEmail: 'bool',
  hideCalendarEventDetails: 'bool',
  hideOrganizerEmail: 'bool',
  calVideoSettings: 'object',
  bookingRequiresAuthentication: 'bool',
};

/** CreateEventTypeInput_2024_04_15: `length`, and nothing that knows about `lengthInMinutes`. */
export const FIELDS_LEGACY: Record<string, Kind> = { ...COMMON, length: 'int1' };

const CHECKS: Record<Kind, Array<[name: string, ok: (v: unknown) => boolean, msg: string]>> = {
  string: [['isString', (v) => typeof v === 'string', 'must be a string']],
  nonEmpty: [
    ['isString', (v) => typeof v === 'string', 'must be a string'],
    ['isNotEmpty', (v) => typeof v === 'string' && v.trim() !== '', 'should not be empty'],
  ],
  textOrNull: [['isString', (v) => v === null || typeof v === 'string', 'must be a string']],
  bool: [['isBoolean', (v) => typeof v === 'boolean', 'must be a boolean value']],
  int0: [
    ['isInt', Number.isInteger, 'must be an integer number'],
    ['min', (v) => typeof v === 'number' && v >= 0, 'must not be less than 0'],
  ],
  int1: [
    ['isInt', Number.isInteger, 'must be an integer number'],
    ['min', (v) => typeof v === 'number' && v >= 1, 'must not be less than 1'],
  ],
  array: [['isArray', Array.isArray, 'must be an array']],
  object: [['isObject', (v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'must be an object']],
};

/** The 2024-06-14 slug transform: trimmed, leading `-`, `.` and `_` stripped. */
export function normalizeSlug(slug: unknown): unknown {
  return typeof slug === 'string' ? slug.trim().replace(/^[-._]+/, '') : slug;
}

export type Validated = { ok: true; value: Record<string, unknown> } | { ok: false; errors: ValidationError[] };

/**
 * Keep only declared fields, check them, and require `required`. `null` on an optional field is
 * skipped like @IsOptional() does (and dropped, except where the field is nullable).
 */
export function validateBody(raw: unknown, fields: Record<string, Kind>, required: readonly string[]): Validated {
  const body = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const value: Record<string, unknown> = {};
  const errors: ValidationError[] = [];
  for (const [property, kind] of Object.entries(fields)) {
    const v = body[property];
    const isRequired = required.includes(property);
    if ((v === undefined || v === null) && !isRequired) {
      if (v === null && kind === 'textOrNull') value[property] = null;
      continue;
    }
    const constraints: Record<string, string> = {};
    for (const [name, ok, msg] of CHECKS[kind]) if (!ok(v)) constraints[name] = `${property} ${msg}`;
    if (Object.keys(constraints).length > 0) errors.push({ target: body, value: v, property, children: [], constraints });
    else value[property] = v;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}
