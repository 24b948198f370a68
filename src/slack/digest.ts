// Posting the digest to Slack, for the app (schedule and `/calsync digest`) and for `calsync digest`
// without the app: one run of runDigest whose post also remembers the message, so a Retry clicked in it
// answers in its thread.
import { webApi } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Context } from '../app/context.js';
import { runDigest, type RunDigestResult } from '../app/digest.js';
import { ConfigError } from '../config.js';
import { createSlackMemory } from '../db/slack.js';
import { DigestNotPostedError } from './messages/index.js';
import { createPoster } from './poster.js';

export type DigestPoster = (channel: string, force: boolean) => Promise<RunDigestResult>;

export function digestPoster(ctx: Context, client: WebClient): DigestPoster {
  const { config, logger } = ctx;
  const poster = createPoster(client, logger);
  const memory = createSlackMemory(ctx.db.prisma);
  return (channel, force) =>
    runDigest({
      prisma: ctx.db.prisma, channel, timezone: config.digest.timezone, time: config.digest.time, holder: ctx.holder, locale: config.locale, now: () => new Date(), logger, force,
      readEventTypes: ctx.calcom ? () => ctx.calcom!.listOwn() : undefined,
      target: config.calcom.team?.id ?? null,
      post: async (message) => {
        const ts = await poster.post(channel, message);
        if (!ts) throw new DigestNotPostedError(channel);
        await memory.remember(channel, ts, 'digest');
        return { ts };
      },
    });
}

/** `calsync digest`: post once through the Web API (cron-friendly). */
export async function postDigestNow(ctx: Context, channel: string): Promise<string> {
  const { config } = ctx;
  if (!config.slack.botToken) throw new ConfigError(['SLACK_BOT_TOKEN: is required to post the digest (or use --print)']);
  const post = digestPoster(ctx, new webApi.WebClient(config.slack.botToken, { slackApiUrl: config.slack.apiUrl }));
  return (await post(channel, true)).ts ?? '';
}
