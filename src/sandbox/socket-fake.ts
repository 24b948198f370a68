// A local stand-in for Slack's Socket Mode, for the demo and the end-to-end tests. apps.connections.open (answered
// by the Web API fake) hands out a one-time WebSocket URL here; the server says hello, delivers slash commands and
// button clicks as envelopes, waits for the app's ack ({ envelope_id, payload }), and can ask the app to
// reconnect (Slack's `disconnect` message), drop it without a word, or refuse new connections.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { clickPayload, commandFields, type Sender, type SlackFake } from './slack-fake.js';

export const SOCKET_APP_ID = 'A0CALSYNC';

/** Slack shows the user an error when an envelope is not acked within 3 seconds. */
const ACK_TIMEOUT_MS = 3000;

export type EnvelopeType = 'slash_commands' | 'interactive';

export interface SocketFake {
  /** The app-level token apps.connections.open accepts. */
  appToken: string;
  /** Open connections that Slack has greeted. */
  connections(): number;
  /** hello messages sent so far: 1 for the first connection, one more per reconnect. */
  hellos(): number;
  /** While true, WebSocket upgrades are refused with 503 (Slack's socket endpoint is down). */
  refuseConnections: boolean;
  /** What apps.connections.open answers; the Web API fake calls it with the bearer token. */
  open(appToken: string | undefined): Record<string, unknown>;
  /** Delivers an envelope on the newest connection; resolves with the ack's payload (200), 408 without an ack in 3 s, 503 with no connection. */
  deliver(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    o?: { retryAttempt?: number },
  ): Promise<{ status: number; body: string; ms: number }>;
  /** Slack's `disconnect` message to every connection ('refresh_requested', 'warning', 'link_disabled'). */
  disconnect(reason?: string): void;
  /** Ends every connection without a close frame, as a network failure would. */
  drop(): void;
  /** Resolves once `hellos()` reaches `count` and a greeted connection is open. */
  waitForConnection(count?: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

interface Pending {
  resolve(payload: unknown): void;
}

export async function startSocketFake(slack: SlackFake, opts: { appToken?: string } = {}): Promise<SocketFake> {
  const appToken = opts.appToken ?? 'xapp-1-A0CALSYNC-sandbox';
  const tickets = new Set<string>();
  const greeted = new Set<WebSocket>();
  const pending = new Map<string, Pending>();
  let hellos = 0;
  /** Told after every hello, so waitForConnection answers on the event instead of polling. */
  const onHello = new Set<() => void>();
  const http: Server = createServer((_req, res) => {
    res.writeHead(404);
    res.end();
  });
  const wss = new WebSocketServer({ noServer: true });

  http.on('upgrade', (req, socket, head) => {
    const ticket = new URL(req.url ?? '/', 'http://localhost').searchParams.get('ticket') ?? '';
    // Tickets are single-use, as Slack's are: every connection needs a fresh apps.connections.open.
    if (fake.refuseConnections || !tickets.delete(ticket)) {
      socket.end(`HTTP/1.1 ${fake.refuseConnections ? '503 Service Unavailable' : '401 Unauthorized'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      greeted.add(ws);
      hellos++;
      ws.on('close', () => greeted.delete(ws));
      ws.on('message', (data) => {
        let ack: { envelope_id?: string; payload?: unknown };
        try {
          ack = JSON.parse(String(data));
        } catch {
          return;
        }
        const waiting = ack.envelope_id ? pending.get(ack.envelope_id) : undefined;
        pending.delete(ack.envelope_id ?? '');
        waiting?.resolve(ack.payload);
      });
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: greeted.size,
          debug_info: { host: 'applink-sandbox', build_number: 1, approximate_connection_time: 18060 },
          connection_info: { app_id: SOCKET_APP_ID },
        }),
      );
      for (const told of onHello) told();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const base = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/link/`;

  const fake: SocketFake = {
    appToken,
    connections: () => [...greeted].filter((ws) => ws.readyState === ws.OPEN).length,
    hellos: () => hellos,
    refuseConnections: false,
    open(token) {
      if (!token) return { ok: false, error: 'not_authed' };
      if (!token.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
      if (token !== appToken) return { ok: false, error: 'invalid_auth' };
      const ticket = randomUUID();
      tickets.add(ticket);
      return { ok: true, url: `${base}?ticket=${ticket}&app_id=${SOCKET_APP_ID}` };
    },
    async deliver(type, payload, o = {}) {
      const started = performance.now();
      const ws = [...greeted].filter((w) => w.readyState === w.OPEN).at(-1);
      if (!ws) return { status: 503, body: '', ms: performance.now() - started };
      const envelopeId = randomUUID();
      const acked = new Promise<unknown>((resolve) => pending.set(envelopeId, { resolve }));
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ACK_TIMEOUT_MS)));
      ws.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type === 'slash_commands',
          ...(o.retryAttempt ? { retry_attempt: o.retryAttempt, retry_reason: 'timeout' } : {}),
        }),
      );
      const answer = await Promise.race([acked, late]);
      clearTimeout(timer);
      pending.delete(envelopeId);
      const ms = performance.now() - started;
      if (answer === 'late') return { status: 408, body: '', ms };
      const empty = answer == null || (typeof answer === 'object' && Object.keys(answer).length === 0);
      return { status: 200, body: empty ? '' : JSON.stringify(answer), ms };
    },
    disconnect(reason = 'refresh_requested') {
      for (const ws of greeted) ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-sandbox' } }));
    },
    drop() {
      for (const ws of greeted) ws.terminate();
    },
    waitForConnection(count = 1, timeoutMs = 15_000) {
      return new Promise<void>((resolve, reject) => {
        const done = () => {
          onHello.delete(check);
          clearTimeout(timer);
        };
        const check = () => {
          if (hellos < count || fake.connections() === 0) return;
          done();
          resolve();
        };
        const late = () => new Error(`SocketFake.waitForConnection timed out (${hellos} hellos, ${fake.connections()} open)`);
        const timer = setTimeout(() => {
          done();
          reject(late());
        }, timeoutMs);
        onHello.add(check);
        check();
      });
    },
    async close() {
      slack.socketMode = undefined;
      for (const ws of greeted) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  slack.socketMode = fake;
  return fake;
}

/** Sends slash commands and clicks over the socket, with the same shape (and payloads) as slackSender. */
export function socketSender(socket: SocketFake, slack: SlackFake): Sender {
  let trigger = 0;
  const triggerId = () => `${Date.now()}.${++trigger}.socket`;
  return {
    command: (text, o = {}) => socket.deliver('slash_commands', commandFields(text, o, slack, triggerId()), { retryAttempt: o.retryNum }),
    click: (o) => socket.deliver('interactive', clickPayload(o, slack, triggerId())),
    // The form body an HTTP request would carry, delivered as its envelope (headers mean nothing here).
    raw(body) {
      const form = new URLSearchParams(body);
      const payload = form.get('payload');
      return payload === null
        ? socket.deliver('slash_commands', Object.fromEntries(form))
        : socket.deliver('interactive', JSON.parse(payload));
    },
  };
}
