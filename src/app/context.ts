// The composition root: config → logger → database → Cal.com client → engine. The CLI and the Slack app
// both start here, so every surface runs the same engine with the same limiter.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Limiter } from '../calcom/limiter.js';
import { ConfigError, secretsOf, type Config } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { createStore, type Store } from '../db/store.js';
import type { Engine } from '../sync/engine.js';
import type { EventTypes } from '../sync/ports.js';
import { createLogger, type Logger } from './logger.js';
import { createHash } from 'node:crypto';

export interface Context {
  config: Readonly<Config>;
  logger: Logger;
  db: Database;
  store: Store;
  /** Only when CALCOM_API_KEY is set; commands that talk to Cal.com call `requireEngine()`. */
  engine?: Engine;
  calcom?: EventTypes;
  limiter?: Limiter;
  secrets: string[];
  /** This process, in cross-process claims (sync locks, digests, jobs). */
  holder: string;
  requireEngine(): { engine: Engine; calcom: EventTypes };
  close(): Promise<void>;
}

export interface ContextOptions {
  logger?: Logger;
  /** `calsync serve`: share the embedded database with the CLI (db/share.ts). */
  shareDatabase?: boolean;
  /** false: a command that never talks to Cal.com (status, list) skips loading the client and the limiter. */
  calcom?: boolean;
}

export async function createContext(config: Readonly<Config>, opts: ContextOptions = {}): Promise<Context> {
  const secrets = secretsOf(config);
  const logger = opts.logger ?? createLogger(config.logLevel, secrets);
  const wantCalcom = Boolean(config.calcom.apiKey) && opts.calcom !== false;
  const modules = wantCalcom ? Promise.all([import('../calcom/client.js'), import('../calcom/limiter.js'), import('../sync/engine.js')]) : null;
  const db = await openDatabase(config.database, { share: opts.shareDatabase });
  if (db.applied.length) logger.info({ migrations: db.applied }, 'database migrated');
  const store = createStore(db.prisma);

  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let engine: Engine | undefined;
  let calcom: EventTypes | undefined;
  let limiter: Limiter | undefined;
  if (modules && config.calcom.apiKey) {
    const [{ createCalcomClient }, { createLimiter }, { createEngine }] = await modules;
    // The limiter is per key; its id is a hash so the key never reaches Redis.
    const keyId = createHash('sha256').update(config.calcom.apiKey).digest('hex').slice(0, 12);
    limiter = createLimiter({
      perMinute: config.calcom.rateLimit, redisUrl: config.redisUrl, id: keyId, requestTimeoutMs: config.calcom.timeoutMs,
      // Each sync it fails records the error too; this line tells the operator why (once per connection given up).
      onRedisError: (err) => logger.warn({ err }, err.message),
    });
    calcom = createCalcomClient({ apiUrl: config.calcom.apiUrl, apiKey: config.calcom.apiKey, timeoutMs: config.calcom.timeoutMs, limiter, team: config.calcom.team });
    engine = createEngine({ calcom, store, holder });
  }

  return {
    config, logger, db, store, engine, calcom, limiter, secrets, holder,
    requireEngine() {
      if (!engine || !calcom) throw new ConfigError(['CALCOM_API_KEY: is not set; it is needed to talk to Cal.com (try `npm run demo` for an offline tour)']);
      return { engine, calcom };
    },
    async close() {
      await limiter?.stop();
      await db.close();
    },
  };
}
