// The Bolt app: HTTP mode (everything at POST /slack/events, signatures checked by Bolt's receiver) or
// Socket Mode when SLACK_APP_TOKEN is set; GET /healthz beside it. Listeners are registered here and
// live in commands/ and actions/.
import type { AddressInfo } from 'node:net';
import { createServer, type RequestListener, type Server } from 'node:http';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import { healthReport, type HealthCheck } from '../lib/health.js';
import type { Logger } from '../lib/logger.js';
import { ConfigError, type Config } from '../config.js';
import type { Jobs } from '../db/jobs.js';
import type { SlackMemory } from '../db/slack.js';
import type { Clock } from '../lib/clock.js';
import type { Engine } from '../sync/engine.js';
import type { Locale } from '../sync/types.js';
import type { UseCases } from '../usecases/index.js';
import { cancelAllAction, confirmAllAction } from './actions/confirm-all.js';
import { retryAction } from './actions/retry.js';
import { calsyncCommand } from './commands/calsync.js';
import type { Access, FlowDeps } from './deps.js';
import { digestPoster, type DigestPoster } from './digest.js';
import type { FairLimits } from './fair-queue.js';
import { createJobRunner, type JobRunnerDeps } from './jobs.js';
import { CANCEL_ALL_ACTION_ID, CONFIRM_ALL_ACTION_ID, RETRY_ACTION_PATTERN } from './messages/index.js';
import { refuseFutureDated } from './request-time.js';
import { socketClientOptions, socketLink, startFailure, withDeadline, type SocketLink } from './socket.js';

/** Bolt logs through pino, so secrets are redacted the same way and lines stay JSON. */
function boltLogger(logger: Logger): BoltLogger {
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

/** Start-up (auth.test, then the Socket Mode connection) gives up after this and the process exits 1. */
const START_TIMEOUT_MS = 20_000;

export interface SlackServer {
  app: App;
  mode: 'http' | 'socket';
  port: number;
  /** One digest run for a channel, posted there (the schedule, app/serve.ts, fires it). */
  postDigest: DigestPoster;
  stop(): Promise<void>;
}

/** What the app is built from (app/serve.ts hands it over); each listener gets its own few pieces of it. */
export interface SlackAppDeps {
  slack: Config['slack'];
  access: Access;
  locale: Locale;
  /** Redacted from errors shown in Slack. */
  secrets: readonly string[];
  logger: Logger;
  clock: Clock;
  /** The neighbours /healthz reports; Socket Mode adds `slack`. */
  health: Record<string, HealthCheck>;
  store: JobRunnerDeps['store'];
  memory: SlackMemory;
  jobs: Jobs;
  /** The sync use case, in its fair slots. */
  engine: Engine;
  useCases: UseCases;
  /** Jobs worked on at once, taking turns across users. */
  jobSlots: FairLimits;
}

export interface SlackAppOptions {
  jobStaleMs?: number;
  startTimeoutMs?: number;
  /** Socket Mode: wait before reconnect attempt n (tests make it short). */
  reconnectDelayMs?: (attempt: number) => number;
  /** Milliseconds between progress updates of a bulk run (SPEC: at most every few seconds). */
  progressEveryMs?: number;
}

/** What is missing to serve Slack at all, as one ConfigError. */
export function checkSlackConfig(slack: Config['slack']): void {
  const problems: string[] = [];
  if (!slack.botToken) problems.push('SLACK_BOT_TOKEN: is required to serve Slack (xoxb-…)');
  if (!slack.appToken && !slack.signingSecret) problems.push('SLACK_SIGNING_SECRET: is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  if (problems.length) throw new ConfigError(problems);
}

/** Socket Mode's /healthz: Bolt's socket receiver would serve it too, but hides its port and its listen errors. */
async function listen(port: number, path: string, handler: RequestListener): Promise<Server> {
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

interface Listeners {
  command: ReturnType<typeof calsyncCommand>;
  retry: ReturnType<typeof retryAction>;
  confirmAll: ReturnType<typeof confirmAllAction>;
  cancelAll: ReturnType<typeof cancelAllAction>;
}

function registerListeners(app: App, listeners: Listeners): void {
  app.command('/calsync', listeners.command);
  app.action(RETRY_ACTION_PATTERN, listeners.retry);
  app.action(CONFIRM_ALL_ACTION_ID, listeners.confirmAll);
  app.action(CANCEL_ALL_ACTION_ID, listeners.cancelAll);
}

export async function startSlackApp(deps: SlackAppDeps, options: SlackAppOptions = {}): Promise<SlackServer> {
  const { startTimeoutMs = START_TIMEOUT_MS, reconnectDelayMs, progressEveryMs } = options;
  const { slack, logger, clock, jobs, memory, locale } = deps;
  checkSlackConfig(slack);

  const socket = Boolean(slack.appToken);
  const checks: Record<string, HealthCheck> = { ...deps.health };
  const healthz = {
    path: '/healthz',
    method: ['GET'],
    handler: (_req: unknown, res: import('node:http').ServerResponse) => {
      void healthReport(checks).then(({ ok, body }) => {
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    },
  };
  const bolt = boltLogger(logger);
  let receiver: HTTPReceiver | SocketModeReceiver;
  let link: SocketLink | undefined;
  if (socket) {
    // apps.connections.open goes through installerOptions.clientOptions only (not the App's clientOptions).
    // Reconnection is socketLink's, so a refused or unreachable Slack fails start-up instead of hanging it.
    const socketReceiver = new SocketModeReceiver({
      appToken: slack.appToken!, logger: bolt, autoReconnectEnabled: false, installerOptions: { clientOptions: socketClientOptions(slack.apiUrl) },
    });
    link = socketLink(socketReceiver.client, { apiUrl: slack.apiUrl, logger, retryDelayMs: reconnectDelayMs });
    checks.slack = async () => link!.connected();
    receiver = socketReceiver;
  } else {
    const httpReceiver = new HTTPReceiver({ signingSecret: slack.signingSecret!, endpoints: '/slack/events', customRoutes: [healthz], logger: bolt });
    const refused = () => logger.warn('refused a Slack request stamped more than 5 minutes in the future');
    httpReceiver.requestListener = refuseFutureDated(httpReceiver.requestListener, refused, () => clock.ms());
    receiver = httpReceiver;
  }
  const app = new App({
    token: slack.botToken,
    receiver,
    logger: bolt,
    // Bolt would call auth.test from its constructor, unawaited: a refused token or an unreachable Slack
    // would then end the process with an unhandled rejection. init() below awaits it instead.
    deferInitialization: true,
    // A Slack that accepts connections but never answers must not hold a job slot for ever.
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 3 }, timeout: 10_000 },
  });
  const digest = digestPoster({ postDigest: deps.useCases.postDigest, memory, locale, logger }, app.client);
  const flow: FlowDeps = { locale, engine: deps.engine, store: deps.store, memory, progressEveryMs };
  const runner = createJobRunner({ ...flow, logger, store: deps.store, jobs, client: app.client, origins: slack.responseUrlOrigins, limits: deps.jobSlots, clock });
  const base = { locale, logger, access: deps.access, origins: slack.responseUrlOrigins };
  registerListeners(app, {
    command: calsyncCommand({
      ...base, jobs, memory, secrets: deps.secrets, useCases: deps.useCases, runJob: runner.run,
      postDigest: async (channel) => void (await digest(channel, true)),
    }),
    retry: retryAction({ ...base, ...flow, jobs, memory, background: runner.background }),
    confirmAll: confirmAllAction({ ...base, jobs, runJob: runner.run }),
    cancelAll: cancelAllAction(base),
  });
  app.error(async (err) => {
    // The error object itself (stack, cause, Bolt's `original`), not only its message.
    logger.error({ err, code: (err as { code?: string }).code }, 'unhandled Slack listener error');
  });

  const since = clock.ms();
  await withDeadline(app.init(), startTimeoutMs, slack.apiUrl).catch((err: unknown) => {
    throw startFailure(err, slack.apiUrl, 'SLACK_BOT_TOKEN');
  });
  let server: Server | undefined;
  if (link) {
    // /healthz answers (503) while the socket connects, so a probe sees the truth from the first second.
    server = await listen(slack.port, healthz.path, healthz.handler);
    try {
      await link.start(() => app.start(), startTimeoutMs - (clock.ms() - since));
    } catch (err) {
      server.close();
      throw err;
    }
  } else {
    server = (await app.start(slack.port)) as Server;
  }
  const port = (server.address() as AddressInfo | null)?.port ?? slack.port;
  logger.info({ mode: socket ? 'socket' : 'http', port }, socket ? 'calsync is connected to Slack (Socket Mode)' : `calsync listens on http://localhost:${port}/slack/events`);
  // Durable work: beat while running; take over what a stopped process left (at start, then regularly).
  const staleMs = options.jobStaleMs ?? 30_000;
  const beat = setInterval(() => void jobs.heartbeat().catch(() => {}), Math.min(5000, staleMs / 3));
  beat.unref();
  await jobs.heartbeat();
  const recover = () => void runner.recover(staleMs).catch((err: unknown) => logger.error({ err }, 'job recovery failed'));
  const sweeper = setInterval(recover, Math.max(1000, staleMs / 2));
  sweeper.unref();
  recover();
  const prune = setInterval(() => void memory.prune().catch(() => {}), 3600_000);
  prune.unref();
  return {
    app,
    mode: socket ? 'socket' : 'http',
    port,
    postDigest: digest,
    async stop() {
      clearInterval(prune);
      clearInterval(beat);
      clearInterval(sweeper);
      if (link) {
        await link.stop();
        await new Promise((resolve) => {
          server.close(resolve);
          server.closeAllConnections();
        });
      } else {
        await app.stop();
      }
    },
  };
}
