// After a Retry click the button must go before the sync starts (SPEC §4 "Retry button"), so a
// second click finds nothing to press.
import { t, type Locale } from '../../i18n/index.js';
import { clamp, userRef } from './format.js';
import { context, mrkdwn } from './blocks.js';
import { STATE_EMOJI } from './emoji.js';
import { LIMITS } from './limits.js';
import type { KnownBlock, SlackMessage } from './types.js';
import type { SyncResult } from '../../sync/types.js';

function retryingLine(userId: string, locale: Locale): string {
  return `${STATE_EMOJI.running} ${t(locale).retrying(userRef(userId))}`;
}

/**
 * Any posted message (a result, a bulk summary, a digest) with the clicked button replaced by the
 * "retrying" line, keeping the block count so a full 50-block message stays within the limit.
 */
export function replaceRetryButton(
  original: { text: string; blocks: readonly KnownBlock[] },
  click: { actionId: string; userId: string },
  locale: Locale,
): SlackMessage {
  const line = retryingLine(click.userId, locale);
  const blocks = original.blocks.flatMap((block): KnownBlock[] => {
    if (block.type === 'section' && block.accessory && 'action_id' in block.accessory && block.accessory.action_id === click.actionId) {
      const { accessory: _removed, ...rest } = block;
      const text = block.text ? `${block.text.text}\n${line}` : line;
      return [{ ...rest, text: mrkdwn(clamp(text, LIMITS.sectionText)) }];
    }
    if (block.type === 'actions' && block.elements.some((e) => 'action_id' in e && e.action_id === click.actionId)) {
      const left = block.elements.filter((e) => !('action_id' in e) || e.action_id !== click.actionId);
      return left.length > 0 ? [{ ...block, elements: left }, context(line)] : [context(line)];
    }
    return [block];
  });
  return { text: original.text, blocks };
}

/**
 * After the retried sync: the "retrying" line of the clicked row becomes its outcome, and nothing else in
 * the message changes (a digest keeps every other row as it was).
 */
export function settleRetryLine(
  current: { text: string; blocks: readonly KnownBlock[] },
  click: { userId: string; outcome: SyncResult },
  locale: Locale,
): SlackMessage {
  const d = t(locale);
  const from = retryingLine(click.userId, locale);
  const r = click.outcome;
  const to =
    r.kind === 'busy' || r.kind === 'unknown'
      ? `${STATE_EMOJI.busy} ${d.state.busy}`
      : `${STATE_EMOJI[r.kind]} ${d.outcome[r.kind]}${r.eventTypeId != null ? ` · ${d.common.eventTypeId} ${r.eventTypeId}` : ''} · ${userRef(click.userId)}`;
  const blocks = JSON.parse(
    JSON.stringify(current.blocks).split(JSON.stringify(from).slice(1, -1)).join(JSON.stringify(to).slice(1, -1)),
  ) as KnownBlock[];
  return { text: current.text, blocks };
}
