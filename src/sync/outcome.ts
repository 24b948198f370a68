// The outcome words (SPEC §3.12), in the two languages the product speaks.
import type { Locale, OutcomeKind } from './types.js';

const words: Record<Locale, Record<OutcomeKind, string>> = {
  en: { created: 'created', updated: 'updated', recreated: 'recreated', adopted: 'adopted', failed: 'failed' },
  de: { created: 'erstellt', updated: 'aktualisiert', recreated: 'neu erstellt', adopted: 'verknüpft', failed: 'fehlgeschlagen' },
};

export function outcomeWord(kind: OutcomeKind, locale: Locale = 'en'): string {
  return words[locale][kind];
}
