// The limiter shared by every replica through Redis (Bottleneck clustering over ioredis, SPEC §3.12).
// The traps: Bottleneck waits for Redis's first "ready" forever, and a Redis script that fails while a job
// waits leaves that job queued forever; ioredis queues commands offline and retries them. So a Redis that
// is down or mute hung every sync. Here a connection that is not ready within `timeoutMs` or that fails
// later is given up as a whole: every job still waiting on it is rejected with a RedisError, and the next
// job opens a fresh connection, so syncs work again as soon as Redis is back, with no restart. For `timeoutMs`
// after a connection that never came up, jobs fail at once: a bulk run fails in seconds, not 3 s per worker.
import type { Clock } from '../lib/clock.js';
import { withinDeadline } from '../lib/deadline.js';
import Bottleneck from 'bottleneck';
import { Redis } from 'ioredis';
import { CalcomError, RedisError } from './errors.js';

export interface SharedLimiterOptions {
  url: string;
  /** Bottleneck's id: every replica with the same id shares one pace. */
  id: string;
  settings: Bottleneck.ConstructorOptions;
  /** How long Redis may take to connect, or to answer one command. */
  timeoutMs: number;
  /**
   * How long a request may hold its slot in Redis. Bottleneck gives back a slot only when the request is
   * freed or expires: without this, a request cut off by an outage (or a replica killed mid-request) would
   * hold its slot for ever, and after ten of them the limiter would let nothing through.
   */
  expirationMs: number;
  /** Told once for each connection given up (for the log). */
  onError?: (err: RedisError) => void;
  /** Measures the window after a connection that never came up, in which jobs fail at once. */
  clock: Clock;
}

/** A health probe's own deadline for the PING: under healthReport's one-second deadline per check. */
const PING_TIMEOUT_MS = 800;

/** One Redis connection pair and the Bottleneck on it: used until it fails, then replaced as a whole. */
interface Connection {
  client: Redis;
  redis: Bottleneck.IORedisConnection;
  bottleneck: Bottleneck;
  ready: boolean;
  /** Closed on purpose (stop): the errors of its closing sockets mean nothing. */
  closed: boolean;
  failure?: RedisError;
  /** ioredis's latest complaint while connecting (connect ECONNREFUSED …): the detail of the error. */
  lastError?: unknown;
  /** Jobs handed to this connection that have not started: rejected when it fails. */
  waiting: Set<(err: RedisError) => void>;
  /** Settles when Bottleneck is ready on it (resolves) or it fails (rejects). */
  usable: Promise<void>;
  /** Resolves when it fails. */
  dead: Promise<void>;
  giveUp(err: RedisError): void;
}

/** What createLimiter builds its pacing on: this shared one, or the in-process one. */
export interface LimiterBackend {
  schedule<T>(fn: () => Promise<T>): Promise<T>;
  updateSettings(settings: Bottleneck.ConstructorOptions): void;
  ping(): Promise<boolean>;
  stop(): Promise<void>;
}

export function createSharedLimiter(opts: SharedLimiterOptions): LimiterBackend {
  let current: Connection | undefined;
  const connection = (): Connection => {
    current ??= open();
    return current;
  };
  let stopped = false;
  /** Redis did not come up: until then, fail at once rather than wait again. */
  let down: { until: number; error: RedisError } | undefined;
  /** Settings changed since start (the pause's reservoir), carried over to a fresh connection. */
  let changed: Bottleneck.ConstructorOptions = {};
  const failed = (cause: unknown, fallback?: string) => RedisError.from(opts.url, cause, fallback);

  function open(): Connection {
    // No offline queue and one try per command: a command on a broken connection fails now, not later.
    const client = new Redis(opts.url, {
      connectTimeout: opts.timeoutMs,
      commandTimeout: opts.timeoutMs,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    const redis = new Bottleneck.IORedisConnection({ client });
    const bottleneck = new Bottleneck({
      ...opts.settings,
      ...changed,
      id: opts.id,
      datastore: 'ioredis',
      connection: redis,
      clearDatastore: false,
      timeout: 120_000,
    });
    let settle!: { resolve: () => void; reject: (err: RedisError) => void };
    const usable = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    usable.catch(() => {});
    let died!: () => void;
    const dead = new Promise<void>((resolve) => (died = resolve));
    const conn: Connection = {
      client,
      redis,
      bottleneck,
      usable,
      dead,
      ready: false,
      closed: false,
      waiting: new Set(),
      giveUp(err) {
        if (conn.failure || conn.closed) return;
        conn.failure = err;
        if (!conn.ready) down = { until: opts.clock.ms() + opts.timeoutMs, error: err };
        clearTimeout(deadline);
        if (current === conn) current = undefined;
        for (const reject of conn.waiting) reject(err);
        conn.waiting.clear();
        settle.reject(err);
        died();
        void close(conn, false);
        opts.onError?.(err);
      },
    };
    // Before it is ready ioredis reconnects by itself and we only note why; after, any error means jobs may be stuck.
    const onError = (err: unknown) => {
      if (conn.ready) conn.giveUp(failed(err));
      else conn.lastError = err;
    };
    redis.on('error', onError);
    bottleneck.on('error', onError);
    const deadline = setTimeout(() => conn.giveUp(failed(conn.lastError, `no answer within ${opts.timeoutMs / 1000} s`)), opts.timeoutMs);
    deadline.unref();
    bottleneck.ready().then(
      () => {
        if (conn.failure) return;
        clearTimeout(deadline);
        conn.ready = true;
        settle.resolve();
        // A pause lifted while the old connection was down may never have reached Redis.
        if (Object.keys(changed).length) apply(conn, changed);
      },
      (err: unknown) => conn.giveUp(failed(err)),
    );
    return conn;
  }

  function run<T>(conn: Connection, fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let started = false;
      conn.waiting.add(reject);
      conn.bottleneck
        .schedule({ expiration: opts.expirationMs }, async () => {
          // Given up on: this sync has already failed and released its claim; never send its request late.
          if (!conn.waiting.delete(reject)) return undefined as T;
          started = true;
          return fn();
        })
        .then(resolve, (err: unknown) => {
          // A request past its expiration may still land: for the engine that is a timeout, never a clean failure.
          if (started) return reject(err instanceof Bottleneck.BottleneckError ? CalcomError.timeout(opts.expirationMs, err) : err);
          // Not started, so Bottleneck itself failed (a Redis script): the connection is broken.
          conn.giveUp(failed(err));
          reject(conn.failure ?? failed(err));
        });
    });
  }

  return {
    async schedule<T>(fn: () => Promise<T>): Promise<T> {
      for (let tries = 1; ; tries++) {
        if (stopped) throw new Error('The Cal.com rate limiter has been stopped');
        if (down && opts.clock.ms() < down.until) throw new RedisError(down.error.location, down.error.message, down.error.cause);
        const conn = connection();
        try {
          return await run(conn, fn);
        } catch (err) {
          // A connection that worked and then dropped may be a blip (a Redis restart, a failover): one fresh
          // connection gets a chance, bounded by its own timeout. One that never came up already had its wait.
          if (!(err instanceof RedisError) || !conn.ready || tries > 1) throw err;
        }
      }
    },

    updateSettings(settings) {
      changed = { ...changed, ...settings };
      if (current) apply(current, settings);
    },

    async ping() {
      if (stopped || (down && opts.clock.ms() < down.until)) return false;
      const conn = connection();
      try {
        await withinDeadline(conn.usable, PING_TIMEOUT_MS);
        return (await withinDeadline(conn.client.ping(), PING_TIMEOUT_MS)) === 'PONG';
      } catch {
        return false;
      }
    },

    async stop() {
      stopped = true;
      const conn = current;
      current = undefined;
      if (!conn || conn.failure) return;
      if (!conn.ready) return conn.giveUp(failed(conn.lastError, 'stopped before Redis answered'));
      // Requests already handed over finish first, unless Redis fails meanwhile.
      await Promise.race([conn.bottleneck.stop({ dropWaitingJobs: false }).catch(() => {}), conn.dead]);
      if (!conn.failure) await close(conn, true);
    },
  };

  /** Bottleneck types updateSettings as synchronous; with Redis it is a script that can fail. */
  function apply(conn: Connection, settings: Bottleneck.ConstructorOptions) {
    const done = conn.bottleneck.updateSettings(settings) as unknown as Promise<unknown>;
    done.catch((err: unknown) => conn.ready && conn.giveUp(failed(err)));
  }

  async function close(conn: Connection, flush: boolean) {
    conn.closed = true;
    // The connection first: once it is terminated, Bottleneck skips the UNSUBSCRIBE that would fail on a dead
    // socket (as an unhandled rejection). QUIT gets a bounded wait; then the sockets are simply closed.
    if (flush) await withinDeadline(conn.redis.disconnect(true), opts.timeoutMs).catch(() => {});
    await conn.redis.disconnect(false);
    await Promise.resolve(conn.bottleneck.disconnect(false)).catch(() => {});
  }
}
