// The one retry loop (sync/retry.ts `retrying`), used by the engine and the digest: attempts from the policy,
// waits from delayBefore computed from the real failure, the last error thrown; no real time passes (the sleep is a fake).
import { describe, expect, it, vi } from 'vitest';
import { ApiFailureError } from '../../src/sync/ports.js';
import { retrying } from '../../src/sync/retry.js';

const policy = { attempts: 3, baseMs: 200, maxMs: 400 };

/** An adapter's API failure, as the engine receives one from Cal.com. */
class Failure extends ApiFailureError {
  constructor(
    readonly status: number,
    readonly retryable: boolean,
    readonly retryAfterSeconds?: number,
  ) {
    super(`Cal.com API error ${status}`);
  }
}

/** Throws the given errors in turn, then answers 'done'. */
const failing = (...errors: Error[]) =>
  vi.fn(async (_attempt: number) => {
    const err = errors.shift();
    if (err) throw err;
    return 'done';
  });
const blips = (times: number) => failing(...Array.from({ length: times }, (_, i) => new Error(`blip ${i + 1}`)));

describe('retrying', () => {
  it('succeeds after failures within the attempts, waiting between them', async () => {
    const sleep = vi.fn(async (_ms: number) => {});
    expect(await retrying(blips(2), { policy, sleep, random: () => 0 })).toBe('done');
    expect(sleep.mock.calls).toEqual([[100], [200]]); // half the ceiling with no jitter: 200/2, 400/2
  });

  it('throws the last error once the attempts are spent', async () => {
    const fn = blips(5);
    await expect(retrying(fn, { policy, sleep: async () => {} })).rejects.toThrow('blip 3');
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('gives up at once on a failure that is not retryable', async () => {
    const fn = blips(5);
    await expect(retrying(fn, { policy, sleep: async () => {}, retryable: () => false })).rejects.toThrow('blip 1');
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('tells each attempt its number, so the caller can count them', async () => {
    const fn = blips(2);
    await retrying(fn, { policy, sleep: async () => {} });
    expect(fn.mock.calls).toEqual([[1], [2], [3]]);
  });

  // The wait is computed from the failure itself: a 429's reset time wins over the policy's backoff.
  it.each([
    ['a 429 with Retry-After waits what Cal.com said', [new Failure(429, true, 42)], [42_000]],
    ['a 429 without Retry-After backs off as the policy says', [new Failure(429, true)], [100]],
    ['a 503 backs off as the policy says', [new Failure(503, true), new Failure(503, true)], [100, 200]],
    ['a Retry-After on a later attempt is honoured there', [new Failure(500, true), new Failure(429, true, 7)], [100, 7_000]],
    ['an error that is no API failure backs off as the policy says', [new Error('database blip')], [100]],
  ])('%s', async (_name, errors, waits) => {
    const sleep = vi.fn(async (_ms: number) => {});
    expect(await retrying(failing(...errors), { policy, sleep, random: () => 0 })).toBe('done');
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual(waits);
  });
});
