// Every word a builder sends comes from the dictionaries: each builder runs in the pseudo-locale of
// pseudo-en.ts (dictionary letters veiled) on outside text without letters ("#42"), and once data and syntax
// are taken out no letter may be left.
import { describe, expect, it, vi } from 'vitest';
import { everyBuilder } from './builders.js';
import { allTexts, leftOver } from './pseudo-en.js';

vi.mock('../../../src/i18n/en.js', async (importOriginal) => (await import('./pseudo-en.js')).pseudoEn(importOriginal));

const OUTSIDE = { outside: '#42', controls: '#43\u200B', error: '500: #44' };

describe('every word a builder sends is from the dictionaries', () => {
  it.each(everyBuilder('en', OUTSIDE))('%s', (_name, build) => {
    for (const text of allTexts(build())) expect(leftOver(text), JSON.stringify(text)).not.toMatch(/\p{L}/u);
  });

  it('the check finds a word written outside the dictionaries, and only that', () => {
    expect(leftOver('•••• •••••• · retrying')).toMatch(/\p{L}/u);
    expect(leftOver(':warning: • •••••••• ••••: ••••••• •••••• "#42" `x` <@U1> 2026-11-24 09:00 UTC 3 s')).not.toMatch(/\p{L}/u);
  });
});
