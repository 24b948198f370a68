// Everything calsync needs, on loopback, with no accounts: the Cal.com emulator, the Slack fake, a
// database, and the real app over HTTP. The demo, the end-to-end tests and the benchmarks start here.
import { createContext, type Context } from '../app/context.js';
import type { Logger } from '../app/logger.js';
import { loadConfig } from '../config.js';
import { startSlackApp, type SlackServer } from '../slack/app.js';
import type { SlackDeps } from '../slack/deps.js';
import { startEmulator, type Emulator, type EmulatorOptions } from './emulator.js';
import { slackSender, startSlackFake, type Sender, type SlackFake } from './slack-fake.js';

export const SANDBOX_SIGNING_SECRET = 'sandbox-signing-secret';
export const SANDBOX_CALCOM_KEY = 'cal_sandbox_demo_key';

export interface Sandbox {
  emulator: Emulator;
  slack: SlackFake;
  ctx: Context;
  server: SlackServer;
  send: Sender;
  appUrl: string;
  close(): Promise<void>;
}

export interface SandboxOptions {
  env?: Record<string, string>;
  emulator?: EmulatorOptions;
  logger?: Logger;
  slackDeps?: Partial<SlackDeps>;
  /** Share the embedded database with other calsync processes, as `calsync serve` does. */
  shareDatabase?: boolean;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const emulator = await startEmulator({ rateLimitPerMinute: false, ...opts.emulator });
  const slack = await startSlackFake();
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-sandbox-token',
    SLACK_SIGNING_SECRET: SANDBOX_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    CALCOM_API_KEY: SANDBOX_CALCOM_KEY,
    CALCOM_API_URL: emulator.url,
    CALSYNC_DATA_DIR: 'memory://',
    LOG_LEVEL: 'silent',
    ...opts.env,
  });
  const ctx = await createContext(config, { logger: opts.logger, shareDatabase: opts.shareDatabase });
  const server = await startSlackApp(ctx, opts.slackDeps);
  const appUrl = `http://127.0.0.1:${server.port}/slack/events`;
  return {
    emulator, slack, ctx, server, appUrl,
    send: slackSender(appUrl, SANDBOX_SIGNING_SECRET, slack),
    async close() {
      await server.stop();
      await ctx.close();
      await slack.close();
      await emulator.close();
    },
  };
}
