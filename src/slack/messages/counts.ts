import type { Dictionary } from '../../i18n/index.js';
import type { OutcomeKind } from '../../sync/types.js';
import { OUTCOME_ORDER } from './emoji.js';

/** `150 updated · 2 failed`, outcomes in a fixed order, zeros left out. */
export function outcomeCounts(counts: Partial<Record<OutcomeKind, number>>, d: Dictionary): string {
  return OUTCOME_ORDER.filter((kind) => (counts[kind] ?? 0) > 0)
    .map((kind) => `${counts[kind]} ${d.outcome[kind]}`)
    .join(' · ');
}
