import { t, type Locale } from '../../i18n/index.js';
import { actions, button, message, section } from './blocks.js';
import type { SlackMessage } from './types.js';

export const CONFIRM_ALL_ACTION_ID = 'calsync_all_confirm';
export const CANCEL_ALL_ACTION_ID = 'calsync_all_cancel';

/** `/calsync all` asks first (SPEC §4). The confirm value carries the count the user agreed to. */
export function confirmAllMessage(input: { total: number }, locale: Locale): SlackMessage {
  const d = t(locale).confirmAll;
  if (input.total <= 0) return message(d.empty, [section(d.empty)]);
  const question = d.question(input.total);
  return message(question, [
    section(`:warning: *${question}*`),
    actions(
      [
        button({ text: d.confirm, actionId: CONFIRM_ALL_ACTION_ID, value: JSON.stringify({ n: input.total }), style: 'primary' }),
        button({ text: d.cancel, actionId: CANCEL_ALL_ACTION_ID }),
      ],
      'calsync_all',
    ),
  ]);
}
