// How Slack reaches the app: HTTP mode (everything at POST /slack/events, signatures checked by Bolt's
// receiver, GET /healthz beside it) or Socket Mode when SLACK_APP_TOKEN is set (then /healthz has a small
// server of its own, and the connection is socketLink's). Bolt logs through pino.
import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { HTTPReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { Config } from '../config.js';
import type { Clock } from '../lib/clock.js';
import { healthReport, type HealthCheck } from '../lib/health.js';
import type { Logger } from '../lib/logger.js';
import { refuseFutureDated } from './request-time.js';
import { socketClientOptions, socketLink, type SocketLink } from './socket.js';

/** Bolt logs through pino, so secrets are redacted the same way and lines stay JSON. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  const join = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...m) => child.debug(join(m)),
    info: (...m) => child.info(join(m)),
    warn: (...m) => child.warn(join(m)),
    error: (...m) => child.error(join(m)),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

/** Socket Mode's /healthz: Bolt's socket receiver would serve it too, but hides its port and its listen errors. */
export async function listen(port: number, path: string, handler: RequestListener): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && new URL(req.url ?? '/', 'http://localhost').pathname === path) return handler(req, res);
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

export interface ReceiverInput {
  slack: Config['slack'];
  logger: Logger;
  bolt: BoltLogger;
  clock: Clock;
  /** The neighbours /healthz reports; Socket Mode adds `slack`. */
  health: Record<string, HealthCheck>;
  /** Socket Mode: wait before reconnect attempt n (tests make it short). */
  reconnectDelayMs?: (attempt: number) => number;
}

export interface Receiving {
  receiver: HTTPReceiver | SocketModeReceiver;
  /** Socket Mode's connection; absent in HTTP mode. */
  link?: SocketLink;
  healthz: { path: string; method: string[]; handler: (req: unknown, res: ServerResponse) => void };
}

export function createReceiver({ slack, logger, bolt, clock, health, reconnectDelayMs }: ReceiverInput): Receiving {
  const checks: Record<string, HealthCheck> = { ...health };
  const healthz = {
    path: '/healthz',
    method: ['GET'],
    handler: (_req: unknown, res: ServerResponse) => {
      void healthReport(checks).then(({ ok, body }) => {
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    },
  };
  if (slack.appToken) {
    // apps.connections.open goes through installerOptions.clientOptions only (not the App's clientOptions).
    // Reconnection is socketLink's, so a refused or unreachable Slack fails start-up instead of hanging it.
    const receiver = new SocketModeReceiver({
      appToken: slack.appToken,
      logger: bolt,
      autoReconnectEnabled: false,
      installerOptions: { clientOptions: socketClientOptions(slack.apiUrl) },
    });
    const link = socketLink(receiver.client, { apiUrl: slack.apiUrl, logger, retryDelayMs: reconnectDelayMs });
    checks.slack = async () => link.connected();
    return { receiver, link, healthz };
  }
  const receiver = new HTTPReceiver({
    signingSecret: slack.signingSecret!,
    endpoints: '/slack/events',
    customRoutes: [healthz],
    logger: bolt,
  });
  const refused = () => logger.warn('refused a Slack request stamped more than 5 minutes in the future');
  receiver.requestListener = refuseFutureDated(receiver.requestListener, refused, () => clock.ms());
  return { receiver, healthz };
}
