import { t, type Locale } from '../../i18n/index.js';
import { message, section } from './blocks.js';
import type { SlackMessage } from './types.js';

/** Ephemeral answer to someone outside CALSYNC_ALLOWED_USERS / _CHANNELS (SPEC §4 "Who may act"). */
export function refusalMessage(locale: Locale): SlackMessage {
  const text = t(locale).refusal;
  return message(text, [section(`:no_entry: ${text}`)]);
}

/** Ephemeral answer for a service id that is not in the catalogue. */
export function unknownServiceMessage(serviceId: number, locale: Locale): SlackMessage {
  const text = t(locale).unknownService(serviceId);
  return message(text, [section(`:grey_question: ${text}`)]);
}
