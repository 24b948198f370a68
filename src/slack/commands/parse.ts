// Usage: /calsync 85 | sync 85 86 | status 85 | diff 85 | failed | all | import | digest | help
// The text of `/calsync …` as a command (SPEC §4). Pure, so every malformed input has a table test;
// anything not understood becomes `invalid` with a reason the user can act on.

import { isServiceId, MAX_SERVICE_ID } from '../../sync/ids.js';

export type Command =
  | { kind: 'sync'; ids: number[] }
  | { kind: 'status'; id: number }
  | { kind: 'diff'; id: number }
  | { kind: 'failed' }
  | { kind: 'all' }
  | { kind: 'import' }
  | { kind: 'digest' }
  | { kind: 'help' }
  | { kind: 'invalid'; reason: string };

/** More ids than this in one command is a mistake, not a request: use `all`. */
export const MAX_IDS = 20;
const MAX_TEXT = 500;

function show(word: string): string {
  const chars = [...word.replace(/[^\p{L}\p{N}\-+_.]/gu, '?')];
  return chars.length > 20 ? chars.slice(0, 20).join('') + '…' : chars.join('');
}

function parseIds(words: string[]): { ids: number[] } | { reason: string } {
  if (words.length === 0) return { reason: 'give at least one service id, e.g. `/calsync 85`' };
  if (words.length > MAX_IDS) return { reason: `at most ${MAX_IDS} service ids at once (use \`/calsync all\` for the whole catalogue)` };
  const ids: number[] = [];
  for (const word of words) {
    const w = word.replace(/^#/, '');
    if (!/^\d+$/.test(w)) return { reason: `"${show(word)}" is not a service id (a whole number such as 85)` };
    const id = Number(w);
    if (!isServiceId(id) || w.length > 10) return { reason: `service id ${show(w)} is out of range (1 to ${MAX_SERVICE_ID})` };
    if (!ids.includes(id)) ids.push(id);
  }
  return { ids };
}

function one(words: string[], verb: string): { id: number } | { reason: string } {
  if (words.length !== 1) return { reason: `\`/calsync ${verb}\` takes exactly one service id, e.g. \`/calsync ${verb} 85\`` };
  const parsed = parseIds(words);
  return 'reason' in parsed ? parsed : { id: parsed.ids[0]! };
}

export function parseCommand(raw: string): Command {
  if (raw.length > MAX_TEXT) return { kind: 'invalid', reason: `that is too long (${raw.length} characters)` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(raw)) return { kind: 'invalid', reason: 'the text contains control characters' };
  const words = raw.trim().split(/[\s,]+/).filter(Boolean);
  const [verb, ...rest] = words;
  if (!verb) return { kind: 'help' };
  const lower = verb.toLowerCase();
  const noArgs = (kind: 'failed' | 'all' | 'import' | 'digest' | 'help'): Command =>
    rest.length ? { kind: 'invalid', reason: `\`/calsync ${kind}\` takes no arguments` } : { kind };
  switch (lower) {
    case 'sync': {
      const r = parseIds(rest);
      return 'reason' in r ? { kind: 'invalid', reason: r.reason } : { kind: 'sync', ids: r.ids };
    }
    case 'status':
    case 'diff': {
      const r = one(rest, lower);
      return 'reason' in r ? { kind: 'invalid', reason: r.reason } : { kind: lower, id: r.id };
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
    return 'reason' in r ? { kind: 'invalid', reason: r.reason } : { kind: 'sync', ids: r.ids };
  }
  return { kind: 'invalid', reason: `unknown command "${show(verb)}"` };
}
