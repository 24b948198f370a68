import { describe, expect, it } from 'vitest';
import { outcomeWord, t } from '../../../src/i18n/index.js';
import { LOCALES } from './fixtures.js';
import type { OutcomeKind } from '../../../src/sync/types.js';

describe('i18n', () => {
  it.each<[OutcomeKind, string, string]>([
    ['created', 'created', 'erstellt'],
    ['updated', 'updated', 'aktualisiert'],
    ['recreated', 'recreated', 'neu erstellt'],
    ['adopted', 'adopted', 'verknüpft'],
    ['failed', 'failed', 'fehlgeschlagen'],
  ])('outcome word %s', (kind, en, de) => {
    expect(outcomeWord(kind, 'en')).toBe(en);
    expect(outcomeWord(kind, 'de')).toBe(de);
  });

  it.each([
    ['en', 1, 'Sync failed after 1 attempt'],
    ['en', 3, 'Sync failed after 3 attempts'],
    ['de', 1, 'Synchronisierung fehlgeschlagen nach 1 Versuch'],
    ['de', 3, 'Synchronisierung fehlgeschlagen nach 3 Versuchen'],
  ] as const)('%s failed after %i', (locale, n, text) => {
    expect(t(locale).result.failed(n)).toBe(text);
  });

  it.each([
    ['en', 'Service synced with Cal.com (updated)'],
    ['de', 'Dienstleistung mit Cal.com synchronisiert (aktualisiert)'],
  ] as const)('%s success', (locale, text) => {
    expect(t(locale).result.synced(outcomeWord('updated', locale))).toBe(text);
  });

  it('every locale fills the same keys', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
    const [first, ...rest] = LOCALES.map((l) => keys(t(l)).sort());
    for (const other of rest) expect(other).toEqual(first);
  });
});
