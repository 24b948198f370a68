// The Bolt app: its receiver (receiver.ts: HTTP mode or Socket Mode, /healthz beside it), its listeners
// (listeners.ts), start-up within a deadline, and the upkeep of durable work while it runs.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App } from '@slack/bolt';
import { ConfigError, type Config } from '../config.js';
import type { Jobs } from '../db/jobs.js';
import type { SlackMemory } from '../db/slack.js';
import type { Clock } from '../lib/clock.js';
import type { HealthCheck } from '../lib/health.js';
import type { Logger } from '../lib/logger.js';
import type { Access } from './deps.js';
import type { DigestPoster } from './digest.js';
import { registerListeners, type ListenerDeps } from './listeners.js';
import { boltLogger, createReceiver, listen, type Receiving } from './receiver.js';
import { startFailure, withDeadline } from './socket.js';

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
export interface SlackAppDeps extends Omit<ListenerDeps, 'origins' | 'progressEveryMs'> {
  slack: Config['slack'];
  access: Access;
  /** The neighbours /healthz reports; Socket Mode adds `slack`. */
  health: Record<string, HealthCheck>;
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
  if (!slack.appToken && !slack.signingSecret)
    problems.push('SLACK_SIGNING_SECRET: is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  if (problems.length) throw new ConfigError(problems);
}

export async function startSlackApp(deps: SlackAppDeps, options: SlackAppOptions = {}): Promise<SlackServer> {
  const { startTimeoutMs = START_TIMEOUT_MS, reconnectDelayMs, progressEveryMs } = options;
  const { slack, logger, clock } = deps;
  checkSlackConfig(slack);
  const bolt = boltLogger(logger);
  const { receiver, link, healthz } = createReceiver({ slack, logger, bolt, clock, health: deps.health, reconnectDelayMs });
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
  const { runner, digest } = registerListeners(app, { ...deps, origins: slack.responseUrlOrigins, progressEveryMs });
  app.error(async (err) => {
    // The error object itself (stack, cause, Bolt's `original`), not only its message.
    logger.error({ err, code: (err as { code?: string }).code }, 'unhandled Slack listener error');
  });

  const server = await open(app, { slack, clock, startTimeoutMs, link, healthz });
  const port = (server.address() as AddressInfo | null)?.port ?? slack.port;
  const mode = link ? 'socket' : 'http';
  logger.info(
    { mode, port },
    link ? 'calsync is connected to Slack (Socket Mode)' : `calsync listens on http://localhost:${port}/slack/events`,
  );
  const upkeep = await startUpkeep({
    jobs: deps.jobs,
    memory: deps.memory,
    recover: runner.recover,
    logger,
    staleMs: options.jobStaleMs ?? 30_000,
  });
  return {
    app,
    mode,
    port,
    postDigest: digest,
    async stop() {
      upkeep.stop();
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

interface OpenInput extends Pick<Receiving, 'link' | 'healthz'> {
  slack: Config['slack'];
  clock: Clock;
  startTimeoutMs: number;
}

/** auth.test, then the HTTP server or the socket (with /healthz served while it connects), all within the deadline. */
async function open(app: App, { slack, clock, startTimeoutMs, link, healthz }: OpenInput): Promise<Server> {
  const since = clock.ms();
  await withDeadline(app.init(), startTimeoutMs, slack.apiUrl).catch((err: unknown) => {
    throw startFailure(err, slack.apiUrl, 'SLACK_BOT_TOKEN');
  });
  if (!link) return (await app.start(slack.port)) as Server;
  // /healthz answers (503) while the socket connects, so a probe sees the truth from the first second.
  const server = await listen(slack.port, healthz.path, healthz.handler);
  try {
    await link.start(() => app.start(), startTimeoutMs - (clock.ms() - since));
  } catch (err) {
    server.close();
    throw err;
  }
  return server;
}

interface UpkeepInput {
  jobs: Pick<Jobs, 'heartbeat'>;
  memory: Pick<SlackMemory, 'prune'>;
  /** Takes over what stopped processes left; resolves to how many jobs it resumed. */
  recover: (staleMs: number) => Promise<number>;
  logger: Logger;
  staleMs: number;
}

/** Durable work: beat while running; take over what a stopped process left (at start, then regularly); forget old receipts. */
async function startUpkeep({ jobs, memory, recover, logger, staleMs }: UpkeepInput): Promise<{ stop(): void }> {
  const beat = setInterval(() => void jobs.heartbeat().catch(() => {}), Math.min(5000, staleMs / 3));
  beat.unref();
  await jobs.heartbeat();
  const sweep = () => void recover(staleMs).catch((err: unknown) => logger.error({ err }, 'job recovery failed'));
  const sweeper = setInterval(sweep, Math.max(1000, staleMs / 2));
  sweeper.unref();
  sweep();
  const prune = setInterval(() => void memory.prune().catch(() => {}), 3600_000);
  prune.unref();
  return {
    stop() {
      clearInterval(prune);
      clearInterval(beat);
      clearInterval(sweeper);
    },
  };
}
