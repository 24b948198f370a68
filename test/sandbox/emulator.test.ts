import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/sandbox/emulator.js';
import { call } from './helpers.js';

let em: Emulator;
beforeAll(async () => {
  em = await startEmulator({ port: 0, firstId: 5000 });
});
afterAll(() => em.close());
beforeEach(() => em.reset());

const BOB = 'cal_live_bob';
const basic = { title: 'Ansatz Längenausgleich', slug: 'ansatz', lengthInMinutes: 45 };

describe('event type CRUD (2024-06-14)', () => {
  it('creates, reads, lists, patches and deletes', async () => {
    const created = await call(em, 'POST', '/event-types', { ...basic, description: 'Physio', hidden: true });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('success');
    const et = created.body.data;
    expect(et).toMatchObject({
      ...basic,
      description: 'Physio',
      hidden: true,
      price: 0,
      currency: 'usd',
      locations: [],
      bookingFields: [],
    });
    expect(typeof et.ownerId).toBe('number');

    expect((await call(em, 'GET', `/event-types/${et.id}`)).body.data).toEqual(et);
    const listed = await call(em, 'GET', '/event-types');
    expect(listed.body.data.map((e: { id: number }) => e.id)).toEqual([et.id]);

    const patched = await call(em, 'PATCH', `/event-types/${et.id}`, { lengthInMinutes: 60, title: 'Neu' });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ id: et.id, lengthInMinutes: 60, title: 'Neu', slug: 'ansatz', description: 'Physio' });

    const deleted = await call(em, 'DELETE', `/event-types/${et.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.data).toEqual({ id: et.id, lengthInMinutes: 60, title: 'Neu', slug: 'ansatz' });
    expect((await call(em, 'GET', `/event-types/${et.id}`)).status).toBe(404);
  });

  it('hands out increasing ids from firstId and never reuses one, even after reset', async () => {
    const a = (await call(em, 'POST', '/event-types', basic)).body.data.id;
    await call(em, 'DELETE', `/event-types/${a}`);
    const b = (await call(em, 'POST', '/event-types', basic)).body.data.id;
    em.reset();
    const c = (await call(em, 'POST', '/event-types', basic)).body.data.id;
    expect(a).toBeGreaterThanOrEqual(5000);
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);
  });

  it('drops unknown fields such as price and currency without an error', async () => {
    const res = await call(em, 'POST', '/event-types', { ...basic, price: 4900, currency: 'eur', foo: 1 });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ price: 0, currency: 'usd' });
    expect(res.body.data).not.toHaveProperty('foo');
  });

  it('trims the slug and strips leading - . _', async () => {
    const res = await call(em, 'POST', '/event-types', { ...basic, slug: '  _-.massage ' });
    expect(res.body.data.slug).toBe('massage');
  });

  it('rejects an invalid body with 400 BadRequestException and details.errors', async () => {
    const res = await call(em, 'POST', '/event-types', { title: '', slug: 'x', lengthInMinutes: 0 });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 'error', path: '/v2/event-types', error: { code: 'BadRequestException' } });
    const props = res.body.error.details.errors.map((e: { property: string }) => e.property).sort();
    expect(props).toEqual(['lengthInMinutes', 'title']);
    expect(res.body.error.details.errors[0].constraints).toBeTypeOf('object');
    expect(typeof res.body.timestamp).toBe('string');
  });

  it('keeps slugs unique per owner: create → BadRequestException, patch → TRPCError', async () => {
    const first = (await call(em, 'POST', '/event-types', basic)).body.data;
    const dup = await call(em, 'POST', '/event-types', basic);
    expect(dup.status).toBe(400);
    expect(dup.body.error).toMatchObject({ code: 'BadRequestException', message: 'User already has an event type with this slug.' });

    const other = (await call(em, 'POST', '/event-types', { ...basic, slug: 'other' })).body.data;
    const clash = await call(em, 'PATCH', `/event-types/${other.id}`, { slug: 'ansatz' });
    expect(clash.status).toBe(400);
    expect(clash.body.error.code).toBe('TRPCError');
    // Patching a slug to its own value is no clash.
    expect((await call(em, 'PATCH', `/event-types/${first.id}`, { slug: 'ansatz' })).status).toBe(200);
    // Another owner may use the same slug.
    expect((await call(em, 'POST', '/event-types', basic, { key: BOB })).status).toBe(201);
    expect(em.eventTypes()).toHaveLength(3);
  });

  it('answers entity 404 for an unknown id and for another owner’s id (403 on delete)', async () => {
    const bobs = (await call(em, 'POST', '/event-types', basic, { key: BOB })).body.data;
    const unknown = await call(em, 'GET', '/event-types/999999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'NotFoundException', message: 'Event type with id 999999 not found' });
    for (const method of ['GET', 'PATCH']) {
      const res = await call(em, method, `/event-types/${bobs.id}`, method === 'PATCH' ? { title: 'mine' } : undefined);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(`Event type with id ${bobs.id} not found`);
    }
    expect((await call(em, 'DELETE', `/event-types/${bobs.id}`)).status).toBe(403);
    expect(em.eventTypes(BOB)).toHaveLength(1);
  });

  it('lists by username and eventSlug (0 or 1), ignoring eventSlug alone', async () => {
    await call(em, 'POST', '/event-types', basic);
    await call(em, 'POST', '/event-types', { ...basic, slug: 'two' });
    const bob = em.owner(BOB)!;
    await call(em, 'POST', '/event-types', basic, { key: BOB });
    const one = await call(em, 'GET', `/event-types?username=${bob.username}&eventSlug=ansatz`);
    expect(one.body.data).toHaveLength(1);
    expect(one.body.data[0].ownerId).toBe(bob.userId);
    expect((await call(em, 'GET', `/event-types?username=${bob.username}&eventSlug=nope`)).body.data).toEqual([]);
    const mine = await call(em, 'GET', '/event-types?eventSlug=two');
    expect(mine.body.data.map((e: { slug: string }) => e.slug)).toEqual(['ansatz', 'two']);
  });
});

describe('headers and auth', () => {
  it('without cal-api-version uses the old controller: lengthInMinutes ignored, create needs length', async () => {
    const et = (await call(em, 'POST', '/event-types', basic)).body.data;
    const patched = await call(em, 'PATCH', `/event-types/${et.id}`, { lengthInMinutes: 90 }, { version: null });
    expect(patched.status).toBe(200);
    expect(em.eventTypes()[0]!.lengthInMinutes).toBe(45);
    const create = await call(em, 'POST', '/event-types', { ...basic, slug: 'neu' }, { version: null });
    expect(create.status).toBe(400);
    expect(create.body.error.details.errors.map((e: { property: string }) => e.property)).toEqual(['length']);
    const legacy = await call(em, 'POST', '/event-types', { title: 'L', slug: 'legacy', length: 20 }, { version: null });
    expect(legacy.status).toBe(201);
    expect(legacy.body.data).toMatchObject({ length: 20, slug: 'legacy' });
    // The old controller's read shapes differ too: data.eventType and data.eventTypeGroups.
    const one = await call(em, 'GET', `/event-types/${legacy.body.data.id}`, undefined, { version: null });
    expect(one.body.data.eventType).toMatchObject({ length: 20, slug: 'legacy' });
    const all = await call(em, 'GET', '/event-types', undefined, { version: '2024-04-15' });
    expect(all.body.data.eventTypeGroups[0].eventTypes).toHaveLength(2);
  });

  it('with another known version answers a route-level 404', async () => {
    const et = (await call(em, 'POST', '/event-types', basic)).body.data;
    const res = await call(em, 'PATCH', `/event-types/${et.id}`, { title: 'x' }, { version: '2024-08-13' });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'NotFoundException', message: `Cannot PATCH /v2/event-types/${et.id}` });
    expect((await call(em, 'POST', '/event-types', basic, { version: '2024-09-04' })).body.error.message).toBe(
      'Cannot POST /v2/event-types',
    );
  });

  it('answers route 404 for unknown paths and methods', async () => {
    expect((await call(em, 'GET', '/whatever')).body.error.message).toBe('Cannot GET /v2/whatever');
    expect((await call(em, 'PUT', '/event-types/1', {})).body.error.message).toBe('Cannot PUT /v2/event-types/1');
  });

  it('rejects unknown keys with 401 and a missing Authorization with 403', async () => {
    const bad = await call(em, 'GET', '/event-types', undefined, { key: 'not_a_cal_key' });
    expect(bad.status).toBe(401);
    expect(bad.body.error).toMatchObject({
      code: 'UnauthorizedException',
      message: 'ApiAuthStrategy - api key - Your api key is not valid',
    });
    expect((await call(em, 'GET', '/event-types', undefined, { key: null })).status).toBe(403);
  });

  it('accepts only configured keys when keys are given', async () => {
    const strict = await startEmulator({ keys: { cal_live_abc: { userId: 7, username: 'praxis' } } });
    try {
      expect((await call(strict, 'GET', '/event-types', undefined, { key: 'cal_live_abc' })).status).toBe(200);
      expect((await call(strict, 'GET', '/event-types', undefined, { key: 'cal_live_other' })).status).toBe(401);
      expect(strict.seed('cal_live_abc', basic).ownerId).toBe(7);
    } finally {
      await strict.close();
    }
  });
});
