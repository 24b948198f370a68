// The composition root: config → logger → database → Cal.com client → engine. The CLI and the Slack app
// both start here, so every surface runs the same engine with the same limiter.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { createCalcomClient } from '../calcom/client.js';
import { createLimiter, type Limiter } from '../calcom/limiter.js';
import { ConfigError, secretsOf, type Config } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { createStore, type Store } from '../db/store.js';
import { createEngine, type Engine } from '../sync/engine.js';
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

export async function createContext(config: Readonly<Config>, opts: { logger?: Logger } = {}): Promise<Context> {
  const secrets = secretsOf(config);
  const logger = opts.logger ?? createLogger(config.logLevel, secrets);
  const db = await openDatabase(config.database);
  if (db.applied.length) logger.info({ migrations: db.applied }, 'database migrated');
  const store = createStore(db.prisma);

  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let engine: Engine | undefined;
  let calcom: EventTypes | undefined;
  let limiter: Limiter | undefined;
  if (config.calcom.apiKey) {
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
