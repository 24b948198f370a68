// Text that comes from the catalogue or from Cal.com, made safe to show. The traps: a terminal obeys
// control characters (ESC starts colour, cursor moves and an OSC 52 clipboard write; C1 U+009B is a
// CSI of its own), and format characters (\p{Cf}: bidi overrides, zero-width spaces) make text read
// differently from what it is. The zero-width joiner is kept inside emoji, where it only joins glyphs.

const INVISIBLE = /(?!(?<=\p{Extended_Pictographic}[\u{FE0F}\u{1F3FB}-\u{1F3FF}]?)\u200D(?=\p{Extended_Pictographic}))\p{Cf}/gu;

/** Drops format characters (bidi overrides, zero-width characters), keeping emoji sequences whole. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** One line: runs of whitespace and control characters become one space; format characters go. */
export function oneLine(text: string): string {
  return stripInvisible(text).replace(/[\s\p{Cc}]+/gu, ' ').trim();
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

/** The first character the given class forbids, as `U+001B at character 12` (1-based), or null. */
export function firstControl(text: string, allowed: readonly string[] = []): string | null {
  if (!/\p{Cc}/u.test(text)) return null;
  let position = 0;
  for (const ch of text) {
    position++;
    if (/\p{Cc}/u.test(ch) && !allowed.includes(ch)) return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at character ${position}`;
  }
  return null;
}
