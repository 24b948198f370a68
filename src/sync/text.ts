// Text that comes from the catalogue or from Cal.com, made safe to show. The traps: a terminal obeys
// control characters (ESC starts colour, cursor moves and an OSC 52 clipboard write; C1 U+009B is a
// CSI of its own), and format characters (\p{Cf}: bidi overrides, zero-width spaces) make text read
// differently from what it is. The zero-width joiner is kept inside emoji, where it only joins glyphs.

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * At most `max` graphemes, or with `measure: 'utf16'` at most `max` UTF-16 units (Slack's measure), cut on a
 * grapheme boundary so an emoji or a letter with a combining mark never splits, and ending in `…` when cut.
 * Segments only as far as it keeps: segmenting a whole 10,000-character body would cost tens of milliseconds.
 */
export function cut(text: string, max: number, measure: 'graphemes' | 'utf16' = 'graphemes'): string {
  if (text.length <= max) return text; // never more graphemes than units
  let size = 0;
  let end = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    size += measure === 'utf16' ? segment.length : 1;
    if (size > max) return `${text.slice(0, end)}…`;
    if (size <= max - 1) end = index + segment.length;
  }
  return text;
}

/** Deterministic and unambiguous in every locale: `2026-11-24 09:00 UTC` (or `09:00:59 UTC` to the second). */
export function formatUtc(date: Date | null | undefined, none = '—', to: 'minute' | 'second' = 'minute'): string {
  if (!date || Number.isNaN(date.getTime())) return none;
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, to === 'minute' ? 16 : 19)} UTC`;
}

const INVISIBLE = /(?!(?<=\p{Extended_Pictographic}[\u{FE0F}\u{1F3FB}-\u{1F3FF}]?)\u200D(?=\p{Extended_Pictographic}))\p{Cf}/gu;

/** Drops format characters (bidi overrides, zero-width characters), keeping emoji sequences whole. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** One line: runs of whitespace and control characters become one space; format characters go. */
export function oneLine(text: string): string {
  return stripInvisible(text)
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim();
}

/** For a terminal: every control (C0, DEL, C1) and format character goes, except newline and tab. */
export function terminalSafe(text: string): string {
  return stripInvisible(text).replace(/[^\P{Cc}\n\t]/gu, '');
}

/**
 * Pretty JSON with nothing raw that a terminal or a reader could be fooled by, and still the same JSON:
 * JSON.stringify escapes C0 but leaves DEL, C1 and format characters raw; written as \u escapes they are
 * inert and visible, and parse back unchanged.
 */
export function inertJson(value: unknown): string {
  return (JSON.stringify(value, null, 2) ?? 'null').replace(/[\u007F-\u009F\p{Cf}]/gu, escapeUnits);
}

function escapeUnits(c: string): string {
  let out = '';
  for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/** The first character the given class forbids, as `U+001B` and its 1-based position, or null. */
export function firstControl(text: string, allowed: readonly string[] = []): { codePoint: string; position: number } | null {
  if (!/\p{Cc}/u.test(text)) return null;
  let position = 0;
  for (const ch of text) {
    position++;
    if (!/\p{Cc}/u.test(ch) || allowed.includes(ch)) continue;
    return { codePoint: `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, position };
  }
  return null;
}
