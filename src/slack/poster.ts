// Posting to Slack. A refused call never stops the work behind it (SPEC §4 "Threads"): when the bot may
// not post in a channel (`not_in_channel`, `channel_not_found`: a private channel it wasn't invited to),
// results go to the command's response_url with a hint to invite the bot; a reply whose thread is gone (a
// deleted parent) becomes a new message in the channel; a parent that can't be updated is cosmetic.
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../lib/logger.js';
import type { Locale } from '../sync/types.js';
import { withNotInChannelHint, type SlackMessage } from './messages/index.js';

export type Respond = (
  message: SlackMessage & { response_type?: 'ephemeral' | 'in_channel'; replace_original?: boolean },
) => Promise<unknown>;

const NO_ACCESS = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

function slackErrorCode(err: unknown): string | undefined {
  return (err as { data?: { error?: string } })?.data?.error;
}

/** What to log about a failed Slack call: Slack's error code, or the transport's message. */
const describe = (err: unknown) => slackErrorCode(err) ?? (err instanceof Error ? err.message : String(err));

export interface Poster {
  /**
   * Posts to the channel (in a thread when threadTs is set; in the channel when that thread is refused);
   * null when the bot can't post in the channel. Throws when Slack refuses the post itself.
   */
  post(channel: string, message: SlackMessage, threadTs?: string): Promise<string | null>;
  /** Never throws: an update is cosmetic, the work it reports on is done either way. */
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
}

export function createPoster(client: WebClient, logger: Logger): Poster {
  const send = async (channel: string, message: SlackMessage, threadTs?: string) => {
    const res = await client.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
      thread_ts: threadTs,
      unfurl_links: false,
    });
    return res.ts ?? null;
  };
  return {
    async post(channel, message, threadTs) {
      try {
        return await send(channel, message, threadTs);
      } catch (err) {
        if (NO_ACCESS.has(slackErrorCode(err) ?? '')) return null;
        if (!threadTs) throw err;
        // The thread is gone or refuses replies (its parent was deleted): the channel still takes the message.
        logger.warn({ err: describe(err), channel, threadTs }, 'could not reply in a thread; posting in the channel instead');
      }
      try {
        return await send(channel, message);
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
        logger.warn({ err: describe(err), channel, ts }, 'could not update a message');
      }
    },
  };
}

/** Where a flow reports. Never throws: a message Slack refuses must not take the work behind it along. */
export interface Reporter {
  /** The posted message's ts; null when it went to response_url instead, or nowhere. */
  post(message: SlackMessage, threadTs?: string): Promise<string | null>;
  update(ts: string, message: SlackMessage): Promise<void>;
}

export function channelReporter(poster: Poster, channel: string, respond: Respond | undefined, locale: Locale, logger?: Logger): Reporter {
  let fallback = false;
  const viaResponseUrl = async (message: SlackMessage, hint: boolean) => {
    if (!respond) return void logger?.error({ channel }, 'a message for Slack was refused and there is no response_url to send it to');
    await respond({ ...(hint ? withNotInChannelHint(message, locale) : message), response_type: 'ephemeral' }).catch((err: unknown) =>
      logger?.error({ err: describe(err), channel }, 'could not send a message to response_url either'),
    );
  };
  return {
    async post(message, threadTs) {
      if (fallback) {
        await viaResponseUrl(message, true);
        return null;
      }
      try {
        const ts = await poster.post(channel, message, threadTs);
        if (ts) return ts;
        fallback = true;
        await viaResponseUrl(message, true);
      } catch (err) {
        logger?.warn({ err: describe(err), channel }, 'Slack refused a message; sending it to response_url');
        await viaResponseUrl(message, false);
      }
      return null;
    },
    async update(ts, message) {
      if (!fallback) await poster.update(channel, ts, message).catch(() => {});
    },
  };
}

/** True when `url` is on one of SLACK_RESPONSE_URL_ORIGINS (Slack's hooks hosts): no other host gets our POSTs. */
export function isSlackResponseUrl(url: string | undefined, origins: readonly string[]): url is string {
  return !!url && URL.canParse(url) && origins.includes(new URL(url).origin);
}

/** Slack's response_url refused a message (expired after 30 minutes, or used up after 5 answers). */
export class ResponseUrlError extends Error {
  override name = 'ResponseUrlError';
  constructor(readonly status: number) {
    super(`response_url answered HTTP ${status}`);
  }
}

/** A POST to response_url without Bolt's `respond`, so a resumed job still reaches the ephemeral reply. */
const postTo =
  (url: string): Respond =>
  async (message) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
    if (!res.ok) throw new ResponseUrlError(res.status);
  };

export interface ResponderInput {
  url: string | undefined;
  origins: readonly string[];
  /** Bolt's respond for this request, when there is one (it POSTs to the same response_url). */
  respond?: Respond;
  client: WebClient;
  channel: string;
  user: string;
  logger: Logger;
}

/**
 * How to answer a request's user: through its response_url when that is Slack's; otherwise (a signed request
 * or a stored job may carry any URL) through the Web API, and never a POST to another host.
 */
export function responder({ url, origins, respond, client, channel, user, logger }: ResponderInput): Respond {
  if (isSlackResponseUrl(url, origins)) return respond ?? postTo(url);
  if (url)
    logger.warn(
      { responseUrlHost: URL.canParse(url) ? new URL(url).host : 'unparsable', channel, user },
      'ignored a response_url outside SLACK_RESPONSE_URL_ORIGINS; answering through the Web API',
    );
  return async ({ text, blocks, response_type }) => {
    if (response_type === 'in_channel') await client.chat.postMessage({ channel, text, blocks, unfurl_links: false });
    else await client.chat.postEphemeral({ channel, user, text, blocks });
  };
}
