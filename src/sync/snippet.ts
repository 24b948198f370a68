// The 100-character error snippet shown in Slack (SPEC §3.13): secrets redacted first, then cut on a
// character (grapheme) boundary so an emoji or an umlaut with a combining mark never splits.
import { redact } from '../lib/redact.js';
import { cut } from './text.js';

const SNIPPET_LENGTH = 100;

/** One line, redacted, at most 100 characters: what Slack shows inside a code span. */
export function snippet(error: string, secrets: readonly string[] = []): string {
  const oneLine = redact(error, secrets).replace(/\s+/g, ' ').replace(/`/g, "'").trim();
  return cut(oneLine, SNIPPET_LENGTH);
}
