// The daily digest (SPEC §5): counts per state with the change since the previous digest, then each
// failing service with its snippet and a Retry button. 2,000 failures don't fit in 50 blocks, so the
// list stops where the budget ends and points at `/calsync failed`, which re-syncs them all anyway.
import { shownStates, type Digest, type DigestState } from '../../digest/compose.js';
import { change, digestSummary } from '../../digest/print.js';
import { t, type Locale } from '../../i18n/index.js';
import { button, context, fields, header, message, section } from './blocks.js';
import { codeSpan, formatUtc, inline } from './format.js';
import { LIMITS } from './limits.js';
import { retryActionId, retryValue } from './retry.js';
import type { KnownBlock, SlackMessage } from './types.js';

const STATE_EMOJI: Readonly<Record<DigestState, string>> = {
  error: ':x:',
  stale: ':warning:',
  neverSynced: ':hourglass_flowing_sand:',
  unknown: ':grey_question:',
  synced: ':white_check_mark:',
};

export function digestMessage(digest: Digest, locale: Locale): SlackMessage {
  const d = t(locale);
  const text = digestSummary(digest, d);
  if (digest.quiet) {
    const line = digest.counts.total === 0 ? d.digest.empty : d.digest.allClear(digest.counts.total);
    return message(text, [section(line), context(d.digest.title(digest.localDate))]);
  }

  const { counts, changes } = digest;
  const blocks: KnownBlock[] = [
    header(d.digest.title(digest.localDate)),
    fields(shownStates(digest).map((s) => `${STATE_EMOJI[s]} *${d.digest.states[s]}*\n${counts[s] ?? 0}${change(changes?.[s])}`)),
    context(`${d.digest.total(counts.total)}${change(changes?.total)} · ${changes ? d.digest.compared : d.digest.first}`),
  ];
  const failed = digest.failures.length;
  if (failed > 0) {
    blocks.push(section(`*${d.digest.failures(failed)}*`));
    // Every failure fits when each can have a block; otherwise one block goes to the "and N more" line.
    const room = LIMITS.blocks - blocks.length;
    const shown = failed <= room ? digest.failures : digest.failures.slice(0, room - 1);
    for (const f of shown) {
      const retry = button({ text: d.common.retry, actionId: retryActionId(f.serviceId), value: retryValue(f.serviceId) });
      const title = `*${d.common.service(f.serviceId, inline(f.serviceName))}* · ${d.digest.lastAttempt(formatUtc(f.lastAttempt, d.common.never))}`;
      blocks.push(section(`${title}\n${codeSpan(f.error, d.common.emptyError)}`, retry));
    }
    if (shown.length < failed) blocks.push(section(d.digest.more(failed - shown.length)));
  }
  return message(text, blocks);
}
