// The emulator's throttling and latency, on a manual clock: time is moved, never waited for.
import { setImmediate as turn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/lib/clock.js';
import { type Emulator, startEmulator } from '../../src/sandbox/emulator.js';
import { call } from './helpers.js';

let em: Emulator | undefined;
afterEach(async () => {
  await em?.close();
  em = undefined;
});

const limitHeaders = (h: Headers) => ({
  limit: h.get('x-ratelimit-limit-default'),
  remaining: h.get('x-ratelimit-remaining-default'),
  reset: h.get('x-ratelimit-reset-default'),
});

describe('rate limiting per API key', () => {
  it('counts down, answers 429, blocks the key, then recovers', async () => {
    const clock = manualClock();
    em = await startEmulator({ rateLimitPerMinute: 3, windowMs: 1_000, blockMs: 1_500, clock });
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push(limitHeaders((await call(em, 'GET', '/event-types')).headers));
    expect(seen.map((s) => s.remaining)).toEqual(['2', '1', '0']);
    expect(seen.every((s) => s.limit === '3' && s.reset === '1')).toBe(true);

    const over = await call(em, 'GET', '/event-types');
    expect(over.status).toBe(429);
    expect(over.body.error.message).toBe('CustomThrottlerGuard - Too many requests. Please try again later.');
    // Reset shows the block in seconds (1.5 s → 2), not an epoch.
    expect(limitHeaders(over.headers)).toEqual({ limit: '3', remaining: '0', reset: '2' });

    // Another key is not affected.
    expect((await call(em, 'GET', '/event-types', undefined, { key: 'cal_test_bob' })).status).toBe(200);

    // Still blocked after the window would have ended, because the block is longer.
    clock.advance(1_100);
    const blocked = await call(em, 'GET', '/event-types');
    expect(blocked.status).toBe(429);
    expect(limitHeaders(blocked.headers).reset).toBe('1');

    clock.advance(399);
    expect((await call(em, 'GET', '/event-types')).status).toBe(429);
    clock.advance(1);
    const back = await call(em, 'GET', '/event-types');
    expect(back.status).toBe(200);
    expect(limitHeaders(back.headers).remaining).toBe('2');

    const stats = em.stats();
    expect(stats.tooMany).toBe(3);
    expect(stats.byStatus).toEqual({ '200': 5, '429': 3 });
    expect(stats.maxPerWindow).toBe(7); // alice sent 7 requests within 60 s, refused or not
    expect(em.requests().filter((r) => r.status === 429)).toHaveLength(3);
  });

  it('a new window starts after windowMs when the limit was not exceeded', async () => {
    const clock = manualClock();
    em = await startEmulator({ rateLimitPerMinute: 2, windowMs: 300, clock });
    await call(em, 'GET', '/event-types');
    await call(em, 'GET', '/event-types');
    clock.advance(300);
    const res = await call(em, 'GET', '/event-types');
    expect(res.status).toBe(200);
    expect(limitHeaders(res.headers).remaining).toBe('1');
  });

  it('can be switched off (no headers, no 429)', async () => {
    em = await startEmulator({ rateLimitPerMinute: false });
    for (let i = 0; i < 130; i++) expect((await call(em, 'GET', '/event-types')).status).toBe(200);
    expect((await call(em, 'GET', '/event-types')).headers.get('x-ratelimit-limit-default')).toBeNull();
    expect(em.stats().maxPerWindow).toBe(131);
  });

  it('defaults to 120 per minute', async () => {
    em = await startEmulator();
    const res = await call(em, 'GET', '/event-types');
    expect(limitHeaders(res.headers)).toEqual({ limit: '120', remaining: '119', reset: '60' });
  });
});

describe('latency', () => {
  it('holds every answer for latencyMs', async () => {
    const clock = manualClock();
    em = await startEmulator({ latencyMs: 120, clock });
    const answer = call(em, 'GET', '/event-types');
    await clock.waiting();
    clock.advance(119);
    await turn(); // were the wait shorter, the answer would be recorded by now
    expect(em.requests()).toEqual([]);
    clock.advance(1);
    expect((await answer).status).toBe(200);
    expect(em.requests()).toHaveLength(1);
  });
});
