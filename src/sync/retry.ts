// Retry policy as data (SPEC §3.8): how many attempts, and how long to wait before the next one.
import { systemClock } from '../lib/clock.js';
import { isApiFailure } from './classify.js';
import type { ApiFailure } from './ports.js';

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 3, baseMs: 500, maxMs: 30_000 };

/**
 * Milliseconds to wait after failed attempt `attempt` (1-based). On 429 Cal.com's reset time wins
 * (its key is blocked until then, so an earlier retry only extends the block); otherwise exponential
 * backoff with "equal jitter" so that many services failing together do not retry in lockstep.
 */
export function delayBefore(attempt: number, failure: ApiFailure, policy: RetryPolicy, random: () => number = Math.random): number {
  if (failure.status === 429 && failure.retryAfterSeconds !== undefined) {
    return failure.retryAfterSeconds * 1000 + Math.floor(random() * 250);
  }
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.floor(ceiling / 2 + random() * (ceiling / 2));
}

export interface RetryingOptions {
  policy: RetryPolicy;
  /** Whether a failure is worth another attempt (default: every failure). */
  retryable?: (err: unknown) => boolean;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * Runs `fn` until it succeeds or the policy's attempts are spent, waiting `delayBefore` between; throws the
 * last error. `fn` is told which attempt it is (1-based), so a caller can count them or act on a retry.
 */
export async function retrying<T>(fn: (attempt: number) => Promise<T>, opts: RetryingOptions): Promise<T> {
  const sleep = opts.sleep ?? ((ms: number) => systemClock.sleep(ms));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= opts.policy.attempts || !(opts.retryable?.(err) ?? true)) throw err;
      await sleep(delayBefore(attempt, failureOf(err), opts.policy, opts.random));
    }
  }
}

/** The failure a wait is computed from: an API failure as it is (a 429's reset time is honoured), else plain backoff. */
function failureOf(err: unknown): ApiFailure {
  return isApiFailure(err) ? err : { status: 0, message: String(err), retryable: true };
}
