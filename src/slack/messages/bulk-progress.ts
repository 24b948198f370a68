import { t, type BulkLabel, type Locale } from '../../i18n/index.js';
import type { OutcomeKind } from '../../sync/types.js';
import { context, message, section } from './blocks.js';
import { outcomeCounts } from './counts.js';
import { STATE_EMOJI } from './emoji.js';
import { userRef } from './format.js';
import type { SlackMessage } from './types.js';

export interface BulkProgressInput {
  label: BulkLabel;
  done: number;
  total: number;
  counts: Partial<Record<OutcomeKind, number>>;
  requestedBy: string;
}

const BAR_WIDTH = 10;

/** `▓▓▓▓░░░░░░ 40 %`; full only when everything is done. */
export function progressBar(done: number, total: number): string {
  const percent = total > 0 ? Math.floor((Math.min(Math.max(done, 0), total) / total) * 100) : 100;
  const filled = Math.floor(percent / BAR_WIDTH);
  return `${'▓'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${percent} %`;
}

/** The bulk run's parent message while it runs (SPEC §4 "Bulk runs"). */
export function bulkProgressMessage(input: BulkProgressInput, locale: Locale): SlackMessage {
  const d = t(locale);
  const title = d.bulk.title[input.label];
  const bar = progressBar(input.done, input.total);
  const progress = d.bulk.progress(input.done, input.total);
  const counts = outcomeCounts(input.counts, d);
  const askedBy = d.common.askedBy(userRef(input.requestedBy));
  const body = `${STATE_EMOJI.running} *${title}*\n${bar} · ${progress}${counts ? `\n${counts}` : ''}`;
  return message(`${title}: ${bar} (${progress})`, [section(body), context(askedBy)]);
}
