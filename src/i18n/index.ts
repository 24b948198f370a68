// Every user-facing word lives here, one typed dictionary per locale (SPEC §4 "Language").
import type { StepKind } from '../sync/plan.js';
import type { Locale, OutcomeKind } from '../sync/types.js';
import { de } from './de.js';
import type { Dictionary } from './dictionary.js';
import { en } from './en.js';

export type { BulkLabel, CommandName, Dictionary, ImportAction } from './dictionary.js';
export type { Locale } from '../sync/types.js';

const dictionaries: Readonly<Record<Locale, Dictionary>> = { en, de };

/** The texts of one locale. */
export function t(locale: Locale): Dictionary {
  return dictionaries[locale];
}

/** The outcome word of SPEC §3.12: `updated` / `aktualisiert`. */
export function outcomeWord(kind: OutcomeKind, locale: Locale): string {
  return dictionaries[locale].outcome[kind];
}

const WORK_ORDER = ['update', 'create', 'adopt', 'recreate', 'move', 'invalid'] as const;

/** `Apply: 3 updates, 1 recreate; 996 in sync`, or the "nothing to apply" line. */
export function planSummary(counts: Partial<Record<StepKind, number>>, locale: Locale): string {
  const d = dictionaries[locale].plan;
  const work = WORK_ORDER.filter((k) => counts[k]).map((k) => d.count[k](counts[k]!));
  const inSync = counts['in-sync'] ?? 0;
  if (work.length === 0) return d.nothingToDo(inSync);
  return d.apply(work.join(', '), inSync ? d.count['in-sync'](inSync) : '');
}
