// The per-key limiter: even spacing (so no 60-second window exceeds the limit), holding on Cal.com's
// reset, and one shared pace for several replicas through Redis.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLimiter, type Limiter } from '../../src/calcom/limiter.js';
import { NEEDS_REDIS, REDIS_URL } from '../support/servers.js';

async function stamps(limiters: Limiter[], jobs: number): Promise<number[]> {
  const at: number[] = [];
  await Promise.all(Array.from({ length: jobs }, (_, i) => limiters[i % limiters.length]!.schedule(async () => void at.push(performance.now()))));
  return at.sort((a, b) => a - b);
}

/** The most starts inside any window of `windowMs`. */
function maxInWindow(ts: number[], windowMs: number): number {
  let max = 0;
  for (let i = 0, j = 0; i < ts.length; i++) {
    while (ts[i]! - ts[j]! >= windowMs) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

describe('limiter', () => {
  it('spaces requests evenly: never more than the limit in any window', async () => {
    const limiter = createLimiter({ perMinute: 6000 }); // 10 ms apart: 100 per second
    const ts = await stamps([limiter], 60);
    await limiter.stop();
    expect(maxInWindow(ts, 100)).toBeLessThanOrEqual(10);
    expect(ts.at(-1)! - ts[0]!).toBeGreaterThanOrEqual(59 * 10);
  });

  it('holds everything until Cal.com resets when the budget runs out', async () => {
    const limiter = createLimiter({ perMinute: 60_000 });
    await limiter.schedule(async () => limiter.observe({ remaining: 1, resetSeconds: 1 }, 200));
    const t0 = performance.now();
    await limiter.schedule(async () => {});
    expect(performance.now() - t0).toBeGreaterThanOrEqual(1000);
    await limiter.stop();
  });

  it.skipIf(!REDIS_URL)(`two replicas share one pace through ${NEEDS_REDIS}`, async () => {
    const id = `test-${randomUUID().slice(0, 8)}`;
    const a = createLimiter({ perMinute: 1200, redisUrl: REDIS_URL, id }); // 50 ms apart, together
    const b = createLimiter({ perMinute: 1200, redisUrl: REDIS_URL, id });
    const ts = await stamps([a, b], 30);
    await Promise.all([a.stop(), b.stop()]);
    // 1200/min = 20 per second across both; alone, each would have allowed 20 per second on its own.
    expect(maxInWindow(ts, 1000)).toBeLessThanOrEqual(21);
    expect(ts.at(-1)! - ts[0]!).toBeGreaterThanOrEqual(29 * 50 - 20);
  });
});
