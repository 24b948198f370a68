// The Bolt app: HTTP mode (everything at POST /slack/events, signatures checked by Bolt's receiver) or
// Socket Mode when SLACK_APP_TOKEN is set; GET /healthz beside it. Listeners are registered here and
// live in commands/ and actions/.
import type { AddressInfo } from 'node:net';
import { fairScheduler, type FairLimits } from './fair-queue.js';
import { createServer, type RequestListener, type Server } from 'node:http';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { Context } from '../app/context.js';
import { healthReport, type HealthCheck } from '../app/health.js';
import type { Logger } from '../app/logger.js';
import { ConfigError } from '../config.js';
import { createSlackMemory } from '../db/slack.js';
import { cancelAllAction, confirmAllAction } from './actions/confirm-all.js';
import { retryAction } from './actions/retry.js';
import { calsyncCommand } from './commands/calsync.js';
import type { SlackDeps } from './deps.js';
import { startDigestSchedule } from '../digest/schedule.js';
import { digestPoster } from './digest.js';
import { createJobs } from '../db/jobs.js';
import { createJobRunner } from './jobs.js';
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

/** Syncs run at once from Slack work, taking turns across users; see startSlackApp. */
const SYNC_SLOTS: FairLimits = { slots: 4, perUser: 3 };
/** Jobs (commands, clicks, bulk runs) worked on at once, taking turns across users; the rest wait in memory, already recorded. */
const JOB_SLOTS: FairLimits = { slots: 8, perUser: 6 };

/** Start-up (auth.test, then the Socket Mode connection) gives up after this and the process exits 1. */
const START_TIMEOUT_MS = 20_000;

export interface SlackServer {
  app: App;
  mode: 'http' | 'socket';
  port: number;
  stop(): Promise<void>;
}

export interface SlackAppOptions extends Partial<SlackDeps> {
  jobStaleMs?: number;
  startTimeoutMs?: number;
  /** Socket Mode: wait before reconnect attempt n (tests make it short). */
  reconnectDelayMs?: (attempt: number) => number;
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

export function registerListeners(app: App, deps: SlackDeps): void {
  app.command('/calsync', calsyncCommand(deps));
  app.action(RETRY_ACTION_PATTERN, retryAction(deps));
  app.action(CONFIRM_ALL_ACTION_ID, confirmAllAction(deps));
  app.action(CANCEL_ALL_ACTION_ID, cancelAllAction(deps));
}

export async function startSlackApp(ctx: Context, options: SlackAppOptions = {}): Promise<SlackServer> {
  const { startTimeoutMs = START_TIMEOUT_MS, reconnectDelayMs, ...extra } = options;
  const { config, logger } = ctx;
  const { slack } = config;
  const problems: string[] = [];
  if (!slack.botToken) problems.push('SLACK_BOT_TOKEN: is required to serve Slack (xoxb-…)');
  if (!slack.appToken && !slack.signingSecret) problems.push('SLACK_SIGNING_SECRET: is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  if (problems.length) throw new ConfigError(problems);
  const { engine, calcom } = ctx.requireEngine();

  const socket = Boolean(slack.appToken);
  const checks: Record<string, HealthCheck> = { database: () => ctx.db.ping() };
  if (ctx.limiter?.shared) checks.redis = () => ctx.limiter!.ping();
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
    httpReceiver.requestListener = refuseFutureDated(httpReceiver.requestListener, () => logger.warn('refused a Slack request stamped more than 5 minutes in the future'));
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
  const memory = createSlackMemory(ctx.db.prisma);
  const digest = digestPoster(ctx, app.client);
  const jobs = createJobs(ctx.db.prisma, ctx.holder, ctx.db.urgent);
  // Acks must never wait behind background work: every job is written before its ack, and the embedded
  // database answers one query at a time. A few syncs at once keep its queue short, and lose no speed:
  // the Cal.com rate limiter allows about two syncs a second at the default limit anyway. The syncs are
  // where jobs really wait, so their turns are fair too: one user's bulk run can't fill every slot.
  const syncSlots = fairScheduler(SYNC_SLOTS);
  const boundedEngine: typeof engine = { ...engine, sync: (request, listed) => syncSlots.run(request.requestedBy ?? '', () => engine.sync(request, listed)) };
  const deps: SlackDeps = {
    config, logger, store: ctx.store, memory, engine: boundedEngine, calcom, locale: config.locale, jobs,
    runJob: (job, respond) => runner.run(job, respond),
    background: (user, work) => runner.background(user, work),
    postDigest: async (channel) => void (await digest(channel, true)),
    ...extra,
  };
  const runner = createJobRunner(deps, jobs, app.client, JOB_SLOTS);
  registerListeners(app, deps);
  app.error(async (err) => {
    logger.error({ err, code: (err as { code?: string }).code }, 'unhandled Slack listener error');
  });

  const since = Date.now();
  await withDeadline(app.init(), startTimeoutMs, slack.apiUrl).catch((err: unknown) => {
    throw startFailure(err, slack.apiUrl, 'SLACK_BOT_TOKEN');
  });
  let server: Server | undefined;
  if (link) {
    // /healthz answers (503) while the socket connects, so a probe sees the truth from the first second.
    server = await listen(slack.port, healthz.path, healthz.handler);
    try {
      await link.start(() => app.start(), startTimeoutMs - (Date.now() - since));
    } catch (err) {
      server.close();
      throw err;
    }
  } else {
    server = (await app.start(slack.port)) as Server;
  }
  const port = (server.address() as AddressInfo | null)?.port ?? slack.port;
  logger.info({ mode: socket ? 'socket' : 'http', port }, socket ? 'calsync is connected to Slack (Socket Mode)' : `calsync listens on http://localhost:${port}/slack/events`);
  // The daily digest (SPEC §5); runDigest's claim makes it once per channel and day across replicas.
  const schedule = config.digest.channel
    ? startDigestSchedule({ time: config.digest.time, timezone: config.digest.timezone, logger, run: async () => void (await digest(config.digest.channel!, false)) })
    : null;
  // Durable work: beat while running; take over what a stopped process left (at start, then regularly).
  const staleMs = extra.jobStaleMs ?? 30_000;
  const beat = setInterval(() => void jobs.heartbeat().catch(() => {}), Math.min(5000, staleMs / 3));
  beat.unref();
  await jobs.heartbeat();
  const recover = () => void runner.recover(staleMs).catch((err: unknown) => logger.error({ err }, 'job recovery failed'));
  const sweeper = setInterval(recover, Math.max(1000, staleMs / 2));
  sweeper.unref();
  recover();
  const prune = setInterval(() => void deps.memory.prune().catch(() => {}), 3600_000);
  prune.unref();
  return {
    app,
    mode: socket ? 'socket' : 'http',
    port,
    async stop() {
      clearInterval(prune);
      clearInterval(beat);
      clearInterval(sweeper);
      schedule?.stop();
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
