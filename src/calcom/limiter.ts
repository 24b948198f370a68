// One Bottleneck limiter per Cal.com API key (SPEC §3.12). Cal.com allows 120 requests a minute per key
// and blocks the key for a whole minute once that is exceeded, so we pace requests evenly (never more than
// the limit in any 60-second window, however Cal.com's window is aligned) instead of bursting, and hold
// everything when Cal.com says the budget is nearly spent or a 429 arrives. With REDIS_URL the pace is shared
// by every replica (redis-limiter.ts), and a Redis that does not answer fails requests within seconds.
import Bottleneck from 'bottleneck';
import { type Clock, systemClock } from '../lib/clock.js';
import type { RedisError } from './errors.js';
import { createSharedLimiter, type LimiterBackend } from './redis-limiter.js';

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
  /** With Redis: how long it may take to connect or to answer one command before a request fails (default 3 s). */
  redisTimeoutMs?: number;
  /** Cal.com's per-request timeout (CALCOM_TIMEOUT_MS, default 10 s): with Redis, a request's slot expires after twice that. */
  requestTimeoutMs?: number;
  /** With Redis: told when a connection to it is given up, for the log. */
  onRedisError?: (err: RedisError) => void;
  /** When a hold ends, and (with Redis) how long a Redis that never came up keeps failing jobs at once. */
  clock?: Clock;
}

export interface Limiter {
  schedule<T>(fn: () => Promise<T>): Promise<T>;
  /** Feed Cal.com's X-RateLimit-*-Default headers back in. */
  observe(headers: RateLimitHeaders, status: number): void;
  /** True when the limiter is shared through Redis (and so depends on it). */
  readonly shared: boolean;
  /** Whether the limiter's store answers (a Redis PING, bounded); always true for the in-process limiter. */
  ping(): Promise<boolean>;
  stop(): Promise<void>;
}

/** Below this many remaining requests, wait for Cal.com's window to reset rather than risk the block. */
const LOW_WATER = 2;

/** The share of the limit we aim for; the rest absorbs timing jitter between us and Cal.com. */
export const HEADROOM = 0.97;

/** Long enough for a Redis across a network or busy for a moment; short enough that a sync fails "within seconds". */
export const REDIS_TIMEOUT_MS = 3000;

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
  const clock = opts.clock ?? systemClock;
  const settings: Bottleneck.ConstructorOptions = { minTime, maxConcurrent: opts.maxConcurrent ?? 10 };
  const backend = opts.redisUrl
    ? createSharedLimiter({
        url: opts.redisUrl,
        id: `calsync-${opts.id ?? 'default'}`,
        settings,
        onError: opts.onRedisError,
        clock,
        timeoutMs: opts.redisTimeoutMs ?? REDIS_TIMEOUT_MS,
        expirationMs: 2 * (opts.requestTimeoutMs ?? 10_000) + 1000,
      })
    : localLimiter(settings);
  let pausedUntil = 0;
  let resume: NodeJS.Timeout | undefined;

  function pauseFor(ms: number) {
    const until = clock.ms() + ms;
    if (until <= pausedUntil) return;
    pausedUntil = until;
    backend.updateSettings({ reservoir: 0 });
    clearTimeout(resume);
    resume = setTimeout(() => {
      pausedUntil = 0;
      backend.updateSettings({ reservoir: null });
    }, ms);
    resume.unref();
  }

  return {
    schedule: (fn) => backend.schedule(fn),
    shared: Boolean(opts.redisUrl),
    ping: () => backend.ping(),
    observe({ remaining, resetSeconds }, status) {
      if (resetSeconds === undefined || opts.holdOnReset === false) return;
      if (status === 429 || (remaining !== undefined && remaining <= LOW_WATER)) pauseFor(resetSeconds * 1000 + 100);
    },
    async stop() {
      clearTimeout(resume);
      await backend.stop();
    },
  };
}

function localLimiter(settings: Bottleneck.ConstructorOptions): LimiterBackend {
  const bottleneck = new Bottleneck(settings);
  return {
    schedule: (fn) => bottleneck.schedule(fn),
    updateSettings: (changed) => void bottleneck.updateSettings(changed),
    ping: async () => true,
    async stop() {
      await bottleneck.stop({ dropWaitingJobs: false });
      await bottleneck.disconnect();
    },
  };
}
