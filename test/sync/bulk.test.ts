// A bulk run reads Cal.com once and sends only what the plan needs (SPEC §3.4, §10: ≤ 2 requests for an
// unchanged catalogue, ≤ 12 with 10 changed).
import { describe, expect, it } from 'vitest';
import { runBulk } from '../../src/sync/bulk.js';
import { calcomNock, engineFor, err, eventType, ok } from '../support/calcom-nock.js';
import { MemoryStore } from '../support/memory-store.js';
import { aService } from '../support/services.js';

/** Services 1..n linked to event types 1001.., each in step with Cal.com. */
function catalogue(n: number) {
  const services = Array.from({ length: n }, (_, i) => aService({ id: i + 1, name: `Service ${i + 1}`, calcomEventTypeId: 1001 + i }));
  const live = services.map((s) => eventType(s.calcomEventTypeId!, `service-${s.id}`, { title: s.name, lengthInMinutes: 30 }));
  return { services, live };
}

describe('runBulk', () => {
  it('an unchanged catalogue of 50 → one list request, 50 × unchanged', async () => {
    const { services, live } = catalogue(50);
    const store = new MemoryStore(...services);
    calcomNock().get('/v2/event-types').reply(200, ok(live));
    const { counts } = await runBulk(
      engineFor(store).engine,
      services.map((s) => s.id),
      { trigger: 'bulk' },
    );
    expect(counts).toEqual({ unchanged: 50 });
    expect(store.runs.every((r) => r.step === 'in-sync')).toBe(true);
  });

  it('only the changed, the gone and the new cost requests; an unlinked slug in the list is adopted without a POST', async () => {
    const { services, live } = catalogue(6);
    services[0] = { ...services[0]!, durationMinutes: 60 }; // changed in the catalogue
    const gone = services[1]!; // deleted in Cal.com: missing from the list
    const adoptable = aService({ id: 7, name: 'Service 7' }); // unlinked; its slug exists
    const fresh = aService({ id: 8, name: 'Service 8' }); // unlinked, new
    const store = new MemoryStore(...services, adoptable, fresh);
    calcomNock()
      .get('/v2/event-types')
      .reply(200, ok([...live.filter((e) => e.id !== gone.calcomEventTypeId), eventType(2007, 'service-7-7', { title: 'Service 7' })]))
      .patch('/v2/event-types/1001', { lengthInMinutes: 60 })
      .reply(200, ok(live[0]))
      .get('/v2/event-types/1002')
      .reply(404, err('NotFoundException', 'Event type with id 1002 not found'))
      .post('/v2/event-types', (b) => b.slug === 'service-2-2')
      .reply(201, ok(eventType(3002, 'service-2-2')))
      .post('/v2/event-types', (b) => b.slug === 'service-8-8')
      .reply(201, ok(eventType(3008, 'service-8-8')));
    const { results, counts } = await runBulk(engineFor(store).engine, [1, 2, 3, 4, 5, 6, 7, 8], { trigger: 'bulk' });
    expect(counts).toEqual({ updated: 1, recreated: 1, unchanged: 4, adopted: 1, created: 1 });
    expect(results.find((r) => r.serviceId === 7)).toMatchObject({ kind: 'adopted', eventTypeId: 2007 });
  });

  it('the list cannot be read → the run goes on, each service reading its own event type', async () => {
    const { services, live } = catalogue(2);
    const store = new MemoryStore(...services);
    calcomNock()
      .get('/v2/event-types')
      .reply(401, err('UnauthorizedException', 'ApiAuthStrategy - api key - Your api key is not valid'))
      .get('/v2/event-types/1001')
      .reply(200, ok(live[0]))
      .get('/v2/event-types/1002')
      .reply(200, ok(live[1]));
    let failed: unknown;
    const { counts } = await runBulk(engineFor(store).engine, [1, 2], { trigger: 'bulk' }, { onListFailed: (e) => (failed = e) });
    expect(counts).toEqual({ unchanged: 2 });
    expect(String(failed)).toMatch(/401/);
  });
});
