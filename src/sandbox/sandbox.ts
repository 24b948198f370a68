// Everything calsync needs, on loopback, with no accounts: the Cal.com emulator, the Slack fake, a
// database, and the real app over HTTP. The demo, the end-to-end tests and the benchmarks start here.
import { createContext, type Context } from '../app/context.js';
import type { Logger } from '../lib/logger.js';
import { loadConfig } from '../config.js';
import { serveSlack, type ServeOptions } from '../app/serve.js';
import type { SlackServer } from '../slack/app.js';
import { startEmulator, type Emulator, type EmulatorOptions } from './emulator.js';
import { slackSender, startSlackFake, type Sender, type SlackFake } from './slack-fake.js';
import { socketSender, startSocketFake, type SocketFake } from './socket-fake.js';

export const SANDBOX_SIGNING_SECRET = 'sandbox-signing-secret';
export const SANDBOX_CALCOM_KEY = 'cal_sandbox_demo_key';

export interface Sandbox {
  emulator: Emulator;
  slack: SlackFake;
  ctx: Context;
  server: SlackServer;
  /** Slash commands and clicks: signed HTTP requests, or envelopes over the socket with `socket: true`. */
  send: Sender;
  appUrl: string;
  /** With `socket: true`: the Socket Mode fake the app is connected to. */
  socket?: SocketFake;
  close(): Promise<void>;
}

export interface SandboxOptions {
  env?: Record<string, string>;
  emulator?: EmulatorOptions;
  logger?: Logger;
  slackDeps?: ServeOptions;
  /** Run the app in Socket Mode against the Socket Mode fake instead of HTTP mode. */
  socket?: boolean;
  /** Share the embedded database with other calsync processes, as `calsync serve` does. */
  shareDatabase?: boolean;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const emulator = await startEmulator({ rateLimitPerMinute: false, ...opts.emulator });
  const slack = await startSlackFake();
  const socket = opts.socket ? await startSocketFake(slack) : undefined;
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-sandbox-token',
    SLACK_SIGNING_SECRET: SANDBOX_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    // The fake serves the response_url posts too; the app POSTs to no other host.
    SLACK_RESPONSE_URL_ORIGINS: new URL(slack.apiUrl).origin,
    PORT: '0',
    CALCOM_API_KEY: SANDBOX_CALCOM_KEY,
    CALCOM_API_URL: emulator.url,
    CALSYNC_DATA_DIR: 'memory://',
    LOG_LEVEL: 'silent',
    ...(socket ? { SLACK_APP_TOKEN: socket.appToken } : {}),
    ...opts.env,
  });
  const ctx = await createContext(config, { logger: opts.logger, shareDatabase: opts.shareDatabase });
  const server = await serveSlack(ctx, opts.slackDeps);
  const appUrl = `http://127.0.0.1:${server.port}/slack/events`;
  return {
    emulator,
    slack,
    ctx,
    server,
    appUrl,
    socket,
    send: socket ? socketSender(socket, slack) : slackSender(appUrl, SANDBOX_SIGNING_SECRET, slack),
    async close() {
      await server.stop();
      await ctx.close();
      await socket?.close();
      await slack.close();
      await emulator.close();
    },
  };
}
