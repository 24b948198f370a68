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
  const text = Buffer.from(`${sql}\0`);
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
  const client = new Client(socket, pglite, gate);
  socket.on('data', (chunk: Buffer) => client.received(chunk));
  socket.on('close', () => client.gone());
  socket.on('error', () => client.gone());
}

/** One connected process: its messages, cut into protocol messages, run in turns at the gate. */
class Client {
  #buffer: Buffer = Buffer.alloc(0);
  #startup = true;
  readonly #queue: Buffer[] = [];
  #turn = false;
  #closed = false;
  #wake: (() => void) | null = null;
  /** An extended-query exchange (Parse, Bind, Execute…) not yet closed by Sync. */
  #exchange = false;

  constructor(
    private readonly socket: Socket,
    private readonly pglite: PGlite,
    private readonly gate: Gate,
  ) {}

  received(chunk: Buffer): void {
    this.#buffer = this.#buffer.length ? Buffer.concat([this.#buffer, chunk]) : chunk;
    this.#split();
    if (this.#wake) this.#wake();
    else if (!this.#turn && this.#queue.length) this.#startTurn();
  }

  gone(): void {
    this.#closed = true;
    this.#wake?.();
  }

  #split(): void {
    for (;;) {
      if (this.#startup) {
        if (this.#buffer.length < 8) return;
        const code = this.#buffer.readInt32BE(4);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          this.socket.write('N');
          this.#buffer = this.#buffer.subarray(8);
          continue;
        }
        // PGlite has no backend to interrupt; the protocol expects no answer.
        if (code === CANCEL_REQUEST) return void this.socket.end();
        if (!this.#take(this.#buffer.readInt32BE(0))) return;
        this.#startup = false;
        continue;
      }
      if (this.#buffer.length < 5 || !this.#take(1 + this.#buffer.readInt32BE(1))) return;
    }
  }

  #take(length: number): boolean {
    if (this.#buffer.length < length) return false;
    this.#queue.push(this.#buffer.subarray(0, length));
    this.#buffer = this.#buffer.subarray(length);
    return true;
  }

  #startTurn(): void {
    this.#turn = true;
    void this.gate
      .run('background', () => this.#runTurn())
      .catch(() => this.socket.destroy())
      .finally(() => {
        this.#turn = false;
        if (this.#queue.length && !this.#closed) this.#startTurn();
      });
  }

  /** Runs this client's messages until the session is idle again (or the client is gone). */
  async #runTurn(): Promise<void> {
    try {
      if (await this.#runMessages()) return;
    } catch {
      this.#closed = true;
      this.socket.destroy();
    }
    // The client left half-way: close its exchange and transaction so the session is clean for the next.
    const { pglite } = this;
    if (this.#exchange) await pglite.runExclusive(() => pglite.execProtocolRaw(SYNC));
    this.#exchange = false;
    if (pglite.isInTransaction()) await pglite.runExclusive(() => pglite.execProtocolRaw(simpleQuery('ROLLBACK')));
  }

  /** true: the session is idle and the turn can end; false: the client is gone. */
  async #runMessages(): Promise<boolean> {
    for (;;) {
      const message = this.#queue.shift();
      if (!message) {
        if (this.#closed) return false;
        if (!this.#exchange && !this.pglite.isInTransaction()) return true;
        if (!(await this.#more())) return false;
        continue;
      }
      // The startup message has no type byte: its first byte is the high byte of a small length.
      const type = message[0]! >= 0x41 ? String.fromCharCode(message[0]!) : null;
      if (type === 'X') {
        this.#closed = true;
        this.socket.end();
        return false;
      }
      const out = await this.pglite.runExclusive(() => this.pglite.execProtocolRaw(message));
      if (out.length && !this.socket.destroyed) this.socket.write(out);
      if (type === 'S' || type === 'Q') this.#exchange = false;
      else if (type) this.#exchange = true;
    }
  }

  /** Waits for the client's next message in the middle of its transaction; false when it is gone or silent. */
  async #more(): Promise<boolean> {
    const more = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), IDLE_IN_TRANSACTION_MS);
      this.#wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
    this.#wake = null;
    if (!more) {
      this.#closed = true;
      this.socket.destroy();
    }
    return more;
  }
}
