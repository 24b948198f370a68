import { setImmediate as turn } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/lib/clock.js';
import { type Emulator, redactKey, startEmulator } from '../../src/sandbox/emulator.js';
import { parseEmulatorArgs, runEmulatorCli } from '../../src/sandbox/main.js';
import { call, control } from './helpers.js';

let em: Emulator;
beforeAll(async () => {
  em = await startEmulator({ rateLimitPerMinute: 1000 });
});
afterAll(() => em.close());
beforeEach(() => em.reset());

const basic = { title: 'Massage', slug: 'massage', lengthInMinutes: 30 };

describe('injected faults', () => {
  it('status: answers the error without processing, once, then normally', async () => {
    em.inject({ kind: 'status', status: 500, method: 'POST' });
    const failed = await call(em, 'POST', '/event-types', basic);
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({
      status: 'error',
      error: { code: 'InternalServerErrorException', message: 'There was an error, please try again later.' },
    });
    expect(em.eventTypes()).toEqual([]);
    expect((await call(em, 'POST', '/event-types', basic)).status).toBe(201);
  });

  it('matches method and path (substring or /regex/) and honours times', async () => {
    const id = (await call(em, 'POST', '/event-types', basic)).body.data.id;
    em.inject({ kind: 'status', status: 503, path: '/^\\/v2\\/event-types\\/\\d+$/', times: 2, message: 'down' });
    expect((await call(em, 'GET', '/event-types')).status).toBe(200);
    expect((await call(em, 'GET', `/event-types/${id}`)).body.error.message).toBe('down');
    expect((await call(em, 'PATCH', `/event-types/${id}`, { title: 'x' })).status).toBe(503);
    expect((await call(em, 'GET', `/event-types/${id}`)).status).toBe(200);
    em.inject({ kind: 'status', status: 502, path: '/event-types/', method: 'delete' });
    expect((await call(em, 'GET', `/event-types/${id}`)).status).toBe(200);
    expect((await call(em, 'DELETE', `/event-types/${id}`)).status).toBe(502);
  });

  // The delays run on a manual clock: the test moves time (or gives up) instead of waiting.
  describe('delays', () => {
    const clock = manualClock();
    let slow: Emulator;
    beforeAll(async () => (slow = await startEmulator({ rateLimitPerMinute: 1000, clock })));
    afterAll(() => slow.close());
    beforeEach(() => slow.reset());

    it('delay after: the event type exists although the client gave up waiting', async () => {
      slow.inject({ kind: 'delay', ms: 400, after: true, method: 'POST' });
      const gaveUp = new AbortController();
      const attempt = call(slow, 'POST', '/event-types', basic, { signal: gaveUp.signal });
      await clock.waiting();
      expect(slow.eventTypes().map((e) => e.slug)).toEqual(['massage']);
      gaveUp.abort();
      await expect(attempt).rejects.toThrow();
      // The retry of a create now hits the duplicate-slug 400, as it does against Cal.com.
      expect((await call(slow, 'POST', '/event-types', basic)).body.error.message).toBe('User already has an event type with this slug.');
      // The given-up request is still being handled until its delay is over: idle() waits for it.
      let idle = false;
      const landed = slow.idle().then(() => (idle = true));
      await turn();
      expect(idle).toBe(false);
      clock.advance(400);
      await landed;
      expect(slow.requests().map((r) => r.status)).toEqual([400, 201]); // logged as answered: the delayed one last
    });

    it('delay before: waits, then processes', async () => {
      slow.inject({ kind: 'delay', ms: 150 });
      const created = call(slow, 'POST', '/event-types', basic);
      await clock.waiting();
      expect(slow.eventTypes()).toEqual([]);
      clock.advance(150);
      expect((await created).status).toBe(201);
      expect(slow.eventTypes().map((e) => e.slug)).toEqual(['massage']);
    });
  });

  it('reset: the connection drops and fetch rejects; with after the work is done first', async () => {
    em.inject({ kind: 'reset', method: 'POST' });
    await expect(call(em, 'POST', '/event-types', basic)).rejects.toThrow();
    expect(em.eventTypes()).toEqual([]);
    em.inject({ kind: 'reset', after: true, method: 'POST' });
    await expect(call(em, 'POST', '/event-types', basic)).rejects.toThrow();
    expect(em.eventTypes()).toHaveLength(1);
    expect(em.requests().map((r) => r.status)).toEqual([0, 0]);
  });

  it('rateLimit: a 429 exactly like the throttler’s', async () => {
    em.inject({ kind: 'rateLimit' });
    const res = await call(em, 'GET', '/event-types');
    expect(res.status).toBe(429);
    expect(res.body.error.message).toBe('CustomThrottlerGuard - Too many requests. Please try again later.');
    expect(res.headers.get('x-ratelimit-remaining-default')).toBe('0');
    expect(em.stats().tooMany).toBe(1);
  });

  it('random faults are reproducible for a seed and stop on clearFaults', async () => {
    const run = async () => {
      em.reset();
      em.setRandomFaults({ rate: 0.3, kinds: [{ kind: 'status', status: 500 }, { kind: 'rateLimit' }], seed: 42 });
      const statuses = [];
      for (let i = 0; i < 30; i++) statuses.push((await call(em, 'GET', '/event-types')).status);
      return statuses;
    };
    const a = await run();
    expect(a).toEqual(await run());
    expect(a.filter((s) => s !== 200).length).toBeGreaterThan(0);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(10);
    em.clearFaults();
    for (let i = 0; i < 10; i++) expect((await call(em, 'GET', '/event-types')).status).toBe(200);
  });

  it('rejects a malformed rule', () => {
    expect(() => em.inject({ kind: 'explode' } as never)).toThrow(/kind/);
  });
});

describe('control endpoint and request log', () => {
  it('injects, seeds, reports state and resets over HTTP', async () => {
    expect((await control(em, 'POST', '/_emulator/faults', [{ kind: 'status', status: 500, method: 'GET' }])).status).toBe(201);
    expect((await call(em, 'GET', '/event-types')).status).toBe(500);
    await control(em, 'POST', '/_emulator/faults', { kind: 'status', status: 500 });
    expect((await control(em, 'DELETE', '/_emulator/faults')).status).toBe(200);
    expect((await call(em, 'GET', '/event-types')).status).toBe(200);

    const seeded = await control(em, 'POST', '/_emulator/event-types', { key: 'cal_test_alice', id: 3761978, ...basic });
    expect(seeded.status).toBe(201);
    expect(seeded.body.id).toBe(3761978);
    expect((await call(em, 'GET', '/event-types/3761978')).body.data.slug).toBe('massage');
    // Ids continue above a seeded one.
    expect((await call(em, 'POST', '/event-types', { ...basic, slug: 'neu' })).body.data.id).toBe(3761979);
    expect((await control(em, 'POST', '/_emulator/event-types', { key: 'cal_test_alice', ...basic })).status).toBe(400);

    // Edits and deletes "by hand" (Cal.com's web UI): no API request, so the stats below don't count them.
    expect((await control(em, 'PATCH', '/_emulator/event-types/3761978', { lengthInMinutes: 90 })).body).toMatchObject({
      id: 3761978,
      lengthInMinutes: 90,
      slug: 'massage',
    });
    expect((await control(em, 'PATCH', '/_emulator/event-types/999', { title: 'x' })).status).toBe(400);
    const extra = em.seed('cal_test_alice', { ...basic, slug: 'to-delete' });
    expect((await control(em, 'DELETE', `/_emulator/event-types/${extra.id}`)).status).toBe(200);
    expect(em.eventTypes('cal_test_alice').some((e) => e.id === extra.id)).toBe(false);

    const state = await control(em, 'GET', '/_emulator/state');
    expect(state.body.eventTypes).toHaveLength(2);
    expect(state.body.stats).toMatchObject({ total: 4, byStatus: { '200': 2, '201': 1, '500': 1 } });
    expect(state.body.stats.maxPerWindowByKey).toEqual({ [redactKey('cal_test_alice')]: 4 });
    expect(state.body.requests.filter((r: { method: string }) => r.method === 'POST')).toHaveLength(1);

    await control(em, 'POST', '/_emulator/random-faults', { rate: 1, kinds: [{ kind: 'status', status: 503 }] });
    expect((await call(em, 'GET', '/event-types')).status).toBe(503);
    await control(em, 'POST', '/_emulator/random-faults', null);
    expect((await call(em, 'GET', '/event-types')).status).toBe(200);

    expect((await control(em, 'POST', '/_emulator/reset')).status).toBe(200);
    expect(em.eventTypes()).toEqual([]);
    expect(em.stats().total).toBe(0);
    expect((await control(em, 'GET', '/_emulator/nope')).status).toBe(404);
  });

  it('logs method, path, status, redacted key and time per request', async () => {
    const before = Date.now();
    await call(em, 'POST', '/event-types', basic, { key: 'cal_live_secret1234' });
    const [entry] = em.requests();
    expect(entry).toMatchObject({ method: 'POST', path: '/v2/event-types', status: 201, key: 'cal_live_…1234' });
    expect(entry!.at).toBeGreaterThanOrEqual(before);
    expect(JSON.stringify(em.requests())).not.toContain('secret');
  });
});

describe('CLI entry', () => {
  it('parses its options', () => {
    expect(parseEmulatorArgs([])).toEqual({ port: 5555 });
    expect(parseEmulatorArgs(['--port', '0', '--rate-limit=10', '--latency', '5'])).toEqual({
      port: 0,
      rateLimitPerMinute: 10,
      latencyMs: 5,
    });
    expect(parseEmulatorArgs(['--rate-limit', 'off']).rateLimitPerMinute).toBe(false);
    expect(() => parseEmulatorArgs(['--port', 'x'])).toThrow(/--port/);
    expect(() => parseEmulatorArgs(['--nope', '1'])).toThrow(/unknown option/);
  });

  it('prints the listening line and stops on SIGTERM', async () => {
    const write = process.stdout.write.bind(process.stdout);
    let printed!: (line: string) => void;
    const firstLine = new Promise<string>((resolve) => (printed = resolve));
    process.stdout.write = ((chunk: string) => {
      printed(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    const done = runEmulatorCli(['--port', '0']);
    let line: string;
    try {
      line = await firstLine;
    } finally {
      process.stdout.write = write;
    }
    const match = /^Cal\.com emulator listening on (http:\/\/127\.0\.0\.1:\d+\/v2)\n$/.exec(line);
    expect(match).not.toBeNull();
    expect((await fetch(`${match![1]}/event-types`, { headers: { authorization: 'Bearer cal_x' } })).status).toBe(200);
    process.emit('SIGTERM');
    await done;
    await expect(fetch(`${match![1]}/event-types`)).rejects.toThrow();
  });
});
