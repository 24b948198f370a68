// Usage: /calsync 85 | sync 85 86 | status 85 | diff 85 | failed | all | import | digest | help
// The text of `/calsync …` as a command (SPEC §4). Pure, so every malformed input has a table test;
// anything not understood becomes `invalid` with a problem the user can act on, worded by each locale.

import { isServiceId, MAX_SERVICE_ID } from '../../sync/ids.js';
import { cut } from '../../sync/text.js';

export type Command =
  | { kind: 'sync'; ids: number[] }
  | { kind: 'status'; id: number }
  | { kind: 'diff'; id: number }
  | { kind: 'failed' }
  | { kind: 'all' }
  | { kind: 'import' }
  | { kind: 'digest' }
  | { kind: 'help' }
  | { kind: 'invalid'; problem: CommandProblem };

type NoArgs = 'failed' | 'all' | 'import' | 'digest' | 'help';

/** What is wrong with the text, as data: each locale words it (messages/invalid-input.ts). Echoed words are made safe here. */
export type CommandProblem =
  | { code: 'too-long'; length: number }
  | { code: 'control-characters' }
  | { code: 'no-ids' }
  | { code: 'too-many-ids'; max: number }
  | { code: 'not-an-id'; word: string }
  | { code: 'out-of-range'; word: string; max: number }
  | { code: 'one-id'; verb: 'status' | 'diff' }
  | { code: 'no-arguments'; verb: NoArgs }
  | { code: 'unknown-command'; word: string };

/** More ids than this in one command is a mistake, not a request: use `all`. */
export const MAX_IDS = 20;
const MAX_TEXT = 500;

/** An echoed word: letters, digits and `-+_.` only (anything else is `?`), cut to 20 and `…` past 21 characters. */
function show(word: string): string {
  return cut(word.replace(/[^\p{L}\p{N}\-+_.]/gu, '?'), 21);
}

function parseIds(words: string[]): { ids: number[] } | { problem: CommandProblem } {
  if (words.length === 0) return { problem: { code: 'no-ids' } };
  if (words.length > MAX_IDS) return { problem: { code: 'too-many-ids', max: MAX_IDS } };
  const ids: number[] = [];
  for (const word of words) {
    const w = word.replace(/^#/, '');
    if (!/^\d+$/.test(w)) return { problem: { code: 'not-an-id', word: show(word) } };
    const id = Number(w);
    if (!isServiceId(id) || w.length > 10) return { problem: { code: 'out-of-range', word: show(w), max: MAX_SERVICE_ID } };
    if (!ids.includes(id)) ids.push(id);
  }
  return { ids };
}

function one(words: string[], verb: 'status' | 'diff'): { id: number } | { problem: CommandProblem } {
  if (words.length !== 1) return { problem: { code: 'one-id', verb } };
  const parsed = parseIds(words);
  return 'problem' in parsed ? parsed : { id: parsed.ids[0]! };
}

export function parseCommand(raw: string): Command {
  const invalid = (problem: CommandProblem): Command => ({ kind: 'invalid', problem });
  if (raw.length > MAX_TEXT) return invalid({ code: 'too-long', length: raw.length });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this line's job.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(raw)) return invalid({ code: 'control-characters' });
  const words = raw
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean);
  const [verb, ...rest] = words;
  if (!verb) return { kind: 'help' };
  const lower = verb.toLowerCase();
  const noArgs = (kind: NoArgs): Command => (rest.length ? invalid({ code: 'no-arguments', verb: kind }) : { kind });
  switch (lower) {
    case 'sync': {
      const r = parseIds(rest);
      return 'problem' in r ? invalid(r.problem) : { kind: 'sync', ids: r.ids };
    }
    case 'status':
    case 'diff': {
      const r = one(rest, lower);
      return 'problem' in r ? invalid(r.problem) : { kind: lower, id: r.id };
    }
    case 'failed':
    case 'all':
    case 'import':
    case 'digest':
    case 'help':
      return noArgs(lower);
  }
  if (/^[#\d-]/.test(verb)) {
    const r = parseIds(words);
    return 'problem' in r ? invalid(r.problem) : { kind: 'sync', ids: r.ids };
  }
  return invalid({ code: 'unknown-command', word: show(verb) });
}
