// One Bottleneck limiter per Cal.com API key (SPEC §3.11). Cal.com allows 120 requests a minute per key
// and blocks the key for a whole minute once that is exceeded, so we pace requests evenly (never more than
// the limit in any 60-second window, however Cal.com's window is aligned) instead of bursting, and hold
// everything when Cal.com says the budget is nearly spent or a 429 arrives.
import Bottleneck from 'bottleneck';

export interface RateLimitHeaders {
  limit?: number;
  remaining?: number;
  resetSeconds?: number;
}

export interface LimiterOptions {
  perMinute: number;
  maxConcurrent?: number;
  /** Shared across replicas through Redis (Bottleneck clustering) when set. */
  redisUrl?: string;
  /** Key id for the shared limiter; never the raw key. */
  id?: string;
  /** Hold all requests when Cal.com reports the budget spent (default true; unit tests with instant retries turn it off). */
  holdOnReset?: boolean;
}

export interface Limiter {
  schedule<T>(fn: () => Promise<T>): Promise<T>;
  /** Feed Cal.com's X-RateLimit-*-Default headers back in. */
  observe(headers: RateLimitHeaders, status: number): void;
  /** True when the limiter is shared through Redis (and so depends on it). */
  readonly shared: boolean;
  /** Whether the limiter's store answers; always true for the in-process limiter. */
  ping(): Promise<boolean>;
  stop(): Promise<void>;
}

/** Below this many remaining requests, wait for Cal.com's window to reset rather than risk the block. */
const LOW_WATER = 2;

/** The share of the limit we aim for; the rest absorbs timing jitter between us and Cal.com. */
export const HEADROOM = 0.97;

/**
 * Even spacing with 3 % headroom: a gap of 60000/(0.97·L) ms means no 60-second window can hold more
 * than L requests, even when network jitter delays one request and not the next (seen in the replica
 * test on a loaded machine: at exactly 60000/L, 51 requests landed in a 50-request window).
 */
export function minGapMs(perMinute: number): number {
  return Math.ceil(60_000 / (perMinute * HEADROOM));
}

export function createLimiter(opts: LimiterOptions): Limiter {
  const minTime = minGapMs(opts.perMinute);
  const settings: Bottleneck.ConstructorOptions = { minTime, maxConcurrent: opts.maxConcurrent ?? 10 };
  if (opts.redisUrl) {
    Object.assign(settings, { id: `calsync-${opts.id ?? 'default'}`, datastore: 'ioredis', clearDatastore: false, clientOptions: opts.redisUrl, timeout: 120_000 });
  }
  const bottleneck = new Bottleneck(settings);
  let pausedUntil = 0;
  let resume: NodeJS.Timeout | undefined;

  function pauseFor(ms: number) {
    const until = Date.now() + ms;
    if (until <= pausedUntil) return;
    pausedUntil = until;
    void bottleneck.updateSettings({ reservoir: 0 });
    clearTimeout(resume);
    resume = setTimeout(() => {
      pausedUntil = 0;
      void bottleneck.updateSettings({ reservoir: null });
    }, ms);
    resume.unref();
  }

  return {
    schedule: (fn) => bottleneck.schedule(fn),
    shared: Boolean(opts.redisUrl),
    // Placeholder until the Redis health check lands (issue 9): the in-process limiter is always up.
    async ping() {
      return true;
    },
    observe({ remaining, resetSeconds }, status) {
      if (resetSeconds === undefined || opts.holdOnReset === false) return;
      if (status === 429 || (remaining !== undefined && remaining <= LOW_WATER)) pauseFor(resetSeconds * 1000 + 100);
    },
    async stop() {
      clearTimeout(resume);
      await bottleneck.stop({ dropWaitingJobs: false });
      await bottleneck.disconnect();
    },
  };
}
