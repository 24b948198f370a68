// Opens the database: embedded PGlite in CALSYNC_DATA_DIR by default, PostgreSQL when DATABASE_URL is set.
// PGlite's directory belongs to one process: a second one would corrupt it, so we hold a lock file and
// refuse with a clear message instead.
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/client.js';
import { applyMigrations } from './migrate.js';

export type Prisma = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgres';
  /** Names of the migrations applied when it was opened. */
  applied: string[];
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url?: string;
  /** PGlite directory; `memory://` keeps it in memory (tests). */
  dataDir: string;
}

export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

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

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) {
    // Migrations take the schema engine's advisory lock; on a pool the unlock could go out on another
    // connection and leave the lock held, so a second replica starting alongside would wait forever.
    // One connection of its own makes replicas starting together take turns.
    const migrationPool = new pg.Pool({ connectionString: opts.url, max: 1 });
    return open('postgres', new PrismaPgWholeScripts({ connectionString: opts.url }), async () => {}, {
      adapter: new PrismaPgWholeScripts(migrationPool),
      done: () => migrationPool.end(),
    });
  }
  if (opts.dataDir.startsWith('memory://')) {
    const pglite = await PGlite.create();
    return open('pglite', new PrismaPGlite(pglite), () => pglite.close());
  }
  const dir = resolve(opts.dataDir);
  mkdirSync(dir, { recursive: true });
  const unlock = lockDirectory(dir);
  try {
    const pglite = await PGlite.create(join(dir, 'pg'));
    return await open('pglite', new PrismaPGlite(pglite), async () => {
      await pglite.close();
      unlock();
    });
  } catch (err) {
    unlock();
    throw err;
  }
}

async function open(
  kind: Database['kind'],
  adapter: SqlMigrationAwareDriverAdapterFactory,
  closeDriver: () => Promise<void>,
  migrator?: { adapter: SqlMigrationAwareDriverAdapterFactory; done: () => Promise<void> },
): Promise<Database> {
  let applied: string[];
  try {
    applied = await applyMigrations(migrator?.adapter ?? adapter);
  } catch (cause) {
    await closeDriver();
    throw new DatabaseError(`Could not migrate the ${kind === 'postgres' ? 'PostgreSQL' : 'embedded'} database: ${(cause as Error).message}`, { cause });
  } finally {
    await migrator?.done();
  }
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    kind,
    applied,
    async ping() {
      try {
        await prisma.$queryRaw`SELECT 1`;
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Claims the data directory for this process; a lock left by a dead process is taken over. */
function lockDirectory(dir: string): () => void {
  const path = join(dir, 'calsync.lock');
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      // Removed only while it is still ours: never delete a lock another process took after us.
      const release = () => {
        process.off('exit', release);
        try {
          if (Number(readFileSync(path, 'utf8')) === process.pid) rmSync(path, { force: true });
        } catch {
          // already gone
        }
      };
      process.on('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(path, 'utf8'));
      if (pid && pidAlive(pid)) {
        throw new DatabaseError(
          `The embedded database in ${dir} is in use by ${pid === process.pid ? 'this' : 'another'} calsync process (pid ${pid}). ` +
            'Use the running app (Slack), stop it first, or set DATABASE_URL to share a PostgreSQL server.',
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DatabaseError(`Could not lock ${dir}`);
}
