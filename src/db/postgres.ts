// Prisma's `pg` adapter for a PostgreSQL server (DATABASE_URL), or for the embedded database the running
// app shares over its Unix socket (share.ts). Loaded only by the commands that need it.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { currentLane } from './lanes.js';

/**
 * @prisma/adapter-pg runs a migration script by splitting it on every `;`, which breaks any PL/pgSQL body
 * (our updated_at trigger). PostgreSQL's simple query protocol takes the whole script at once.
 */
class PrismaPgWholeScripts extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const driver = adapter.underlyingDriver() as { query(sql: string): Promise<unknown> };
    adapter.executeScript = async (script: string) => {
      await driver.query(script);
    };
    return adapter;
  }
}

/**
 * The pool Prisma's adapter uses, with two connections kept for the urgent lane (lanes.ts): behind a flood
 * of syncs every pooled connection can be busy, and the job row a Slack ack waits for must not queue for one.
 */
class LanePool extends pg.Pool {
  readonly #urgent: pg.Pool;

  constructor(config: pg.PoolConfig) {
    super(config);
    this.#urgent = new pg.Pool({ ...config, max: 2 });
  }

  // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this override forwards every one unchanged.
  override query(...args: unknown[]): any {
    type Query = (...a: unknown[]) => unknown;
    return currentLane() === 'urgent' ? (this.#urgent.query as Query).apply(this.#urgent, args) : (super.query as Query).apply(this, args);
  }

  // biome-ignore lint/suspicious/noExplicitAny: forwards both of pg's connect overloads (callback and promise) unchanged.
  override connect(...args: unknown[]): any {
    type Connect = (...a: unknown[]) => unknown;
    return currentLane() === 'urgent'
      ? (this.#urgent.connect as Connect).apply(this.#urgent, args)
      : (super.connect as Connect).apply(this, args);
  }

  override async end(): Promise<void> {
    await Promise.all([super.end(), this.#urgent.end()]);
  }
}

export interface PgConnection {
  adapter: SqlMigrationAwareDriverAdapterFactory;
  /** Migrations take the schema engine's advisory lock: on a pool the unlock could go out on another
   * connection and leave the lock held, so a second replica starting alongside would wait forever. One
   * connection of its own makes replicas starting together take turns. */
  migrator: { adapter: SqlMigrationAwareDriverAdapterFactory; done: () => Promise<void> };
  query(sql: string): Promise<Record<string, unknown>[]>;
}

export function connectPostgres(config: pg.PoolConfig): PgConnection {
  const migrationPool = new pg.Pool({ ...config, max: 1 });
  return {
    adapter: new PrismaPgWholeScripts(new LanePool(config), { disposeExternalPool: true }),
    migrator: { adapter: new PrismaPgWholeScripts(migrationPool), done: () => migrationPool.end() },
    query: async (sql) => (await migrationPool.query(sql)).rows,
  };
}

/** The embedded database of the app running on the same data directory, through its socket directory. */
export function connectShared(socketDir: string): PgConnection {
  // PGlite's single user and database; the socket's file mode is the access control.
  return connectPostgres({ host: socketDir, port: 5432, user: 'postgres', database: 'postgres', max: 2 });
}
