// Posting the digest to Slack, for the app (schedule and `/calsync digest`) and for `calsync digest`
// without the app: the digest use case decides and composes; this side renders it, posts it and
// remembers the message, so a Retry clicked in it answers in its thread.
import { webApi } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../lib/logger.js';
import { ConfigError, type Config } from '../config.js';
import type { SlackMemory } from '../db/slack.js';
import type { Locale } from '../sync/types.js';
import type { RunDigestResult } from '../usecases/digest.js';
import type { PostDigest, UseCases } from '../usecases/index.js';
import { digestMessage } from './messages/index.js';
import { createPoster } from './poster.js';

/** The bot may not post in the channel (a private one it was not invited to): the digest is not posted. */
export class DigestNotPostedError extends Error {
  override name = 'DigestNotPostedError';
  constructor(readonly channel: string) {
    super(`cannot post the digest in ${channel}: invite the bot with /invite @calsync`);
  }
}

export interface DigestPosterDeps {
  postDigest: UseCases['postDigest'];
  memory: Pick<SlackMemory, 'remember'>;
  locale: Locale;
  logger: Logger;
}

/** One digest run for a channel, posted there: when due (the schedule), or now with `force`. */
export type DigestPoster = (channel: string, force: boolean) => Promise<RunDigestResult>;

export function digestPoster(deps: DigestPosterDeps, client: WebClient): DigestPoster {
  const poster = createPoster(client, deps.logger);
  return (channel, force) => {
    const post: PostDigest = async (digest) => {
      const ts = await poster.post(channel, digestMessage(digest, deps.locale));
      if (!ts) throw new DigestNotPostedError(channel);
      await deps.memory.remember(channel, ts, 'digest');
      return { ts };
    };
    return deps.postDigest(channel, force, post);
  };
}

/** `calsync digest`: post once through the Web API (cron-friendly). */
export async function postDigestNow(deps: DigestPosterDeps & { slack: Config['slack'] }, channel: string): Promise<string> {
  const { slack } = deps;
  if (!slack.botToken) throw new ConfigError(['SLACK_BOT_TOKEN: is required to post the digest (or use --print)']);
  const post = digestPoster(deps, new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl }));
  return (await post(channel, true)).ts ?? '';
}
