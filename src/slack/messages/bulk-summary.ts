// The end of a bulk run: counts, then each failure with a Retry button. 200 failures don't fit in 50
// blocks, so the list stops where the budget ends and points at `/calsync status` for the rest.
import { t, type BulkLabel, type Locale } from '../../i18n/index.js';
import type { OutcomeKind } from '../../sync/types.js';
import { button, context, message, section } from './blocks.js';
import { outcomeCounts } from './counts.js';
import { formatDuration, inline, userRef } from './format.js';
import { LIMITS } from './limits.js';
import { retryActionId, retryValue } from './retry.js';
import { failureReason, type FailedOutcome } from './sync-result.js';
import type { KnownBlock, SlackMessage } from './types.js';

export type BulkFailure = Pick<FailedOutcome, 'serviceId' | 'serviceName' | 'error' | 'attempts' | 'invalid'>;

export interface BulkSummaryInput {
  label: BulkLabel;
  total: number;
  counts: Partial<Record<OutcomeKind, number>>;
  failures: readonly BulkFailure[];
  requestedBy: string;
  durationMs: number;
}

export function bulkSummaryMessage(input: BulkSummaryInput, locale: Locale): SlackMessage {
  const d = t(locale);
  const failed = input.failures.length;
  const finished = d.bulk.finished(d.bulk.title[input.label], input.total, formatDuration(input.durationMs));
  const counts = outcomeCounts(input.counts, d);
  const blocks: KnownBlock[] = [
    section(`${failed > 0 ? ':warning:' : ':white_check_mark:'} *${finished}*${counts ? `\n${counts}` : ''}`),
    context(d.common.askedBy(userRef(input.requestedBy))),
  ];
  if (failed > 0) {
    blocks.push(section(`*${d.bulk.failures(failed)}*`));
    const room = LIMITS.blocks - blocks.length;
    const shown = failed <= room ? input.failures : input.failures.slice(0, room - 1);
    const usedIds = new Set<string>();
    shown.forEach((f, i) => {
      const id = usedIds.has(retryActionId(f.serviceId)) ? retryActionId(`${f.serviceId}_${i}`) : retryActionId(f.serviceId);
      usedIds.add(id);
      const retry = button({ text: d.common.retry, actionId: id, value: retryValue(f.serviceId) });
      const line = `*${d.common.service(f.serviceId, inline(f.serviceName))}*: ${d.result.failed(f.attempts)}`;
      blocks.push(section(`${line}\n${failureReason(f, d)}`, retry));
    });
    if (shown.length < failed) blocks.push(section(d.bulk.more(failed - shown.length)));
  }
  return message(`${finished}${counts ? ` — ${counts}` : ''}`, blocks);
}
