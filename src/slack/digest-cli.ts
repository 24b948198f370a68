// `calsync digest` without the app running: post the digest once through the Web API (cron-friendly).
import { webApi } from '@slack/bolt';
import type { Context } from '../app/context.js';
import { runDigest } from '../app/digest.js';
import { ConfigError } from '../config.js';
import { createSlackMemory } from '../db/slack.js';
import { createPoster } from './poster.js';

export async function postDigestNow(ctx: Context, channel: string): Promise<string> {
  const { config, logger } = ctx;
  if (!config.slack.botToken) throw new ConfigError(['SLACK_BOT_TOKEN: is required to post the digest (or use --print)']);
  const poster = createPoster(new webApi.WebClient(config.slack.botToken, { slackApiUrl: config.slack.apiUrl }), logger);
  const memory = createSlackMemory(ctx.db.prisma);
  const result = await runDigest({
    prisma: ctx.db.prisma, channel, timezone: config.digest.timezone, time: config.digest.time, holder: ctx.holder, locale: config.locale, now: () => new Date(), logger, force: true,
    post: async (message) => {
      const ts = await poster.post(channel, message);
      if (!ts) throw new Error(`cannot post in ${channel}: invite the bot with /invite @calsync`);
      await memory.remember(channel, ts, 'digest');
      return { ts };
    },
  });
  return result.ts ?? '';
}
