import { t, type Dictionary, type Locale } from '../../i18n/index.js';
import { context, message, section } from './blocks.js';
import { STATE_EMOJI, type ParentState } from './emoji.js';
import { inline, userRef } from './format.js';
import type { SlackMessage } from './types.js';

export interface ParentMessageInput {
  serviceId: number;
  serviceName: string;
  /** Slack user id of whoever asked. */
  requestedBy: string;
  state: ParentState;
  eventTypeId?: number | null;
  /** queued: how many jobs it waits behind (fair scheduling across users, SPEC §4). */
  ahead?: number;
}

function stateWord(state: ParentState, d: Dictionary, ahead?: number): { word: string; final: boolean } {
  switch (state) {
    case 'queued':
      return { word: ahead !== undefined && ahead > 0 ? d.state.queuedBehind(ahead) : d.state.queued, final: false };
    case 'running':
    case 'busy':
      return { word: d.state[state], final: false };
    default:
      return { word: d.outcome[state], final: true };
  }
}

/** The channel message per service (SPEC §4 "Threads"); updated in place as the sync moves on. */
export function parentMessage(input: ParentMessageInput, locale: Locale): SlackMessage {
  const d = t(locale);
  const title = d.common.service(input.serviceId, inline(input.serviceName));
  const { word, final } = stateWord(input.state, d, input.ahead);
  const id = final && input.eventTypeId != null ? input.eventTypeId : null;
  const askedBy = d.common.askedBy(userRef(input.requestedBy));
  const line = [`${STATE_EMOJI[input.state]} *${word}*`, id !== null ? `*${d.common.eventTypeId}:* ${id}` : null]
    .filter((part) => part !== null)
    .join(' · ');
  const text = `${title}: ${word}${id !== null ? `, ${d.common.eventTypeId} ${id}` : ''} (${askedBy})`;
  return message(text, [section(`*${title}*\n${line}`), context(askedBy)]);
}
