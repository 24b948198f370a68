// Opens the database: embedded PGlite in CALSYNC_DATA_DIR by default, PostgreSQL when DATABASE_URL is set.
// PGlite's directory belongs to one process: a second one would corrupt it, so its holder keeps a lock
// file. `calsync serve` shares what it holds over a Unix socket (share.ts); another calsync process that
// finds the lock of a live, sharing app connects there instead. Refused: a command beside a holder that
// doesn't share (another command), and a second app. A lock or socket left by a killed process is removed.
import { pidAlive } from '../lib/pid.js';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/client.js';
import { DatabaseError } from './errors.js';
import { Gate, gated, urgently } from './lanes.js';
import { migrateIfPending, type ReadApplied } from './migrate.js';
import { SOCKET_FILE } from './share.js';

export type Prisma = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgres';
  /** Where the embedded database is: in this process, or the running app's (through its socket). */
  via?: 'direct' | 'app';
  /** Names of the migrations applied when it was opened. */
  applied: string[];
  /** Runs `fn` with its statements ahead of queued background work (the job row before a Slack ack). */
  urgent<T>(fn: () => Promise<T>): Promise<T>;
  /** Statements and client turns waiting for the embedded database's one session (0 on a server). */
  queued(): number;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url?: string;
  /** PGlite directory; `memory://` keeps it in memory (tests). */
  dataDir: string;
}

export interface OpenOptions {
  /** Serve the embedded database to other calsync processes on the same directory (`calsync serve`). */
  share?: boolean;
}

export { DatabaseError };

/**
 * PostgreSQL's default 128 MB of shared buffers is what PGlite touches first: 16 MB (a catalogue of 10,000
 * services is a few MB, and the files stay in the OS cache) opens in about two thirds of the time with
 * half the memory. Given to initdb too, so a new directory is created with it.
 */
const SHARED_BUFFERS = ['-c', 'shared_buffers=16MB'];
const PGLITE_OPTIONS = { startParams: [...PGlite.defaultStartParams, ...SHARED_BUFFERS], initDbStartParams: SHARED_BUFFERS };

export async function openDatabase(opts: DatabaseOptions, { share = false }: OpenOptions = {}): Promise<Database> {
  if (opts.url) {
    const { connectPostgres } = await import('./postgres.js');
    const pg = connectPostgres({ connectionString: opts.url });
    return open(
      'postgres',
      pg.adapter,
      (sql) => names(pg.query(sql)),
      async () => {},
      pg.migrator,
    );
  }
  if (opts.dataDir.startsWith('memory://')) {
    const pglite = await PGlite.create(PGLITE_OPTIONS);
    return openPGlite(pglite, () => pglite.close());
  }
  const dir = resolve(opts.dataDir);
  mkdirSync(dir, { recursive: true });
  const claim = claimDirectory(dir, share);
  if ('pid' in claim) return openShared(dir, claim.pid, claim.socketDir);
  try {
    const pglite = await PGlite.create(join(dir, 'pg'), PGLITE_OPTIONS);
    return await openPGlite(
      pglite,
      async () => {
        await pglite.close();
        claim.release();
      },
      share ? claim.socketDir : undefined,
    );
  } catch (err) {
    claim.release();
    throw err;
  }
}

const names = async (rows: Promise<Record<string, unknown>[]>) => (await rows).map((r) => String(r.migration_name));

async function openPGlite(pglite: PGlite, closeDriver: () => Promise<void>, shareIn?: string): Promise<Database> {
  const gate = new Gate();
  const adapter = new PrismaPGlite(gated(pglite, gate));
  const db = await open('pglite', adapter, (sql) => names(pglite.query<Record<string, unknown>>(sql).then((r) => r.rows)), closeDriver);
  db.queued = () => gate.waiting;
  if (!shareIn) return db;
  const { shareDatabase } = await import('./share.js');
  const shared = await shareDatabase(pglite, gate, shareIn).catch(async (err: Error) => {
    await db.close();
    throw new DatabaseError(`Could not share the embedded database with other calsync processes: ${err.message}`, { cause: err });
  });
  const close = db.close;
  return {
    ...db,
    close: async () => {
      await shared.close();
      await close();
    },
  };
}

async function openShared(dir: string, pid: number, socketDir: string): Promise<Database> {
  const { connectShared } = await import('./postgres.js');
  const pg = connectShared(socketDir);
  try {
    const db = await open(
      'pglite',
      pg.adapter,
      (sql) => names(pg.query(sql)),
      async () => {},
      pg.migrator,
    );
    return { ...db, via: 'app' };
  } catch (cause) {
    throw new DatabaseError(
      `The embedded database in ${dir} is held by calsync process ${pid}, which did not answer on its socket: ${(cause as Error).message}`,
      { cause },
    );
  }
}

async function open(
  kind: Database['kind'],
  adapter: SqlMigrationAwareDriverAdapterFactory,
  readApplied: ReadApplied,
  closeDriver: () => Promise<void>,
  migrator?: { adapter: SqlMigrationAwareDriverAdapterFactory; done: () => Promise<void> },
): Promise<Database> {
  let applied: string[];
  try {
    applied = await migrateIfPending(migrator?.adapter ?? adapter, readApplied);
  } catch (cause) {
    await closeDriver();
    throw new DatabaseError(
      `Could not migrate the ${kind === 'postgres' ? 'PostgreSQL' : 'embedded'} database: ${(cause as Error).message}`,
      { cause },
    );
  } finally {
    await migrator?.done();
  }
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    kind,
    via: kind === 'pglite' ? 'direct' : undefined,
    applied,
    urgent: urgently,
    queued: () => 0,
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

type Claim = { release: () => void; socketDir?: string } | { pid: number; socketDir: string };

/** Where a sharing holder puts its socket: the data directory, unless that path is too long for a socket. */
function socketDirFor(dir: string): string {
  return Buffer.byteLength(join(dir, SOCKET_FILE)) < 100 ? dir : mkdtempSync(join(tmpdir(), 'calsync-socket-'));
}

/** The lock file: the holder's pid, and on a second line its socket directory when it shares. */
function readLock(path: string): { pid: number; socketDir?: string } {
  const [pid, socketDir] = readFileSync(path, 'utf8').split('\n');
  return { pid: Number(pid), socketDir: socketDir || undefined };
}

/** Removes the socket directory made for a long data directory path; never anything that is not empty. */
function removeSocketDir(socketDir: string, dir: string): void {
  if (socketDir === dir) return;
  try {
    rmdirSync(socketDir);
  } catch {
    // not empty, or already gone: leave it
  }
}

function removeStale(path: string, dir: string): void {
  const { socketDir } = readLock(path);
  if (socketDir) {
    rmSync(join(socketDir, SOCKET_FILE), { force: true });
    removeSocketDir(socketDir, dir);
  }
  rmSync(path, { force: true });
}

/** Claims the data directory for this process, or finds the running app that shares it. */
function claimDirectory(dir: string, share: boolean): Claim {
  const path = join(dir, 'calsync.lock');
  for (let tries = 0; tries < 2; tries++) {
    const socketDir = share ? socketDirFor(dir) : undefined;
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid) + (socketDir ? `\n${socketDir}` : ''));
      closeSync(fd);
      // Removed only while it is still ours: never delete a lock another process took after us.
      const release = () => {
        process.off('exit', release);
        try {
          if (readLock(path).pid === process.pid) removeStale(path, dir);
        } catch {
          // already gone
        }
      };
      process.on('exit', release);
      return { release, socketDir };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (socketDir) removeSocketDir(socketDir, dir);
      const held = readLock(path);
      if (held.pid && pidAlive(held.pid)) {
        // A second app is refused: it would lose its database the moment the first one stopped.
        if (!share && held.socketDir && held.pid !== process.pid && existsSync(join(held.socketDir, SOCKET_FILE)))
          return { pid: held.pid, socketDir: held.socketDir };
        throw new DatabaseError(
          `The embedded database in ${dir} is in use by ${held.pid === process.pid ? 'this' : 'another'} calsync process (pid ${held.pid})${held.socketDir ? ', which is still starting' : ''}. ` +
            'Use the running app (Slack), stop it first, or set DATABASE_URL to share a PostgreSQL server.',
        );
      }
      removeStale(path, dir);
    }
  }
  throw new DatabaseError(`Could not lock ${dir}`);
}
