// When the bot may not post in a channel, results go back through `response_url` with this hint
// (SPEC §4 "Threads").
import { t, type Locale } from '../../i18n/index.js';
import { context, message, section } from './blocks.js';
import { LIMITS } from './limits.js';
import type { SlackMessage } from './types.js';

function notInChannelHint(locale: Locale): string {
  return `:information_source: ${t(locale).notInChannel}`;
}

/** The message with the hint appended, still within 50 blocks. */
export function withNotInChannelHint(msg: SlackMessage, locale: Locale): SlackMessage {
  const kept = msg.blocks.slice(0, LIMITS.blocks - 1);
  return { text: `${msg.text} ${t(locale).notInChannel}`, blocks: [...kept, context(notInChannelHint(locale))] };
}

/** Said when the bot was asked to post (`/calsync digest`) in a channel it is not in. */
export function notInChannelMessage(locale: Locale): SlackMessage {
  const text = t(locale).notInChannel;
  return message(text, [section(notInChannelHint(locale))]);
}
