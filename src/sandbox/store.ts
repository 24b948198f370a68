// In-memory event types. Enforces what the database does in Cal.com: ids only ever grow (a deleted
// id is never handed out again, even after reset) and (ownerId, slug) is unique.
import type { EmulatorEventType } from './types.js';

/** Output defaults in the shape of EventTypeOutput_2024_06_14 for fields the caller never set. */
function defaults(): Record<string, unknown> {
  return {
    lengthInMinutesOptions: undefined,
    locations: [],
    bookingFields: [],
    disableGuests: false,
    slotInterval: null,
    minimumBookingNotice: 120,
    beforeEventBuffer: 0,
    afterEventBuffer: 0,
    recurrence: null,
    metadata: {},
    lockTimeZoneToggleOnBookingPage: false,
    seatsPerTimeSlot: null,
    forwardParamsSuccessRedirect: true,
    successRedirectUrl: null,
    isInstantEvent: false,
    seatsShowAvailabilityCount: true,
    scheduleId: null,
    bookingLimitsCount: {},
    onlyShowFirstAvailableSlot: false,
    bookingLimitsDuration: {},
    bookingWindow: [],
    bookerLayouts: { enabledLayouts: ['month'], defaultLayout: 'month' },
    confirmationPolicy: { disabled: true },
    requiresBookerEmailVerification: false,
    hideCalendarNotes: false,
    hideCalendarEventDetails: false,
    hideOrganizerEmail: false,
    bookingRequiresAuthentication: false,
  };
}

export class DuplicateSlugError extends Error {}

export class EventTypeStore {
  private readonly items = new Map<number, EmulatorEventType>();
  private nextId: number;

  constructor(firstId: number) {
    this.nextId = firstId;
  }

  get(id: number): EmulatorEventType | undefined {
    return this.items.get(id);
  }

  /** Sorted by id, i.e. creation order. */
  list(ownerId?: number): EmulatorEventType[] {
    const all = [...this.items.values()].sort((a, b) => a.id - b.id);
    return ownerId === undefined ? all : all.filter((e) => e.ownerId === ownerId);
  }

  slugTaken(ownerId: number, slug: string, exceptId?: number): boolean {
    for (const e of this.items.values()) if (e.ownerId === ownerId && e.slug === slug && e.id !== exceptId) return true;
    return false;
  }

  /** `fields` already validated; `id` only from seeding, which may pin one but never reuse it. */
  create(ownerId: number, fields: Record<string, unknown>, users: string[], id?: number): EmulatorEventType {
    const slug = String(fields.slug);
    if (this.slugTaken(ownerId, slug)) throw new DuplicateSlugError(slug);
    if (id !== undefined && this.items.has(id)) throw new Error(`Event type id ${id} already exists`);
    const newId = id ?? this.nextId;
    this.nextId = Math.max(this.nextId, newId + 1);
    const { id: _i, ownerId: _o, ...rest } = fields;
    // Key order only for readable dumps: the identifying fields first, as Cal.com prints them.
    const head = { id: newId, title: rest.title, slug, lengthInMinutes: rest.lengthInMinutes, description: null };
    const et = { ...head, hidden: false, ownerId, price: 0, currency: 'usd', ...defaults() };
    Object.assign(et, rest, { users });
    for (const [k, v] of Object.entries(et)) if (v === undefined) delete (et as Record<string, unknown>)[k];
    this.items.set(newId, et as EmulatorEventType);
    return structuredClone(et as EmulatorEventType);
  }

  update(id: number, fields: Record<string, unknown>): EmulatorEventType {
    const et = this.items.get(id);
    if (!et) throw new Error(`Event type id ${id} does not exist`);
    if (typeof fields.slug === 'string' && this.slugTaken(et.ownerId, fields.slug, id)) {
      throw new DuplicateSlugError(fields.slug);
    }
    Object.assign(et, fields, { id: et.id, ownerId: et.ownerId });
    return structuredClone(et);
  }

  delete(id: number): EmulatorEventType | undefined {
    const et = this.items.get(id);
    this.items.delete(id);
    return et;
  }

  /** Drops everything but keeps the id counter, so ids stay unique for the life of the process. */
  clear(): void {
    this.items.clear();
  }
}

/** The 2024-04-15 EventTypeOutput: `length` instead of `lengthInMinutes`, `userId` instead of `ownerId`. */
export function legacyOutput(et: EmulatorEventType): Record<string, unknown> {
  const { lengthInMinutes, ownerId, users: _users, ...rest } = et;
  return { ...rest, length: lengthInMinutes, userId: ownerId, teamId: null, eventName: null, timeZone: null };
}
