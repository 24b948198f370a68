// Every user-facing word lives here, one typed dictionary per locale (SPEC §4 "Language").
import type { Locale, OutcomeKind } from '../sync/types.js';
import { de } from './de.js';
import type { Dictionary } from './dictionary.js';
import { en } from './en.js';

export type { BulkLabel, CommandName, Dictionary, ImportAction } from './dictionary.js';
export type { Locale } from '../sync/types.js';

const dictionaries: Readonly<Record<Locale, Dictionary>> = { en, de };

export const LOCALES: readonly Locale[] = ['en', 'de'];

/** The texts of one locale. */
export function t(locale: Locale): Dictionary {
  return dictionaries[locale];
}

/** The outcome word of SPEC §3.12: `updated` / `aktualisiert`. */
export function outcomeWord(kind: OutcomeKind, locale: Locale): string {
  return dictionaries[locale].outcome[kind];
}
