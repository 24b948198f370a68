// Every word a builder sends comes from the dictionaries. In this file `en` is a pseudo-locale: the real
// English with every letter a dictionary text adds veiled as `•`, while the values it is given (names,
// ids, reasons) pass through as they are. Each builder runs on outside text without letters ("#42"), and
// once data and syntax are taken out no letter may be left: a letter there is a word written outside
// src/i18n, which a German reader would get in English.
import { describe, expect, it, vi } from 'vitest';
import type { SlackMessage } from '../../../src/slack/messages/index.js';
import { everyBuilder } from './builders.js';

vi.mock('../../../src/i18n/en.js', async (importOriginal) => {
  const { en } = await importOriginal<typeof import('../../../src/i18n/en.js')>();
  const veil = (text: string): string => text.replace(/\p{L}/gu, '•');
  const pseudo = (value: unknown): unknown => {
    if (typeof value === 'string') return veil(value);
    if (typeof value !== 'function') return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, pseudo(v)]));
    // String arguments are values from the caller: stood in for by tokens while the text is veiled.
    return (...args: unknown[]) => {
      const given: string[] = [];
      const tokens = args.map((a) => (typeof a === 'string' ? `\u0001${given.push(a) - 1}\u0002` : a));
      return veil((value as (...a: unknown[]) => string)(...tokens)).replace(/\u0001(\d+)\u0002/g, (_, i: string) => given[Number(i)]!);
    };
  };
  return { en: pseudo(en) };
});

const OUTSIDE = { outside: '#42', controls: '#43\u200B', error: '500: #44' };

/** Not words: data (ids, mentions, links, code, field names), syntax (emoji codes), dates and durations. */
const NOT_WORDS: RegExp[] = [
  /```[^`]*```/g, // JSON, payloads: data
  /`[^`\n]*`/g, // error snippets, field names, `/calsync 85`: data or command syntax
  /<[@#][A-Z0-9]+>/g, // mentions and channels
  /<https?:\/\/[^|>]+\|/g, // a link's address; its label is a dictionary text
  /:[a-z0-9_+-]+:/g, // emoji codes
  /\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)? UTC/g, // formatUtc: the same in every language
  /\b\d+ (ms|s|min|h)\b/g, // formatDuration: units read the same in English and German
  /\b(title|slug|lengthInMinutes|description|hidden|null)\b/g, // Cal.com's field names and JSON values: data
];

/** Every text a message carries: the fallback, block texts, fields, context elements, button labels. */
function allTexts(msg: SlackMessage): string[] {
  const inBlocks = Array.from(JSON.stringify(msg.blocks).matchAll(/"text":"((?:[^"\\]|\\.)*)"/g), (m) => JSON.parse(`"${m[1]}"`) as string);
  return [msg.text, ...inBlocks];
}

/** What is left of a text once data and syntax are out: only veiled dictionary text and punctuation. */
function leftOver(text: string): string {
  return NOT_WORDS.reduce((out, pattern) => out.replace(pattern, ' '), text);
}

describe('every word a builder sends is from the dictionaries', () => {
  it.each(everyBuilder('en', OUTSIDE))('%s', (_name, build) => {
    for (const text of allTexts(build())) expect(leftOver(text), JSON.stringify(text)).not.toMatch(/\p{L}/u);
  });

  it('the check finds a word written outside the dictionaries, and only that', () => {
    expect(leftOver('•••• •••••• · retrying')).toMatch(/\p{L}/u);
    expect(leftOver(':warning: • •••••••• ••••: ••••••• •••••• "#42" `x` <@U1> 2026-11-24 09:00 UTC 3 s')).not.toMatch(/\p{L}/u);
  });
});
