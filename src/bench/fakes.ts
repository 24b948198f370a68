// In-process stand-ins for the engine's two ports, so the engine's own CPU can be measured with Cal.com
// "answering instantly" and no database: the sandbox's in-memory catalogue and an event-type store that keeps slugs unique per owner like Cal.com.
import { ApiFailureError, type EventTypePayload, type EventTypes, type RemoteEventType, type UpdatePayload } from '../sync/ports.js';
import { aService } from '../sandbox/services.js';
import type { Service } from '../sync/types.js';

export function benchService(id: number, overrides: Partial<Service> = {}): Service {
  return aService({
    id,
    name: `Ansatz + Längenausgleich Nr. ${id}`,
    description: 'Ansatzfarbe mit Längenausgleich, Waschen und Föhnen inklusive',
    durationMinutes: 30 + (id % 7) * 15,
    priceCents: 4500,
    currency: 'EUR',
    ...overrides,
  });
}

export { MemoryStore } from '../sandbox/memory-store.js';

class FakeApiFailure extends ApiFailureError {
  readonly retryable = false;
  constructor(
    readonly status: number,
    readonly apiMessage: string,
  ) {
    super(`Cal.com API error ${status}: ${apiMessage}`);
  }
}

/** Cal.com answering at once, in process: no HTTP, no JSON, no limiter. */
export function instantEventTypes(firstId = 4_000_000): EventTypes & { size(): number } {
  const byId = new Map<number, RemoteEventType>();
  const bySlug = new Map<string, number>();
  let next = firstId;
  return {
    size: () => byId.size,
    async create(payload: EventTypePayload) {
      if (bySlug.has(payload.slug)) throw new FakeApiFailure(400, `User already has an event type with this slug: ${payload.slug}`);
      const e: RemoteEventType = { id: next++, ...payload };
      byId.set(e.id, e);
      bySlug.set(e.slug, e.id);
      return { ...e };
    },
    async get(id: number) {
      const e = byId.get(id);
      if (!e) throw new FakeApiFailure(404, `Event type with id ${id} not found`);
      return { ...e };
    },
    async listOwn() {
      return [...byId.values()].map((e) => ({ ...e }));
    },
    async update(id: number, payload: UpdatePayload) {
      const e = byId.get(id);
      if (!e) throw new FakeApiFailure(404, `Event type with id ${id} not found`);
      Object.assign(e, payload);
      return { ...e };
    },
  };
}
