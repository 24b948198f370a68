// The composition root: config → logger → clock → database → store, Slack memory, jobs → Cal.com client and
// limiter → engine → use cases, each built once here and handed down. The CLI and the Slack app both start
// here, so every surface runs the same use cases on the same engine with the same limiter.
import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Limiter } from '../calcom/limiter.js';
import { ConfigError, secretsOf, type Config } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { createDigests } from '../db/digests.js';
import { createJobs, type Jobs } from '../db/jobs.js';
import { createSlackMemory, type SlackMemory } from '../db/slack.js';
import { createStore, type Store } from '../db/store.js';
import { systemClock, type Clock } from '../lib/clock.js';
import type { Engine } from '../sync/engine.js';
import type { EventTypes } from '../sync/ports.js';
import { createUseCases, type UseCases } from '../usecases/index.js';
import type { HealthCheck } from '../lib/health.js';
import { createLogger, type Logger } from '../lib/logger.js';

export interface Context {
  config: Readonly<Config>;
  logger: Logger;
  clock: Clock;
  db: Database;
  store: Store;
  /** What the Slack adapter remembers between requests (receipts, posted messages). */
  memory: SlackMemory;
  /** Durable Slack work (SPEC §10), held by this process. */
  jobs: Jobs;
  /** Only when CALCOM_API_KEY is set; commands that talk to Cal.com call `requireEngine()`. */
  engine?: Engine;
  calcom?: EventTypes;
  useCases: UseCases;
  /** The neighbours /healthz asks: the database, and Redis when the limiter shares it. */
  health: Record<string, HealthCheck>;
  /** This process, in cross-process claims (sync locks, digests, jobs). */
  holder: string;
  requireEngine(): { engine: Engine; calcom: EventTypes };
  close(): Promise<void>;
}

export interface ContextOptions {
  logger?: Logger;
  clock?: Clock;
  /** `calsync serve`: share the embedded database with the CLI (db/share.ts). */
  shareDatabase?: boolean;
  /** false: a command that never talks to Cal.com (status, list) skips loading the client and the limiter. */
  calcom?: boolean;
}

type CalcomModules = [typeof import('../calcom/client.js'), typeof import('../calcom/limiter.js'), typeof import('../sync/engine.js')];

/** The Cal.com client behind its limiter, and the engine on it. */
interface CalcomDeps {
  store: Store;
  clock: Clock;
  holder: string;
  logger: Logger;
}

async function openCalcom(config: Readonly<Config>, apiKey: string, deps: CalcomDeps, modules: CalcomModules) {
  const [{ createCalcomClient }, { createLimiter }, { createEngine }] = modules;
  const { timeoutMs, team } = config.calcom;
  // The limiter is per key; its id is a hash so the key never reaches Redis.
  const keyId = createHash('sha256').update(apiKey).digest('hex').slice(0, 12);
  const limiter: Limiter = createLimiter({
    perMinute: config.calcom.rateLimit,
    redisUrl: config.redisUrl,
    id: keyId,
    requestTimeoutMs: timeoutMs,
    // Each sync it fails records the error too; this line tells the operator why (once per connection given up).
    onRedisError: (err) => deps.logger.warn({ err }, err.message),
    clock: deps.clock,
  });
  const calcom: EventTypes = createCalcomClient({ apiUrl: config.calcom.apiUrl, apiKey, timeoutMs, limiter, team });
  const engine: Engine = createEngine({ calcom, store: deps.store, holder: deps.holder });
  return { limiter, calcom, engine };
}

const NO_KEY = 'CALCOM_API_KEY: is not set; it is needed to talk to Cal.com (try `npm run demo` for an offline tour)';

export async function createContext(config: Readonly<Config>, opts: ContextOptions = {}): Promise<Context> {
  const logger = opts.logger ?? createLogger(config.logLevel, secretsOf(config));
  const clock = opts.clock ?? systemClock;
  const wantCalcom = Boolean(config.calcom.apiKey) && opts.calcom !== false;
  const modules = wantCalcom
    ? Promise.all([import('../calcom/client.js'), import('../calcom/limiter.js'), import('../sync/engine.js')])
    : null;
  const db = await openDatabase(config.database, { share: opts.shareDatabase });
  if (db.applied.length) logger.info({ migrations: db.applied }, 'database migrated');
  const store = createStore(db.prisma, clock);
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const memory = createSlackMemory(db.prisma);
  const jobs = createJobs(db.prisma, holder, db.urgent, clock);
  const health: Record<string, HealthCheck> = { database: () => db.ping() };

  const apiKey = config.calcom.apiKey;
  const cal = modules && apiKey ? await openCalcom(config, apiKey, { store, clock, holder, logger }, await modules) : undefined;
  if (cal?.limiter.shared) health.redis = () => cal.limiter.ping();
  const { engine, calcom, limiter } = cal ?? {};
  const requireEngine = () => {
    if (!engine || !calcom) throw new ConfigError([NO_KEY]);
    return { engine, calcom };
  };
  const useCases = createUseCases({
    store,
    digests: createDigests(db.prisma),
    holder,
    clock,
    logger,
    digest: config.digest,
    calcom,
    target: config.calcom.team?.id ?? null,
    requireCalcom: () => requireEngine().calcom,
  });

  return {
    config,
    logger,
    clock,
    db,
    store,
    memory,
    jobs,
    engine,
    calcom,
    useCases,
    health,
    holder,
    requireEngine,
    async close() {
      await limiter?.stop();
      await db.close();
    },
  };
}
