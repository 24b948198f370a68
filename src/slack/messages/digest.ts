// The daily digest (SPEC §5): counts per state with the change since the previous digest, then each
// failing service with its snippet and a Retry button. 2,000 failures don't fit in 50 blocks, so the
// list stops where the budget ends and points at `/calsync failed`, which re-syncs them all anyway.
import { shownStates, type Digest, type DigestState } from '../../digest/compose.js';
import { change, digestSummary } from '../../digest/print.js';
import type { DriftItem } from '../../digest/drift.js';
import { t, type Dictionary, type Locale } from '../../i18n/index.js';
import type { FieldChange } from '../../sync/plan.js';
import { button, context, fields, header, message, section } from './blocks.js';
import { codeSpan, formatUtc, inline, valueSpan } from './format.js';
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

/** Blocks kept for the drift section when failures are many: heading, a few items, "and N more". */
const DRIFT_RESERVE = 8;

export function digestMessage(digest: Digest, locale: Locale): SlackMessage {
  const d = t(locale);
  const text = digestSummary(digest, d);
  const drift = digest.drift ?? [];
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
  if (digest.driftError) blocks.push(context(`:warning: ${inline(d.digest.calcomUnreadable(digest.driftError), 2900)}`));
  const failed = digest.failures.length;
  if (failed > 0) {
    blocks.push(section(`*${d.digest.failures(failed)}*`));
    // Every failure fits when each can have a block; otherwise one block goes to the "and N more" line.
    const room = LIMITS.blocks - blocks.length - (drift.length > 0 ? Math.min(drift.length + 1, DRIFT_RESERVE) : 0);
    const shown = failed <= room ? digest.failures : digest.failures.slice(0, room - 1);
    for (const f of shown) {
      const retry = button({ text: d.common.retry, actionId: retryActionId(f.serviceId), value: retryValue(f.serviceId) });
      const title = `*${d.common.service(f.serviceId, inline(f.serviceName))}* · ${d.digest.lastAttempt(formatUtc(f.lastAttempt, d.common.never))}`;
      blocks.push(section(`${title}\n${codeSpan(f.error, d.common.emptyError)}`, retry));
    }
    if (shown.length < failed) blocks.push(section(d.digest.more(failed - shown.length)));
  }
  if (drift.length > 0) blocks.push(...driftBlocks(drift, LIMITS.blocks - blocks.length, d));
  return message(text, blocks);
}

/** Each drifted service with a Restore button: a Retry (a sync) that answers in the digest's thread. */
function driftBlocks(drift: readonly DriftItem[], room: number, d: Dictionary): KnownBlock[] {
  const out: KnownBlock[] = [section(`*${d.digest.drift(drift.length)}*`)];
  const fits = room - 1;
  const shown = drift.length <= fits ? drift : drift.slice(0, Math.max(fits - 1, 0));
  for (const item of shown) {
    const restore = button({ text: d.digest.restore, actionId: retryActionId(item.serviceId), value: retryValue(item.serviceId) });
    const what = item.kind === 'deleted' ? d.digest.deleted(item.eventTypeId) : `${d.digest.edited}: ${changesInline(item.changes)}`;
    out.push(section(`*${d.common.service(item.serviceId, inline(item.serviceName))}* · ${what}`, restore));
  }
  if (shown.length < drift.length) out.push(section(d.plan.more(drift.length - shown.length)));
  return out;
}

function changesInline(changes: readonly FieldChange[]): string {
  return changes.map((c) => `\`${inline(c.field, 40)}\` ${valueSpan(c.from, 120)} → ${valueSpan(c.to, 120)}`).join(', ');
}
