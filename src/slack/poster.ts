// Posting to Slack with the one fallback the spec asks for: when the bot may not post in a channel
// (`not_in_channel`, `channel_not_found`: a private channel it wasn't invited to), the command's
// response_url still works, so results go there with a hint to invite the bot.
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../app/logger.js';
import type { Locale } from '../sync/types.js';
import { withNotInChannelHint, type SlackMessage } from './messages/index.js';

export type Respond = (message: SlackMessage & { response_type?: 'ephemeral' | 'in_channel'; replace_original?: boolean }) => Promise<unknown>;

const NO_ACCESS = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

export function slackErrorCode(err: unknown): string | undefined {
  return (err as { data?: { error?: string } })?.data?.error;
}

export interface Poster {
  /** Posts to the channel (in a thread when threadTs is set); null when the bot can't post there. */
  post(channel: string, message: SlackMessage, threadTs?: string): Promise<string | null>;
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
}

export function createPoster(client: WebClient, logger: Logger): Poster {
  return {
    async post(channel, message, threadTs) {
      try {
        const res = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, thread_ts: threadTs, unfurl_links: false });
        return res.ts ?? null;
      } catch (err) {
        if (NO_ACCESS.has(slackErrorCode(err) ?? '')) return null;
        throw err;
      }
    },
    async update(channel, ts, message) {
      try {
        await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
      } catch (err) {
        // A parent we can't update is cosmetic; the thread reply already carries the result.
        logger.warn({ err: slackErrorCode(err) ?? (err as Error).message, channel, ts }, 'could not update a message');
      }
    },
  };
}

/** Where a flow reports: a channel the bot can post in, or the command's response_url with the invite hint. */
export interface Reporter {
  post(message: SlackMessage, threadTs?: string): Promise<string | null>;
  update(ts: string, message: SlackMessage): Promise<void>;
}

export function channelReporter(poster: Poster, channel: string, respond: Respond | undefined, locale: Locale): Reporter {
  let fallback = false;
  return {
    async post(message, threadTs) {
      if (!fallback) {
        const ts = await poster.post(channel, message, threadTs);
        if (ts) return ts;
        fallback = true;
      }
      if (respond) await respond({ ...withNotInChannelHint(message, locale), response_type: 'ephemeral' });
      return null;
    },
    async update(ts, message) {
      if (!fallback) await poster.update(channel, ts, message);
    },
  };
}
