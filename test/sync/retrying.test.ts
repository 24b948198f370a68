// The one retry loop (sync/retry.ts `retrying`): attempts from the policy, waits from delayBefore, the
// last error thrown; no real time passes (the sleep is a fake).
import { describe, expect, it, vi } from 'vitest';
import { retrying } from '../../src/sync/retry.js';

const policy = { attempts: 3, baseMs: 200, maxMs: 400 };
const failing = (times: number) => {
  let calls = 0;
  return vi.fn(async () => {
    if (++calls <= times) throw new Error(`blip ${calls}`);
    return 'done';
  });
};

describe('retrying', () => {
  it('succeeds after failures within the attempts, waiting between them', async () => {
    const sleep = vi.fn(async () => {});
    expect(await retrying(failing(2), { policy, sleep, random: () => 0 })).toBe('done');
    expect(sleep.mock.calls).toEqual([[100], [200]]); // half the ceiling with no jitter: 200/2, 400/2
  });

  it('throws the last error once the attempts are spent', async () => {
    const fn = failing(5);
    await expect(retrying(fn, { policy, sleep: async () => {} })).rejects.toThrow('blip 3');
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('gives up at once on a failure that is not retryable', async () => {
    const fn = failing(5);
    await expect(retrying(fn, { policy, sleep: async () => {}, retryable: () => false })).rejects.toThrow('blip 1');
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
