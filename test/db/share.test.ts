// The embedded database shared by the app over its Unix socket (db/share.ts): another process's client and
// the app's own statements take turns, and a transaction on either side never takes in the other's work.
// The other process is played by a plain `pg` client on the socket (this test process holds the lock).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { SOCKET_FILE } from '../../src/db/share.js';

const dir = mkdtempSync(join(tmpdir(), 'calsync-share-'));
let app: Database;
const client = () => new pg.Client({ host: join(dir, 'data'), port: 5432, user: 'postgres', database: 'postgres' });

/** Until a statement waits at the embedded database's gate (the app's, or a client's turn). */
async function untilQueued() {
  while (app.queued() === 0) await new Promise((r) => setImmediate(r));
}

/** Resolves when `release()` is called: a transaction held open at a point the test chooses. */
function latch() {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  return { release, released };
}

beforeAll(async () => {
  app = await openDatabase({ dataDir: join(dir, 'data') }, { share: true });
  await app.prisma.service.createMany({
    data: [
      { id: 1, name: 'Schnitt', durationMinutes: 30 },
      { id: 2, name: 'Farbe', durationMinutes: 60 },
    ],
  });
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the app shares its embedded database', () => {
  it('on a socket only its user may open, in the data directory', () => {
    const mode = statSync(join(dir, 'data', SOCKET_FILE)).mode;
    expect(mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'data', SOCKET_FILE)).isSocket()).toBe(true);
  });

  it("a client's transaction holds the app's statements back until it ends, and a rollback keeps the app's write", async () => {
    const c = client();
    await c.connect();
    try {
      await c.query('BEGIN');
      await c.query(`UPDATE services SET name = 'by the CLI' WHERE id = 1`);
      // Issued while the client's transaction is open: it must neither run inside it nor be rolled back with it.
      const appWrite = app.prisma.service.update({ where: { id: 2 }, data: { name: 'by the app' } });
      const written = appWrite.then(() => 'written');
      await untilQueued();
      await c.query('ROLLBACK');
      expect(await written).toBe('written');
      const rows = await app.prisma.service.findMany({ orderBy: { id: 'asc' }, select: { name: true } });
      expect(rows.map((r) => r.name)).toEqual(['Schnitt', 'by the app']);
    } finally {
      await c.end();
    }
  });

  it("the app's transaction holds the client back, and the client's write survives the app's rollback", async () => {
    const c = client();
    await c.connect();
    try {
      const inside = latch();
      const entered = latch();
      const appTx = app.prisma
        .$transaction(async (tx) => {
          await tx.service.update({ where: { id: 1 }, data: { name: 'app, rolled back' } });
          entered.release();
          await inside.released;
          throw new Error('roll back');
        })
        .catch((err: Error) => err.message);
      await entered.released;
      const clientWrite = c.query(`UPDATE services SET description = 'by the CLI' WHERE id = 1`);
      await untilQueued();
      inside.release();
      expect(await appTx).toBe('roll back');
      await clientWrite;
      const row = await app.prisma.service.findUnique({ where: { id: 1 } });
      expect(row).toMatchObject({ name: 'Schnitt', description: 'by the CLI' });
    } finally {
      await c.end();
    }
  });

  it('a client that disconnects inside a transaction leaves nothing behind, and others go on', async () => {
    const c = client();
    await c.connect();
    await c.query('BEGIN');
    await c.query(`INSERT INTO services (id, name, duration_minutes) VALUES (3, 'never committed', 10)`);
    c.on('error', () => {}); // "terminated unexpectedly": what this test does
    const gone = new Promise((r) => c.once('end', r));
    (c as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    await gone;
    expect(await app.prisma.service.findUnique({ where: { id: 3 } })).toBeNull();
    const other = client();
    await other.connect();
    expect((await other.query('SELECT count(*)::int AS n FROM services')).rows[0].n).toBe(2);
    await other.end();
  });

  it('two clients and the app writing at once: every row is there, none twice', async () => {
    const [a, b] = [client(), client()];
    await Promise.all([a.connect(), b.connect()]);
    try {
      const many = (c: pg.Client, from: number) =>
        (async () => {
          for (let i = 0; i < 20; i++) {
            await c.query('BEGIN');
            await c.query('INSERT INTO services (id, name, duration_minutes) VALUES ($1, $2, 15)', [from + i, `client ${from + i}`]);
            await c.query('UPDATE services SET sync_attempts = sync_attempts + 1 WHERE id = 1');
            await c.query('COMMIT');
          }
        })();
      const appSide = (async () => {
        for (let i = 0; i < 20; i++) {
          await app.prisma.$transaction([
            app.prisma.service.create({ data: { id: 300 + i, name: `app ${300 + i}`, durationMinutes: 15 } }),
            app.prisma.service.update({ where: { id: 1 }, data: { syncAttempts: { increment: 1 } } }),
          ]);
        }
      })();
      await Promise.all([many(a, 100), many(b, 200), appSide]);
      const ids = (await app.prisma.service.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((r) => r.id);
      expect(ids).toEqual([
        1,
        2,
        ...Array.from({ length: 20 }, (_, i) => 100 + i),
        ...Array.from({ length: 20 }, (_, i) => 200 + i),
        ...Array.from({ length: 20 }, (_, i) => 300 + i),
      ]);
      expect((await app.prisma.service.findUnique({ where: { id: 1 } }))?.syncAttempts).toBe(60);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });
});

describe('a data directory whose path is too long for a Unix socket', () => {
  it('gets its socket in a private temporary directory, removed on close with nothing else', async () => {
    const long = join(dir, 'x'.repeat(60), 'y'.repeat(40), 'data');
    const holder = await openDatabase({ dataDir: long }, { share: true });
    const [, socketDir] = readFileSync(join(long, 'calsync.lock'), 'utf8').split('\n');
    expect(socketDir).not.toBe(long);
    expect(statSync(join(socketDir!, SOCKET_FILE)).mode & 0o777).toBe(0o600);
    const c = new pg.Client({ host: socketDir, port: 5432, user: 'postgres', database: 'postgres' });
    await c.connect();
    expect((await c.query('SELECT count(*)::int AS n FROM services')).rows[0].n).toBe(0);
    await c.end();
    await holder.close();
    expect(existsSync(socketDir!)).toBe(false);
    expect(existsSync(join(long, 'pg', 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(long, 'calsync.lock'))).toBe(false);
  });
});
