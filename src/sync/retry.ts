// Retry policy as data (SPEC §3.8): how many attempts, and how long to wait before the next one.
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

/** Runs `fn` until it succeeds or the policy's attempts are spent, waiting `delayBefore` between; throws the last error. */
export async function retrying<T>(fn: () => Promise<T>, opts: RetryingOptions): Promise<T> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= opts.policy.attempts || !(opts.retryable?.(err) ?? true)) throw err;
      // Not an API failure (a database blip): plain backoff, no Retry-After to honour.
      await sleep(delayBefore(attempt, { status: 0, message: String(err), retryable: true }, opts.policy, opts.random));
    }
  }
}
