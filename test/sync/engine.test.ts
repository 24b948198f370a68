// The seed's scenarios (issue 2) and plan-then-apply (issue 10), against the real Cal.com client with nock
// standing in for Cal.com. Every request the engine may send is declared, and every declared one must be sent.
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/lib/clock.js';
import { snapshotOf } from '../../src/sync/snapshot.js';
import { calcomNock, engineFor, err, eventType, KEY, ok } from '../support/calcom-nock.js';
import { MemoryStore } from '../support/memory-store.js';
import { aService } from '../support/services.js';

const ansatz = aService({ id: 85, name: 'Ansatz + Längenausgleich', durationMinutes: 45, calcomEventTypeId: 3757698 });
const SLUG = 'ansatz-langenausgleich-85';
/** Cal.com's copy of service 85, in step with the catalogue. */
const live85 = (extra: Record<string, unknown> = {}) =>
  eventType(3757698, SLUG, { title: 'Ansatz + Längenausgleich', lengthInMinutes: 45, ...extra });
const notFound = (id: number) => err('NotFoundException', `Event type with id ${id} not found`, `/v2/event-types/${id}`);
/** A store with 85 linked and its slug remembered, as after a first sync. */
const linkedStore = (s = ansatz, slug = SLUG) => {
  const store = new MemoryStore(s);
  store.slugs.set(s.id, { eventTypeId: s.calcomEventTypeId!, slug });
  return store;
};
/** The body must be exactly this: nock matches a partial object otherwise. */
const exactly = (expected: Record<string, unknown>) => (body: Record<string, unknown>) => JSON.stringify(body) === JSON.stringify(expected);

describe('single sync: read, plan, apply', () => {
  it('linked, Cal.com already matches → GET only, unchanged, nothing sent', async () => {
    const store = linkedStore();
    calcomNock().get('/v2/event-types/3757698').reply(200, ok(live85()));
    const result = await engineFor(store).engine.sync({ serviceId: 85, trigger: 'cli' });
    expect(result).toEqual({
      kind: 'unchanged',
      serviceId: 85,
      serviceName: 'Ansatz + Längenausgleich',
      eventTypeId: 3757698,
      attempts: 1,
    });
    expect(store.services.get(85)).toMatchObject({ syncStatus: 'synced', syncError: null, syncAttempts: 1, calcomEventTypeId: 3757698 });
    expect(store.services.get(85)!.lastSyncSuccess).toBeInstanceOf(Date);
    expect(store.runs[0]).toMatchObject({
      trigger: 'cli',
      step: 'in-sync',
      changes: null,
      action: null,
      outcome: 'unchanged',
      newEventTypeId: 3757698,
    });
  });

  it("the store stamps the result with its own clock (the database's, in production), not the engine", async () => {
    const store = linkedStore();
    store.clock = manualClock(Date.UTC(2026, 10, 24, 9));
    calcomNock().get('/v2/event-types/3757698').reply(200, ok(live85()));
    await engineFor(store).engine.sync({ serviceId: 85, trigger: 'cli' });
    expect(store.services.get(85)).toMatchObject({
      lastSyncSuccess: new Date('2026-11-24T09:00:00Z'),
      lastCalcomSync: new Date('2026-11-24T09:00:00Z'),
    });
  });

  it('linked, duration changed → PATCH of that field only → updated, changes recorded', async () => {
    const store = linkedStore({ ...ansatz, durationMinutes: 60 });
    calcomNock()
      .get('/v2/event-types/3757698')
      .reply(200, ok(live85()))
      .patch('/v2/event-types/3757698', exactly({ lengthInMinutes: 60 }))
      .reply(200, ok(live85({ lengthInMinutes: 60 })));
    const result = await engineFor(store).engine.sync({ serviceId: 85, trigger: 'cli' });
    const changes = [{ field: 'lengthInMinutes', from: 45, to: 60 }];
    expect(result).toMatchObject({ kind: 'updated', eventTypeId: 3757698, attempts: 1, changes });
    expect(store.runs[0]).toMatchObject({ step: 'update', action: 'update', outcome: 'updated', changes });
  });

  it('a rename sends the title only: the slug (booking URL) never moves', async () => {
    const store = linkedStore({ ...ansatz, name: 'Ansatz neu' });
    calcomNock()
      .get('/v2/event-types/3757698')
      .reply(200, ok(live85()))
      .patch('/v2/event-types/3757698', exactly({ title: 'Ansatz neu' }))
      .reply(200, ok(live85({ title: 'Ansatz neu' })));
    expect(await engineFor(store).engine.sync({ serviceId: 85, trigger: 'cli' })).toMatchObject({
      kind: 'updated',
      changes: [{ field: 'title', from: 'Ansatz + Längenausgleich', to: 'Ansatz neu' }],
    });
    expect(store.slugs.get(85)).toEqual({ eventTypeId: 3757698, slug: SLUG });
  });

  it('a link made before slugs were remembered learns the slug Cal.com has', async () => {
    const store = new MemoryStore(ansatz);
    calcomNock()
      .get('/v2/event-types/3757698')
      .reply(200, ok(live85({ slug: 'hand-made-slug' })));
    expect(await engineFor(store).engine.sync({ serviceId: 85, trigger: 'cli' })).toMatchObject({ kind: 'unchanged' });
    expect(store.slugs.get(85)).toEqual({ eventTypeId: 3757698, slug: 'hand-made-slug' });
  });

  it('new service → POST → id from data.id saved with its slug → the next sync reads and sends nothing', async () => {
    const store = new MemoryStore(aService({ id: 90, name: 'Balayage', durationMinutes: 120, priceCents: 9900, currency: 'EUR' }));
    calcomNock()
      .post('/v2/event-types', exactly({ title: 'Balayage', lengthInMinutes: 120, hidden: false, slug: 'balayage-90' }))
      .reply(201, {
        status: 'success',
        data: eventType(3761978, 'balayage-90', { title: 'Balayage', lengthInMinutes: 120 }),
        eventType: { id: 1 },
      });
    const { engine } = engineFor(store);
    expect(await engine.sync({ serviceId: 90, trigger: 'command' })).toMatchObject({ kind: 'created', eventTypeId: 3761978 });
    expect(store.services.get(90)!.calcomEventTypeId).toBe(3761978);
    expect(store.slugs.get(90)).toEqual({ eventTypeId: 3761978, slug: 'balayage-90' });
    expect(store.runs[0]).toMatchObject({ step: 'create', action: 'create', outcome: 'created' });

    calcomNock()
      .get('/v2/event-types/3761978')
      .reply(200, ok(eventType(3761978, 'balayage-90', { title: 'Balayage', lengthInMinutes: 120 })));
    expect(await engine.sync({ serviceId: 90, trigger: 'command' })).toMatchObject({ kind: 'unchanged', eventTypeId: 3761978 });
  });

  it('stale id (entity 404 on GET) → recreated under the remembered slug, old id reported', async () => {
    // Renamed since it was linked: the recreate still comes back under the old booking URL.
    const store = linkedStore({ ...ansatz, name: 'Ansatz (neu)' });
    calcomNock()
      .get('/v2/event-types/3757698')
      .reply(404, notFound(3757698))
      .post('/v2/event-types', (b) => b.slug === SLUG && b.title === 'Ansatz (neu)')
      .reply(201, ok(eventType(3762001, SLUG)));
    const result = await engineFor(store).engine.sync({ serviceId: 85, trigger: 'command' });
    expect(result).toMatchObject({ kind: 'recreated', eventTypeId: 3762001, oldEventTypeId: 3757698, attempts: 1 });
    expect(store.services.get(85)!.calcomEventTypeId).toBe(3762001);
    expect(store.links).toEqual([null, 3762001]);
    expect(store.runs[0]).toMatchObject({ step: 'recreate', oldEventTypeId: 3757698, newEventTypeId: 3762001, outcome: 'recreated' });
  });

  it('route-level 404 on the GET (wrong api version) → error, never a create', async () => {
    const store = linkedStore();
    calcomNock()
      .get('/v2/event-types/3757698')
      .reply(404, err('NotFoundException', 'Cannot GET /v2/event-types/3757698', '/v2/event-types/3757698'));
    const result = await engineFor(store).engine.sync({ serviceId: 85, trigger: 'command' });
    expect(result).toMatchObject({ kind: 'failed', httpStatus: 404, attempts: 1, eventTypeId: 3757698 });
    expect(store.services.get(85)).toMatchObject({ syncStatus: 'error', calcomEventTypeId: 3757698 });
    expect(store.services.get(85)!.syncError).toContain('Cal.com API error 404: Cannot GET');
  });

  it('route-level 404 on the PATCH → error, never a create', async () => {
    const store = linkedStore({ ...ansatz, durationMinutes: 60 });
    calcomNock()
      .get('/v2/event-types/3757698')
      .reply(200, ok(live85()))
      .patch('/v2/event-types/3757698')
      .reply(404, err('NotFoundException', 'Cannot PATCH /v2/event-types/3757698', '/v2/event-types/3757698'));
    expect(await engineFor(store).engine.sync({ serviceId: 85, trigger: 'command' })).toMatchObject({
      kind: 'failed',
      httpStatus: 404,
      eventTypeId: 3757698,
    });
  });

  it('deleted between the GET and the PATCH (entity 404, confirmed by GET) → recreated', async () => {
    const store = linkedStore({ ...ansatz, durationMinutes: 60 });
    calcomNock()
      .get('/v2/event-types/3757698')
      .reply(200, ok(live85()))
      .patch('/v2/event-types/3757698')
      .reply(404, notFound(3757698))
      .get('/v2/event-types/3757698')
      .reply(404, notFound(3757698))
      .post('/v2/event-types', (b) => b.slug === SLUG && b.lengthInMinutes === 60)
      .reply(201, ok(eventType(3762001, SLUG)));
    expect(await engineFor(store).engine.sync({ serviceId: 85, trigger: 'command' })).toMatchObject({
      kind: 'recreated',
      eventTypeId: 3762001,
      oldEventTypeId: 3757698,
    });
  });

  it('PATCH 404 but a GET still finds the event type → error, no create', async () => {
    const store = linkedStore({ ...ansatz, durationMinutes: 60 });
    calcomNock()
      .get('/v2/event-types/3757698')
      .reply(200, ok(live85()))
      .patch('/v2/event-types/3757698')
      .reply(404, notFound(3757698))
      .get('/v2/event-types/3757698')
      .reply(200, ok(live85()));
    expect(await engineFor(store).engine.sync({ serviceId: 85, trigger: 'command' })).toMatchObject({ kind: 'failed', httpStatus: 404 });
  });

  it('duplicate slug on create → existing event type adopted, only what differs sent, no second one', async () => {
    const store = new MemoryStore(aService({ id: 85, name: 'Ansatz + Längenausgleich', durationMinutes: 45 }));
    calcomNock()
      .post('/v2/event-types')
      .reply(400, err('BadRequestException', 'User already has an event type with this slug.'))
      .get('/v2/event-types')
      .reply(200, ok([eventType(111, 'other-1'), eventType(3761978, SLUG, { title: 'Ansatz + Längenausgleich' })]))
      .patch('/v2/event-types/3761978', exactly({ lengthInMinutes: 45 }))
      .reply(200, ok(eventType(3761978, SLUG)));
    const result = await engineFor(store).engine.sync({ serviceId: 85, trigger: 'command' });
    expect(result).toMatchObject({
      kind: 'adopted',
      eventTypeId: 3761978,
      attempts: 1,
      changes: [{ field: 'lengthInMinutes', from: 30, to: 45 }],
    });
    expect(store.services.get(85)!.calcomEventTypeId).toBe(3761978);
    expect(store.slugs.get(85)).toEqual({ eventTypeId: 3761978, slug: SLUG });
  });

  it('duplicate slug → lookup finds nothing → a clear error, no loop', async () => {
    const store = new MemoryStore(aService({ id: 85, name: 'Ansatz + Längenausgleich', durationMinutes: 45 }));
    calcomNock()
      .post('/v2/event-types')
      .reply(400, err('BadRequestException', 'User already has an event type with this slug.'))
      .get('/v2/event-types')
      .reply(200, ok([]));
    const result = await engineFor(store).engine.sync({ serviceId: 85, trigger: 'command' });
    expect(result).toMatchObject({ kind: 'failed', httpStatus: 400, attempts: 1 });
    expect((result as { error: string }).error).toContain(`slug "${SLUG}" exists`);
  });

  it('POST times out after Cal.com created it → the retry looks first and adopts it, exactly one event type', async () => {
    const store = new MemoryStore(aService({ id: 85, name: 'Ansatz + Längenausgleich', durationMinutes: 45 }));
    calcomNock()
      .post('/v2/event-types')
      .delay(500)
      .reply(201, ok(eventType(3761978, SLUG)))
      .get('/v2/event-types')
      .reply(200, ok([eventType(3761978, SLUG, { title: 'Ansatz + Längenausgleich', lengthInMinutes: 45 })]));
    const { engine, waits } = engineFor(store, { timeoutMs: 100 });
    const result = await engine.sync({ serviceId: 85, trigger: 'command' });
    expect(result).toMatchObject({ kind: 'adopted', eventTypeId: 3761978, attempts: 2, changes: [] });
    expect(waits).toHaveLength(1);
  });

  it('POST answers 500 and the retry finds nothing under the slug → it creates once more', async () => {
    const store = new MemoryStore(aService({ id: 85, name: 'Ansatz + Längenausgleich', durationMinutes: 45 }));
    calcomNock()
      .post('/v2/event-types')
      .reply(500, err('InternalServerErrorException', 'There was an error, please try again later.'))
      .get('/v2/event-types')
      .reply(200, ok([]))
      .post('/v2/event-types')
      .reply(201, ok(eventType(3761978, SLUG)));
    expect(await engineFor(store).engine.sync({ serviceId: 85, trigger: 'command' })).toMatchObject({
      kind: 'created',
      eventTypeId: 3761978,
      attempts: 2,
    });
  });

  it('PATCH 500, 500, 200 → success in 3 attempts with growing backoff, each attempt reads again', async () => {
    const store = linkedStore({ ...ansatz, durationMinutes: 60 });
    calcomNock()
      .get('/v2/event-types/3757698')
      .times(3)
      .reply(200, ok(live85()))
      .patch('/v2/event-types/3757698')
      .times(2)
      .reply(500, err('InternalServerErrorException', 'There was an error, please try again later.'))
      .patch('/v2/event-types/3757698')
      .reply(200, ok(live85({ lengthInMinutes: 60 })));
    const { engine, waits } = engineFor(store);
    expect(await engine.sync({ serviceId: 85, trigger: 'command' })).toMatchObject({ kind: 'updated', attempts: 3 });
    expect(waits.length).toBe(2);
    expect(waits[1]!).toBeGreaterThan(waits[0]!);
    expect(store.services.get(85)!.syncAttempts).toBe(3);
  });

  it('a PATCH that times out but landed → the retry reads it in step → updated, not sent twice', async () => {
    const store = linkedStore({ ...ansatz, durationMinutes: 60 });
    calcomNock()
      .get('/v2/event-types/3757698')
      .reply(200, ok(live85()))
      .patch('/v2/event-types/3757698')
      .delay(500)
      .reply(200, ok(live85({ lengthInMinutes: 60 })))
      .get('/v2/event-types/3757698')
      .reply(200, ok(live85({ lengthInMinutes: 60 })));
    const result = await engineFor(store, { timeoutMs: 100 }).engine.sync({ serviceId: 85, trigger: 'command' });
    expect(result).toMatchObject({ kind: 'updated', attempts: 2, changes: [{ field: 'lengthInMinutes', from: 45, to: 60 }] });
    expect(store.runs[0]).toMatchObject({ step: 'in-sync', changes: [{ field: 'lengthInMinutes', from: 45, to: 60 }] });
  });

  it('GET 503 three times → failed after 3 attempts, error recorded, nothing written', async () => {
    const store = linkedStore();
    calcomNock().get('/v2/event-types/3757698').times(3).reply(503, 'Service Unavailable');
    const result = await engineFor(store).engine.sync({ serviceId: 85, trigger: 'command' });
    expect(result).toMatchObject({ kind: 'failed', attempts: 3, httpStatus: 503, error: 'Cal.com API error 503: Service Unavailable' });
  });

  it('400 validation on the PATCH → 1 attempt, error recorded', async () => {
    const store = linkedStore({ ...ansatz, durationMinutes: 60 });
    calcomNock()
      .get('/v2/event-types/3757698')
      .reply(200, ok(live85()))
      .patch('/v2/event-types/3757698')
      .reply(400, err('BadRequestException', 'lengthInMinutes must not be less than 1'));
    const { engine, waits } = engineFor(store);
    const result = await engine.sync({ serviceId: 85, trigger: 'command' });
    expect(result).toMatchObject({ kind: 'failed', attempts: 1, httpStatus: 400 });
    expect(waits).toEqual([]);
    expect(store.services.get(85)).toMatchObject({ syncStatus: 'error', syncAttempts: 1 });
    expect(store.services.get(85)!.syncError).toMatch(/^Cal.com API error 400: lengthInMinutes must not be less than 1/);
  });

  it('429 → waits the reset time Cal.com gives, then succeeds', async () => {
    const store = linkedStore();
    calcomNock()
      .get('/v2/event-types/3757698')
      .reply(429, err('ThrottlerException', 'CustomThrottlerGuard - Too many requests. Please try again later.'), {
        'X-RateLimit-Reset-Default': '7',
        'X-RateLimit-Remaining-Default': '0',
      })
      .get('/v2/event-types/3757698')
      .reply(200, ok(live85()));
    const { engine, waits } = engineFor(store);
    expect(await engine.sync({ serviceId: 85, trigger: 'command' })).toMatchObject({ kind: 'unchanged', attempts: 2 });
    expect(waits[0]).toBeGreaterThanOrEqual(7000);
    expect(waits[0]).toBeLessThan(7500);
  });

  it('401 → clear "API key rejected" error, no retry, key never in the error', async () => {
    const store = linkedStore();
    calcomNock()
      .get('/v2/event-types/3757698')
      .reply(401, err('UnauthorizedException', `ApiAuthStrategy - api key - Your api key is not valid ${KEY}`));
    const result = await engineFor(store).engine.sync({ serviceId: 85, trigger: 'command' });
    expect(result).toMatchObject({ kind: 'failed', attempts: 1, httpStatus: 401 });
    const error = (result as { error: string }).error;
    expect(error).toMatch(/^Cal.com API error 401: API key rejected/);
    expect(error).not.toContain(KEY);
  });

  it('invalid service → fails at once with a clear message, no API call, step recorded', async () => {
    const store = new MemoryStore(aService({ id: 7, name: '  ', durationMinutes: 0 }));
    const result = await engineFor(store).engine.sync({ serviceId: 7, trigger: 'command' });
    expect(result).toMatchObject({ kind: 'failed', attempts: 0, error: 'Invalid service 7: the service has no name' });
    expect(store.runs[0]).toMatchObject({ step: 'invalid', outcome: 'failed' });
  });

  it('connection refused → "Cal.com unreachable" after 3 attempts', async () => {
    const store = linkedStore();
    calcomNock()
      .get('/v2/event-types/3757698')
      .times(3)
      .replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.1:443' });
    const result = await engineFor(store).engine.sync({ serviceId: 85, trigger: 'command' });
    expect(result).toMatchObject({ kind: 'failed', attempts: 3, httpStatus: null });
    expect((result as { error: string }).error).toMatch(/^Cal.com unreachable: /);
  });

  it('two concurrent syncs of one service → one runs, the other is told it is running', async () => {
    const store = linkedStore();
    calcomNock().get('/v2/event-types/3757698').delay(100).reply(200, ok(live85()));
    const { engine } = engineFor(store);
    const [a, b] = await Promise.all([
      engine.sync({ serviceId: 85, trigger: 'command' }),
      engine.sync({ serviceId: 85, trigger: 'button' }),
    ]);
    expect([a.kind, b.kind].sort()).toEqual(['busy', 'unchanged']);
    expect(store.runs).toHaveLength(1);
  });

  it('unknown service → unknown, no API call', async () => {
    expect(await engineFor(new MemoryStore()).engine.sync({ serviceId: 404, trigger: 'cli' })).toEqual({ kind: 'unknown', serviceId: 404 });
  });
});

describe('sync against a list read once (bulk runs)', () => {
  it('listed and in step → no request at all', async () => {
    const store = linkedStore();
    expect(await engineFor(store).engine.sync({ serviceId: 85, trigger: 'bulk' }, snapshotOf([live85()]))).toMatchObject({
      kind: 'unchanged',
      attempts: 1,
    });
  });

  it('listed and different → the PATCH only', async () => {
    const store = linkedStore({ ...ansatz, active: false });
    calcomNock()
      .patch('/v2/event-types/3757698', exactly({ hidden: true }))
      .reply(200, ok(live85({ hidden: true })));
    expect(await engineFor(store).engine.sync({ serviceId: 85, trigger: 'bulk' }, snapshotOf([live85()]))).toMatchObject({
      kind: 'updated',
      changes: [{ field: 'hidden', from: false, to: true }],
    });
  });

  it('missing from the list → a GET confirms it gone → recreated under the remembered slug', async () => {
    const store = linkedStore();
    calcomNock()
      .get('/v2/event-types/3757698')
      .reply(404, notFound(3757698))
      .post('/v2/event-types', (b) => b.slug === SLUG)
      .reply(201, ok(eventType(3762001, SLUG)));
    expect(await engineFor(store).engine.sync({ serviceId: 85, trigger: 'bulk' }, snapshotOf([]))).toMatchObject({
      kind: 'recreated',
      eventTypeId: 3762001,
      oldEventTypeId: 3757698,
    });
  });

  it('missing from the list but the GET finds it → planned against what the GET says, no create', async () => {
    const store = linkedStore();
    calcomNock().get('/v2/event-types/3757698').reply(200, ok(live85()));
    expect(await engineFor(store).engine.sync({ serviceId: 85, trigger: 'bulk' }, snapshotOf([]))).toMatchObject({ kind: 'unchanged' });
  });

  it('unlinked, its slug in the list → adopted without a failing POST', async () => {
    const store = new MemoryStore(aService({ id: 85, name: 'Ansatz + Längenausgleich', durationMinutes: 45 }));
    calcomNock()
      .patch('/v2/event-types/3761978', exactly({ title: 'Ansatz + Längenausgleich', lengthInMinutes: 45 }))
      .reply(200, ok(eventType(3761978, SLUG)));
    const result = await engineFor(store).engine.sync({ serviceId: 85, trigger: 'bulk' }, snapshotOf([eventType(3761978, SLUG)]));
    expect(result).toMatchObject({ kind: 'adopted', eventTypeId: 3761978 });
    expect(store.runs[0]).toMatchObject({ step: 'adopt', outcome: 'adopted' });
  });

  it('unlinked, slug not in the list → POST', async () => {
    const store = new MemoryStore(aService({ id: 90, name: 'Balayage', durationMinutes: 120 }));
    calcomNock()
      .post('/v2/event-types', (b) => b.slug === 'balayage-90')
      .reply(201, ok(eventType(3761978, 'balayage-90')));
    expect(await engineFor(store).engine.sync({ serviceId: 90, trigger: 'bulk' }, snapshotOf([eventType(1, 'other')]))).toMatchObject({
      kind: 'created',
    });
  });

  it('listed, but deleted before the PATCH (entity 404, confirmed) → recreated', async () => {
    const store = linkedStore({ ...ansatz, durationMinutes: 60 });
    calcomNock()
      .patch('/v2/event-types/3757698')
      .reply(404, notFound(3757698))
      .get('/v2/event-types/3757698')
      .reply(404, notFound(3757698))
      .post('/v2/event-types')
      .reply(201, ok(eventType(3762001, SLUG)));
    expect(await engineFor(store).engine.sync({ serviceId: 85, trigger: 'bulk' }, snapshotOf([live85()]))).toMatchObject({
      kind: 'recreated',
      oldEventTypeId: 3757698,
    });
  });

  it('a retry does not trust the list again: it reads afresh', async () => {
    const store = linkedStore({ ...ansatz, durationMinutes: 60 });
    calcomNock()
      .patch('/v2/event-types/3757698')
      .reply(503, 'Service Unavailable')
      .get('/v2/event-types/3757698')
      .reply(200, ok(live85({ lengthInMinutes: 60 })));
    // The 503 may have landed; the fresh read says it did.
    expect(await engineFor(store).engine.sync({ serviceId: 85, trigger: 'bulk' }, snapshotOf([live85()]))).toMatchObject({
      kind: 'updated',
      attempts: 2,
    });
  });
});
