// A pseudo-locale for the tests that hold every word Slack gets to the dictionaries (messages/dictionary.test.ts
// for the builders, handlers-dictionary.test.ts for the listeners): `en` with every letter a dictionary text
// adds veiled as `•`, while the values it is given (names, ids, reasons) pass through as they are. Fed outside
// text without letters ("#42"), a message has no letter left once data and syntax are taken out; a letter
// there is a word written outside src/i18n, which a German reader would get in English.
// Use: vi.mock('…/src/i18n/en.js', async (importOriginal) => (await import('…/pseudo-en.js')).pseudoEn(importOriginal)).
import type { Dictionary } from '../../../src/i18n/dictionary.js';

const veil = (text: string): string => text.replace(/\p{L}/gu, '•');

function pseudo(value: unknown): unknown {
  if (typeof value === 'string') return veil(value);
  if (typeof value !== 'function') return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, pseudo(v)]));
  // String arguments are values from the caller: stood in for by tokens while the text is veiled.
  return (...args: unknown[]) => {
    const given: string[] = [];
    const tokens = args.map((a) => (typeof a === 'string' ? `\u0001${given.push(a) - 1}\u0002` : a));
    return veil((value as (...a: unknown[]) => string)(...tokens)).replace(/\u0001(\d+)\u0002/g, (_, i: string) => given[Number(i)]!);
  };
}

/** The factory for `vi.mock` of src/i18n/en.js. */
export async function pseudoEn(importOriginal: <M>() => Promise<M>): Promise<{ en: Dictionary }> {
  const { en } = await importOriginal<{ en: Dictionary }>();
  return { en: pseudo(en) as Dictionary };
}

/** Not words: data (ids, mentions, links, code, field names), syntax (emoji codes), dates and durations. */
export const NOT_WORDS: readonly RegExp[] = [
  /```[^`]*```/g, // JSON, payloads: data
  /`[^`\n]*`/g, // error snippets, field names, `/calsync 85`: data or command syntax
  /<[@#][A-Z0-9]+>/g, // mentions and channels
  /<https?:\/\/[^|>]+\|/g, // a link's address; its label is a dictionary text
  /:[a-z0-9_+-]+:/g, // emoji codes
  /\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)? UTC/g, // formatUtc: the same in every language
  /\b\d+ (ms|s|min|h)\b/g, // formatDuration: units read the same in English and German
  /\b(title|slug|lengthInMinutes|description|hidden|null)\b/g, // Cal.com's field names and JSON values: data
];

/**
 * Every text a message carries: the fallback, block texts, fields, context elements, button labels. Any
 * object Slack is sent (a builder's message, an ack or respond body, a Web API call's arguments): each
 * `"text"` in it, at any depth.
 */
export function allTexts(msg: object): string[] {
  return Array.from(JSON.stringify(msg).matchAll(/"text":"((?:[^"\\]|\\.)*)"/g), (m) => JSON.parse(`"${m[1]}"`) as string);
}

/** What is left of a text once data and syntax are out: only veiled dictionary text and punctuation. */
export function leftOver(text: string): string {
  return NOT_WORDS.reduce((out, pattern) => out.replace(pattern, ' '), text);
}

/** The texts of `msg` with a letter left outside data: words written outside the dictionaries. */
export function wordsOutside(msg: object): string[] {
  return allTexts(msg).filter((text) => /\p{L}/u.test(leftOver(text)));
}
