// The digest as plain text: the notification line Slack shows, and the whole report for
// `calsync digest --print`, where no block limit applies, so every failing service is listed.
import type { Dictionary } from '../i18n/index.js';
import { snippet } from '../sync/snippet.js';
import { changeLine } from '../sync/plan.js';
import { formatUtc, oneLine } from '../sync/text.js';
import { DIGEST_STATES, shownStates, type Digest } from './compose.js';
import type { DriftItem } from './drift.js';

/** ` (+2)`, ` (-3)`, or nothing when unchanged or there is nothing to compare with. */
export function change(delta: number | undefined): string {
  if (!delta) return '';
  return delta > 0 ? ` (+${delta})` : ` (${delta})`;
}

/** `calsync digest 2026-11-24: 3 failing, 2 stale, 40 in sync`: reads well in a notification. */
export function digestSummary(digest: Digest, d: Dictionary): string {
  const title = d.digest.title(digest.localDate);
  if (digest.counts.total === 0) return `${title}: ${d.digest.empty}`;
  if (digest.quiet) return `${title}: ${d.digest.allClear(digest.counts.total)}`;
  const parts = DIGEST_STATES.filter((s) => s === 'synced' || (digest.counts[s] ?? 0) > 0).map((s) =>
    d.digest.count[s](digest.counts[s] ?? 0),
  );
  const drift = digest.drift?.length ? `; ${d.digest.drift(digest.drift.length)}` : '';
  return `${title}: ${parts.join(', ')}${drift}`;
}

/** `edited in Cal.com: lengthInMinutes 45 → 30` or `event type 9 deleted in Cal.com`. */
function driftLine(item: DriftItem, d: Dictionary, clean: (s: string) => string = (s) => s): string {
  if (item.kind === 'deleted') return d.digest.deleted(item.eventTypeId);
  return `${d.digest.edited}: ${item.changes.map((c) => clean(changeLine(c))).join('; ')}`;
}

/** The full report for a terminal. */
export function digestText(digest: Digest, d: Dictionary): string {
  const lines = [digestSummary(digest, d)];
  if (digest.driftError) lines.push(d.digest.calcomUnreadable(oneLine(digest.driftError)));
  if (digest.quiet) return lines[0]!;
  const { counts, changes } = digest;
  lines.push('');
  for (const s of shownStates(digest)) lines.push(`  ${d.digest.states[s]}: ${counts[s] ?? 0}${change(changes?.[s])}`);
  lines.push(`  ${d.digest.total(counts.total)}${change(changes?.total)} · ${changes ? d.digest.compared : d.digest.first}`);
  if (digest.failures.length > 0) {
    lines.push('', d.digest.failures(digest.failures.length));
    for (const f of digest.failures) {
      // Catalogue and Cal.com text reaches a terminal here: one line each, no control or format characters.
      lines.push(
        `  ${d.common.service(f.serviceId, oneLine(f.serviceName))} · ${d.digest.lastAttempt(formatUtc(f.lastAttempt, d.common.never))}`,
      );
      lines.push(`    ${snippet(oneLine(f.error)) || d.common.emptyError}`);
    }
  }
  if (digest.drift.length > 0) {
    lines.push('', d.digest.drift(digest.drift.length));
    for (const item of digest.drift)
      lines.push(`  ${d.common.service(item.serviceId, oneLine(item.serviceName))} · ${driftLine(item, d, oneLine)}`);
  }
  return lines.join('\n');
}
