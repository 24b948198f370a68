// Serves the app's embedded database to the other calsync processes on its data directory (the CLI beside
// `calsync serve`) over a Unix socket (mode 0600) that speaks PostgreSQL's wire protocol. The trap: PGlite
// is ONE session. A client's messages therefore run in turns that end only where that session is idle
// (after a Sync or a simple Query, outside a transaction), and every turn waits at the same gate as the
// app's own statements: no transaction, and no Parse…Sync exchange, ever interleaves with another's.
// (@electric-sql/pglite-socket multiplexes message by message and bypasses PGlite's locks, so an app
// statement could land inside a CLI transaction; its releases also pin an older PGlite.)
import { chmodSync, renameSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Gate } from './lanes.js';

/** The file a PostgreSQL client looks for in a socket directory (`host=<dir>`, port 5432). */
export const SOCKET_FILE = '.s.PGSQL.5432';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** A client silent this long in the middle of a transaction is cut off, so it cannot hold the app up. */
const IDLE_IN_TRANSACTION_MS = 5000;

const char = (c: string) => c.charCodeAt(0);
const SYNC = Buffer.from([char('S'), 0, 0, 0, 4]);
function simpleQuery(sql: string): Buffer {
  const text = Buffer.from(sql + '\0');
  const out = Buffer.alloc(5 + text.length);
  out[0] = char('Q');
  out.writeInt32BE(4 + text.length, 1);
  text.copy(out, 5);
  return out;
}

export interface SharedDatabase {
  path: string;
  close(): Promise<void>;
}

export async function shareDatabase(pglite: PGlite, gate: Gate, socketDir: string): Promise<SharedDatabase> {
  const path = join(socketDir, SOCKET_FILE);
  const clients = new Set<Socket>();
  const server = createServer((socket) => {
    clients.add(socket);
    socket.once('close', () => clients.delete(socket));
    serveClient(socket, pglite, gate);
  });
  // Listen under a temporary name, restrict it, then move it into place: never reachable while open to all.
  const temp = `${path}.${process.pid}`;
  rmSync(path, { force: true });
  rmSync(temp, { force: true });
  await listen(server, temp);
  chmodSync(temp, 0o600);
  renameSync(temp, path);
  server.unref();
  return {
    path,
    async close() {
      rmSync(path, { force: true });
      for (const socket of clients) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function serveClient(socket: Socket, pglite: PGlite, gate: Gate): void {
  let buffer: Buffer = Buffer.alloc(0);
  let startup = true;
  const queue: Buffer[] = [];
  let turn = false;
  let closed = false;
  let wake: (() => void) | null = null;
  let exchange = false; // an extended-query exchange (Parse…) not yet closed by Sync

  const split = () => {
    for (;;) {
      if (startup) {
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        const code = buffer.readInt32BE(4);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          socket.write('N');
          buffer = buffer.subarray(8);
          continue;
        }
        if (code === CANCEL_REQUEST) {
          // PGlite has no backend to interrupt; the protocol expects no answer.
          socket.end();
          return;
        }
        if (buffer.length < length) return;
        queue.push(buffer.subarray(0, length));
        buffer = buffer.subarray(length);
        startup = false;
        continue;
      }
      if (buffer.length < 5) return;
      const length = 1 + buffer.readInt32BE(1);
      if (buffer.length < length) return;
      queue.push(buffer.subarray(0, length));
      buffer = buffer.subarray(length);
    }
  };

  const startTurn = () => {
    turn = true;
    void gate
      .run('background', () => runTurn())
      .catch(() => socket.destroy())
      .finally(() => {
        turn = false;
        if (queue.length && !closed) startTurn();
      });
  };

  /** Runs this client's messages until the session is idle again (or the client is gone). */
  const runTurn = async () => {
    try {
      if (await runMessages()) return;
    } catch {
      closed = true;
      socket.destroy();
    }
    // The client left half-way: close its exchange and transaction so the session is clean for the next.
    if (exchange) await pglite.runExclusive(() => pglite.execProtocolRaw(SYNC));
    if (pglite.isInTransaction()) await pglite.runExclusive(() => pglite.execProtocolRaw(simpleQuery('ROLLBACK')));
  };

  /** true: the session is idle and the turn can end; false: the client is gone. */
  const runMessages = async (): Promise<boolean> => {
    for (;;) {
      const message = queue.shift();
      if (!message) {
        if (closed) return false;
        if (!exchange && !pglite.isInTransaction()) return true;
        const more = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), IDLE_IN_TRANSACTION_MS);
          wake = () => {
            clearTimeout(timer);
            resolve(true);
          };
        });
        wake = null;
        if (!more) {
          closed = true;
          socket.destroy();
          return false;
        }
        continue;
      }
      const type = message.length > 4 && message[0]! >= 0x41 ? String.fromCharCode(message[0]!) : null;
      if (type === 'X') {
        closed = true;
        socket.end();
        return false;
      }
      const out = await pglite.runExclusive(() => pglite.execProtocolRaw(message));
      if (out.length && !socket.destroyed) socket.write(out);
      if (type === 'S' || type === 'Q') exchange = false;
      else if (type) exchange = true;
    }
  };

  socket.on('data', (chunk: Buffer) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    split();
    if (wake) wake();
    else if (!turn && queue.length) startTurn();
  });
  const gone = () => {
    closed = true;
    wake?.();
  };
  socket.on('close', gone);
  socket.on('error', gone);
}
