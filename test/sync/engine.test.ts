// The seed's scenarios (issue 2), against the real Cal.com client with nock standing in for Cal.com.
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { calcomNock, engineFor, err, eventType, KEY, ok } from '../support/calcom-nock.js';
import { MemoryStore, service } from '../support/memory-store.js';

const ansatz = service({ id: 85, name: 'Ansatz + Längenausgleich', durationMinutes: 45, calcomEventTypeId: 3757698 });
const SLUG = 'ansatz-langenausgleich-85';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending, 'every declared interceptor is used').toEqual([]);
});

describe('sync engine', () => {
  it('linked service → PATCH → updated, nothing created', async () => {
    const store = new MemoryStore(ansatz);
    calcomNock()
      .patch('/v2/event-types/3757698', { title: 'Ansatz + Längenausgleich', slug: SLUG, lengthInMinutes: 45, hidden: false })
      .reply(200, ok(eventType(3757698, SLUG)));
    const result = await engineFor(store).engine.sync({ serviceId: 85, trigger: 'cli' });
    expect(result).toMatchObject({ kind: 'updated', eventTypeId: 3757698, attempts: 1 });
    expect(store.services.get(85)).toMatchObject({ syncStatus: 'synced', syncError: null, syncAttempts: 1, calcomEventTypeId: 3757698 });
    expect(store.services.get(85)!.lastSyncSuccess).toBeInstanceOf(Date);
    expect(store.runs[0]).toMatchObject({ trigger: 'cli', action: 'update', outcome: 'updated', newEventTypeId: 3757698, attempts: 1 });
  });

  it('new service → POST → id from data.id saved → next sync PATCHes', async () => {
    const store = new MemoryStore(service({ id: 90, name: 'Balayage', durationMinutes: 120, priceCents: 9900, currency: 'EUR' }));
    calcomNock()
      .post('/v2/event-types', (body) => body.slug === 'balayage-90' && body.lengthInMinutes === 120 && !('price' in body) && !('currency' in body))
      .reply(201, { status: 'success', data: eventType(3761978, 'balayage-90'), eventType: { id: 1 } });
    const { engine } = engineFor(store);
    expect(await engine.sync({ serviceId: 90, trigger: 'command' })).toMatchObject({ kind: 'created', eventTypeId: 3761978 });
    expect(store.services.get(90)!.calcomEventTypeId).toBe(3761978);

    calcomNock().patch('/v2/event-types/3761978').reply(200, ok(eventType(3761978, 'balayage-90')));
    expect(await engine.sync({ serviceId: 90, trigger: 'command' })).toMatchObject({ kind: 'updated', eventTypeId: 3761978 });
  });

  it('stale id (entity 404, confirmed by GET) → recreated with the new id, old id reported', async () => {
    const store = new MemoryStore(ansatz);
    calcomNock()
      .patch('/v2/event-types/3757698').reply(404, err('NotFoundException', 'Event type with id 3757698 not found', '/v2/event-types/3757698'))
      .get('/v2/event-types/3757698').reply(404, err('NotFoundException', 'Event type with id 3757698 not found', '/v2/event-types/3757698'))
      .post('/v2/event-types').reply(201, ok(eventType(3762001, SLUG)));
    const result = await engineFor(store).engine.sync({ serviceId: 85, trigger: 'command' });
    expect(result).toMatchObject({ kind: 'recreated', eventTypeId: 3762001, oldEventTypeId: 3757698, attempts: 1 });
    expect(store.services.get(85)!.calcomEventTypeId).toBe(3762001);
    expect(store.links).toEqual([null, 3762001]);
    expect(store.runs[0]).toMatchObject({ oldEventTypeId: 3757698, newEventTypeId: 3762001, outcome: 'recreated' });
  });

  it('route-level 404 (wrong api version) → error, never a create', async () => {
    const store = new MemoryStore(ansatz);
    calcomNock().patch('/v2/event-types/3757698').reply(404, err('NotFoundException', 'Cannot PATCH /v2/event-types/3757698', '/v2/event-types/3757698'));
    const result = await engineFor(store).engine.sync({ serviceId: 85, trigger: 'command' });
    expect(result).toMatchObject({ kind: 'failed', httpStatus: 404, attempts: 1, eventTypeId: 3757698 });
    expect(store.services.get(85)).toMatchObject({ syncStatus: 'error', calcomEventTypeId: 3757698 });
    expect(store.services.get(85)!.syncError).toContain('Cal.com API error 404: Cannot PATCH');
  });

  it('PATCH 404 but GET still finds the event type → error, no create', async () => {
    const store = new MemoryStore(ansatz);
    calcomNock()
      .patch('/v2/event-types/3757698').reply(404, err('NotFoundException', 'Event type with id 3757698 not found'))
      .get('/v2/event-types/3757698').reply(200, ok(eventType(3757698, SLUG)));
    expect(await engineFor(store).engine.sync({ serviceId: 85, trigger: 'command' })).toMatchObject({ kind: 'failed', httpStatus: 404 });
  });

  it('duplicate slug on create → existing event type adopted and updated, no second one', async () => {
    const store = new MemoryStore(service({ id: 85, name: 'Ansatz + Längenausgleich', durationMinutes: 45 }));
    calcomNock()
      .post('/v2/event-types').reply(400, err('BadRequestException', 'User already has an event type with this slug.'))
      .get('/v2/event-types').reply(200, ok([eventType(111, 'other-1'), eventType(3761978, SLUG)]))
      .patch('/v2/event-types/3761978', (b) => b.lengthInMinutes === 45).reply(200, ok(eventType(3761978, SLUG)));
    const result = await engineFor(store).engine.sync({ serviceId: 85, trigger: 'command' });
    expect(result).toMatchObject({ kind: 'adopted', eventTypeId: 3761978, attempts: 1 });
    expect(store.services.get(85)!.calcomEventTypeId).toBe(3761978);
  });

  it('POST times out after Cal.com created it → the retry adopts it, exactly one event type', async () => {
    const store = new MemoryStore(service({ id: 85, name: 'Ansatz + Längenausgleich', durationMinutes: 45 }));
    calcomNock()
      .post('/v2/event-types').delay(500).reply(201, ok(eventType(3761978, SLUG)))
      .get('/v2/event-types').reply(200, ok([eventType(3761978, SLUG)]))
      .patch('/v2/event-types/3761978').reply(200, ok(eventType(3761978, SLUG)));
    const { engine, waits } = engineFor(store, { timeoutMs: 100 });
    const result = await engine.sync({ serviceId: 85, trigger: 'command' });
    expect(result).toMatchObject({ kind: 'adopted', eventTypeId: 3761978, attempts: 2 });
    expect(waits).toHaveLength(1);
  });

  it('500, 500, 200 → success in 3 attempts with growing backoff', async () => {
    const store = new MemoryStore(ansatz);
    calcomNock()
      .patch('/v2/event-types/3757698').times(2).reply(500, err('InternalServerErrorException', 'There was an error, please try again later.'))
      .patch('/v2/event-types/3757698').reply(200, ok(eventType(3757698, SLUG)));
    const { engine, waits } = engineFor(store);
    expect(await engine.sync({ serviceId: 85, trigger: 'command' })).toMatchObject({ kind: 'updated', attempts: 3 });
    expect(waits.length).toBe(2);
    expect(waits[1]!).toBeGreaterThan(waits[0]!);
    expect(store.services.get(85)!.syncAttempts).toBe(3);
  });

  it('500 three times → failed after 3 attempts, error recorded', async () => {
    const store = new MemoryStore(ansatz);
    calcomNock().patch('/v2/event-types/3757698').times(3).reply(503, 'Service Unavailable');
    const result = await engineFor(store).engine.sync({ serviceId: 85, trigger: 'command' });
    expect(result).toMatchObject({ kind: 'failed', attempts: 3, httpStatus: 503, error: 'Cal.com API error 503: Service Unavailable' });
  });

  it('400 validation → 1 attempt, error recorded', async () => {
    const store = new MemoryStore(ansatz);
    calcomNock().patch('/v2/event-types/3757698').reply(400, err('BadRequestException', 'lengthInMinutes must not be less than 1'));
    const { engine, waits } = engineFor(store);
    const result = await engine.sync({ serviceId: 85, trigger: 'command' });
    expect(result).toMatchObject({ kind: 'failed', attempts: 1, httpStatus: 400 });
    expect(waits).toEqual([]);
    expect(store.services.get(85)).toMatchObject({ syncStatus: 'error', syncAttempts: 1 });
    expect(store.services.get(85)!.syncError).toMatch(/^Cal.com API error 400: lengthInMinutes must not be less than 1/);
  });

  it('429 → waits the reset time Cal.com gives, then succeeds', async () => {
    const store = new MemoryStore(ansatz);
    calcomNock()
      .patch('/v2/event-types/3757698').reply(429, err('ThrottlerException', 'CustomThrottlerGuard - Too many requests. Please try again later.'), { 'X-RateLimit-Reset-Default': '7', 'X-RateLimit-Remaining-Default': '0' })
      .patch('/v2/event-types/3757698').reply(200, ok(eventType(3757698, SLUG)));
    const { engine, waits } = engineFor(store);
    expect(await engine.sync({ serviceId: 85, trigger: 'command' })).toMatchObject({ kind: 'updated', attempts: 2 });
    expect(waits[0]).toBeGreaterThanOrEqual(7000);
    expect(waits[0]).toBeLessThan(7500);
  });

  it('401 → clear "API key rejected" error, no retry, key never in the error', async () => {
    const store = new MemoryStore(ansatz);
    calcomNock().patch('/v2/event-types/3757698').reply(401, err('UnauthorizedException', `ApiAuthStrategy - api key - Your api key is not valid ${KEY}`));
    const result = await engineFor(store).engine.sync({ serviceId: 85, trigger: 'command' });
    expect(result).toMatchObject({ kind: 'failed', attempts: 1, httpStatus: 401 });
    const error = (result as { error: string }).error;
    expect(error).toMatch(/^Cal.com API error 401: API key rejected/);
    expect(error).not.toContain(KEY);
  });

  it('invalid service → fails at once with a clear message, no API call', async () => {
    const store = new MemoryStore(service({ id: 7, name: '  ', durationMinutes: 0 }));
    const result = await engineFor(store).engine.sync({ serviceId: 7, trigger: 'command' });
    expect(result).toMatchObject({ kind: 'failed', attempts: 0, error: 'Invalid service 7: the service has no name' });
  });

  it('connection refused → "Cal.com unreachable" after 3 attempts', async () => {
    const store = new MemoryStore(ansatz);
    calcomNock().patch('/v2/event-types/3757698').times(3).replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.1:443' });
    const result = await engineFor(store).engine.sync({ serviceId: 85, trigger: 'command' });
    expect(result).toMatchObject({ kind: 'failed', attempts: 3, httpStatus: null });
    expect((result as { error: string }).error).toMatch(/^Cal.com unreachable: /);
  });

  it('two concurrent syncs of one service → one runs, the other is told it is running', async () => {
    const store = new MemoryStore(ansatz);
    calcomNock().patch('/v2/event-types/3757698').delay(100).reply(200, ok(eventType(3757698, SLUG)));
    const { engine } = engineFor(store);
    const [a, b] = await Promise.all([engine.sync({ serviceId: 85, trigger: 'command' }), engine.sync({ serviceId: 85, trigger: 'button' })]);
    expect([a.kind, b.kind].sort()).toEqual(['busy', 'updated']);
    expect(store.runs).toHaveLength(1);
  });

  it('unknown service → unknown, no API call', async () => {
    expect(await engineFor(new MemoryStore()).engine.sync({ serviceId: 404, trigger: 'cli' })).toEqual({ kind: 'unknown', serviceId: 404 });
  });
});
