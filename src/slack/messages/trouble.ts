// Ephemeral notes for work that could not run or start: the user is told, never left waiting in silence
// (SPEC §10 "Failing neighbours"). The reason is an error message, so it is shown as a redacted snippet.
import { t, type BulkLabel, type Locale } from '../../i18n/index.js';
import { message, section } from './blocks.js';
import { errorSnippet, plainMrkdwn } from './format.js';
import type { SlackMessage } from './types.js';

// Outside a code span, so mrkdwn's markers in the error get look-alikes too (format.ts).
const reason = (error: string) => plainMrkdwn(errorSnippet(error));

export function databaseDownMessage(locale: Locale): SlackMessage {
  const text = t(locale).work.databaseDown;
  return message(text, [section(`:warning: ${text}`)]);
}

/** One service of a job failed outside the engine (its row, its messages); the job went on with the rest. */
export function couldNotRunMessage(serviceId: number, error: string, locale: Locale): SlackMessage {
  const text = t(locale).work.couldNotRun(serviceId, reason(error));
  return message(text, [section(`:warning: ${text}`)]);
}

/** A Retry click whose work never started; the button takes a new click. */
export function retryNotStartedMessage(serviceId: number, error: string, locale: Locale): SlackMessage {
  const text = t(locale).work.retryNotStarted(serviceId, reason(error));
  return message(text, [section(`:warning: ${text}`)]);
}

/** A bulk run waiting for its turn (fair scheduling across users, SPEC §4). */
export function bulkQueuedMessage(label: BulkLabel, ahead: number, locale: Locale): SlackMessage {
  const d = t(locale);
  const text = `${d.bulk.title[label]}: ${d.state.queuedBehind(ahead)}`;
  return message(text, [section(`:hourglass_flowing_sand: ${text}`)]);
}

/** A command whose work failed outside any sync (status, diff, import, digest). */
export function commandFailedMessage(error: string, locale: Locale): SlackMessage {
  const text = t(locale).work.commandFailed(reason(error));
  return message(text, [section(`:warning: ${text}`)]);
}

/** The `/calsync all` confirmation, once confirmed. */
export function syncingAllMessage(locale: Locale): SlackMessage {
  const text = t(locale).work.syncingAll;
  return message(text, [section(text)]);
}

export function noneInErrorMessage(locale: Locale): SlackMessage {
  const text = t(locale).work.noneInError;
  return message(text, [section(text)]);
}
