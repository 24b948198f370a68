// Property tests for the two parsers that take text straight from Slack (SPEC §4 "Commands", "Retry button",
// §10 "Bad input"): whatever a user types or a button carries, they answer with a value, never an exception,
// and only ids in 1..2^31-1 get through.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_IDS, parseCommand, type Command } from '../../src/slack/commands/parse.js';
import { invalidInputMessage } from '../../src/slack/messages/index.js';
import { parseRetryValue } from '../../src/slack/messages/retry.js';

const MAX_ID = 2 ** 31 - 1;
const KINDS = new Set(['sync', 'status', 'diff', 'failed', 'all', 'import', 'digest', 'help', 'invalid']);
// C0, DEL and C1 controls, plus the bidi overrides that can make an echoed word read backwards in Slack.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;

const validId = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_ID;

/** The reason as an English reader sees it: `I couldn't read that: <reason> — See …`. */
const reasonOf = (cmd: Command): string =>
  cmd.kind === 'invalid' ? /^I couldn't read that: (.*) — See /s.exec(invalidInputMessage(cmd.problem, 'en').text)![1]! : '';

/** Every invariant a parsed command must hold, whatever the text was. */
function checkCommand(cmd: Command): void {
  expect(KINDS.has(cmd.kind)).toBe(true);
  if (cmd.kind === 'sync') {
    expect(cmd.ids.length).toBeGreaterThan(0);
    expect(cmd.ids.length).toBeLessThanOrEqual(MAX_IDS);
    expect(cmd.ids.every(validId)).toBe(true);
    expect(new Set(cmd.ids).size).toBe(cmd.ids.length);
  }
  if (cmd.kind === 'status' || cmd.kind === 'diff') expect(validId(cmd.id)).toBe(true);
  if (cmd.kind === 'invalid') {
    const reason = reasonOf(cmd);
    expect(reason.trim().length).toBeGreaterThan(0);
    expect(reason).not.toMatch(UNSAFE);
    expect(reason.length).toBeLessThanOrEqual(200);
    if ('word' in cmd.problem) expect(cmd.problem.word).not.toMatch(UNSAFE);
  }
}

function parsesSafely(text: string): Command {
  let cmd: Command | undefined;
  expect(() => (cmd = parseCommand(text))).not.toThrow();
  checkCommand(cmd!);
  expect(parseCommand(text)).toEqual(cmd); // pure: same text, same answer
  return cmd!;
}

const controlChar = fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f })).map((c) => String.fromCharCode(c));
const utf16Unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)); // lone surrogates included
const separator = fc.constantFrom(' ', '  ', ',', ', ', '\t', '\n', '\r\n', ' ,', '\u00a0', '\u3000');
const verb = fc.constantFrom(
  '',
  'sync',
  'SYNC',
  'Sync',
  'status',
  'diff',
  'failed',
  'all',
  'import',
  'digest',
  'help',
  'stat',
  'sync85',
  '__proto__',
  'constructor',
);

/** Id-like words, valid and not: the shapes people type and the ones attackers try. */
const idWord = fc.oneof(
  fc.integer({ min: 1, max: MAX_ID }).map(String),
  fc.integer({ min: 1, max: MAX_ID }).map((n) => `#${n}`),
  fc.bigInt({ min: BigInt(MAX_ID) + 1n, max: 10n ** 30n }).map(String), // beyond 2^31-1
  fc.integer({ min: -MAX_ID, max: 0 }).map(String), // zero and negative
  fc.double({ noNaN: true }).map(String), // floats, exponents, Infinity
  fc.integer({ min: 0, max: 99 }).map((n) => `${n}.5`),
  fc.integer({ min: 1, max: 999 }).map((n) => `0x${n.toString(16)}`),
  fc.integer({ min: 1, max: 999 }).map((n) => `00000000000${n}`), // leading zeros past 10 digits
  fc.constantFrom('١٢٣', '８５', '85abc', '8 5', '+85', '--1', '##85', '1e3', 'NaN', '٨٥', '𝟖𝟓', "85'; DROP TABLE services;--"),
);

describe('parseCommand never throws and only lets valid ids through', () => {
  it('any printable-ASCII string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (s) => void parsesSafely(s)),
      { numRuns: 2000 },
    );
  });

  it('any Unicode string (full code points, graphemes) and raw UTF-16 units with lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => void parsesSafely(s)),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (s) => void parsesSafely(s)),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: utf16Unit, maxLength: 200 }), (s) => void parsesSafely(s)),
      { numRuns: 1000 },
    );
  });

  it('control characters anywhere → invalid (or help/usage for the whitespace ones), never echoed raw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), controlChar, fc.string({ maxLength: 40 }), (a, c, b) => {
        const cmd = parsesSafely(`${a}${c}${b}`);
        // Tab, LF and CR are whitespace a client may send; every other C0 control and DEL is refused.
        if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(c)) expect(cmd.kind).toBe('invalid');
      }),
      { numRuns: 1000 },
    );
  });

  // How fast belongs to `npm run bench`; this pins that the length is checked before anything else.
  it('very long strings → invalid "too long"', () => {
    fc.assert(
      fc.property(fc.integer({ min: 501, max: 200_000 }), fc.constantFrom('8', ' ', '85 ', 'ä', '\u0000'), (n, unit) => {
        const text = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
        const cmd = parsesSafely(text);
        expect(cmd).toEqual({ kind: 'invalid', problem: { code: 'too-long', length: n } });
        expect(reasonOf(cmd)).toMatch(/too long/);
      }),
      { numRuns: 100 },
    );
  });

  it('thousands of ids → invalid, never a sync of thousands', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', 'sync '),
        fc.array(fc.integer({ min: 1, max: 99_999 }), { minLength: MAX_IDS + 1, maxLength: 5000 }),
        separator,
        (prefix, ids, sep) => {
          const cmd = parsesSafely(prefix + ids.join(sep));
          // Duplicates collapse only after the count check, so any list longer than MAX_IDS words is refused.
          expect(cmd.kind).toBe('invalid');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('commands assembled from verbs, separators and id-like words', () => {
    fc.assert(
      fc.property(verb, fc.array(fc.tuple(separator, idWord), { maxLength: 25 }), (v, parts) => {
        void parsesSafely(v + parts.map(([sep, w]) => sep + w).join(''));
      }),
      { numRuns: 3000 },
    );
  });

  it('model: 1..20 valid ids with any separators → exactly those ids, deduplicated, in order', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', 'sync ', 'SYNC ', '  sync\t'),
        fc.array(fc.tuple(fc.integer({ min: 1, max: MAX_ID }), fc.boolean()), { minLength: 1, maxLength: MAX_IDS }),
        separator,
        (prefix, ids, sep) => {
          const text = prefix + ids.map(([n, hash]) => (hash ? `#${n}` : String(n))).join(sep);
          expect(parsesSafely(text)).toEqual({ kind: 'sync', ids: [...new Set(ids.map(([n]) => n))] });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('model: one id word that is not in 1..2^31-1 spoils the whole command', () => {
    const bad = fc.oneof(
      fc.bigInt({ min: BigInt(MAX_ID) + 1n, max: 10n ** 40n }).map(String),
      fc.integer({ min: -MAX_ID, max: 0 }).map(String),
      fc
        .double({ noNaN: true })
        .filter((d) => !Number.isInteger(d))
        .map(String),
      fc.constantFrom('2147483648', '4294967296', '-1', '0', '1.5', '1e3', '85.0', 'Infinity', '-Infinity'),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('', 'sync ', 'status ', 'diff '),
        fc.array(fc.integer({ min: 1, max: MAX_ID }), { maxLength: 5 }),
        bad,
        fc.nat(),
        (prefix, good, badWord, at) => {
          const words = [...good];
          words.splice(at % (words.length + 1), 0, badWord as unknown as number);
          const cmd = parsesSafely(prefix + words.join(' '));
          expect(cmd.kind).toBe('invalid');
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('table: the boundaries', () => {
    expect(parsesSafely('2147483647')).toEqual({ kind: 'sync', ids: [MAX_ID] });
    expect(parsesSafely('1')).toEqual({ kind: 'sync', ids: [1] });
    expect(parsesSafely('status 2147483647')).toEqual({ kind: 'status', id: MAX_ID });
    for (const text of [
      '2147483648',
      '0',
      '-1',
      '1.5',
      '85.0',
      'status 2147483648',
      'diff -5',
      'sync',
      'status',
      'status 1 2',
      '\u0000',
      'a\u007fb',
      '1'.repeat(501),
    ]) {
      expect(parsesSafely(text).kind, text).toBe('invalid');
    }
    expect(parsesSafely('')).toEqual({ kind: 'help' });
    expect(parsesSafely(' \t\n ')).toEqual({ kind: 'help' });
  });

  // An echoed word is cut after 20 characters: the cut must fall between characters, never inside a
  // surrogate pair (U+20000 𠀀 is a \p{L} letter outside the BMP), or Slack would show U+FFFD.
  it('the reason is well-formed Unicode (a cut never splits a surrogate pair)', () => {
    const cmd = parseCommand('a'.repeat(19) + '\u{20000}'.repeat(3));
    expect(cmd.kind).toBe('invalid');
    expect(reasonOf(cmd)).toContain('\u{20000}…');
    expect(reasonOf(cmd).isWellFormed()).toBe(true);
  });

  it('property form of the above, restricted to BMP letters', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }).filter((s) => /^[a-z]/i.test(s)),
        (s) => {
          const cmd = parsesSafely(s.replace(/\s/g, '_'));
          if (cmd.kind === 'invalid') expect(reasonOf(cmd).isWellFormed()).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** What a Retry value means, per the contract in messages/retry.ts: `{"s":<id>}`, at most 2000 characters. */
function lenientOracle(value: string | undefined): number | null {
  if (value === undefined || value.length > 2000) return null;
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !Object.hasOwn(data, 's')) return null;
  const s = (data as { s: unknown }).s;
  return validId(s) ? (s as number) : null;
}

function retrySafely(value: string | undefined): number | null {
  let out: number | null | undefined;
  expect(() => (out = parseRetryValue(value))).not.toThrow();
  expect(out === null || validId(out)).toBe(true);
  expect(out).toBe(lenientOracle(value));
  expect(({} as Record<string, unknown>).s).toBeUndefined(); // nothing leaked onto Object.prototype
  return out!;
}

const protoKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf');

describe('parseRetryValue never throws and accepts only {"s":<1..2^31-1>}', () => {
  it('arbitrary strings (ASCII, Unicode, UTF-16 units) and undefined', () => {
    expect(parseRetryValue(undefined)).toBeNull();
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), (s) => void retrySafely(s)),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => void retrySafely(s)),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: utf16Unit, maxLength: 300 }), (s) => void retrySafely(s)),
      { numRuns: 500 },
    );
  });

  it('any JSON value that is not an object with an own numeric s in range → null', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => void retrySafely(JSON.stringify(v))),
      { numRuns: 2000 },
    );
  });

  it('objects whose s is anything: numbers as strings, floats, out of range, nested, arrays, booleans', () => {
    const sValue = fc.oneof(
      fc.integer({ min: 1, max: MAX_ID }),
      fc.integer({ min: -MAX_ID, max: 0 }),
      fc.bigInt({ min: BigInt(MAX_ID) + 1n, max: 10n ** 30n }).map((b) => Number(b)),
      fc.double(),
      fc.integer({ min: 1, max: MAX_ID }).map(String),
      fc.constant(null),
      fc.boolean(),
      fc.jsonValue(),
      fc.integer({ min: 1, max: MAX_ID }).map((n) => ({ s: n })),
      fc.integer({ min: 1, max: MAX_ID }).map((n) => [n]),
    );
    fc.assert(
      fc.property(sValue, (s) => {
        const text = JSON.stringify({ s });
        const got = retrySafely(text);
        if (typeof s === 'number' && validId(s)) expect(got).toBe(s);
        else expect(got).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it('prototype-pollution keys never yield an id or pollute Object.prototype', () => {
    fc.assert(
      fc.property(protoKey, fc.integer({ min: 1, max: MAX_ID }), fc.boolean(), (key, n, nested) => {
        const text = nested ? `{"${key}":{"s":${n}}}` : `{"${key}":{"s":${n}},"x":1}`;
        expect(retrySafely(text)).toBeNull();
        expect(retrySafely(`{"constructor":{"prototype":{"s":${n}}}}`)).toBeNull();
      }),
      { numRuns: 300 },
    );
    expect(retrySafely('{"__proto__":{"s":5}}')).toBeNull();
    expect(Object.prototype).not.toHaveProperty('s');
  });

  it('oversized values → null, even when they hold a valid id', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2001, max: 20_000 }), fc.integer({ min: 1, max: MAX_ID }), (len, n) => {
        const core = `{"s":${n}}`;
        expect(retrySafely(core + ' '.repeat(len - core.length))).toBeNull();
        expect(retrySafely(`{"s":${n},"pad":"${'x'.repeat(len)}"}`)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('table: the boundaries', () => {
    expect(parseRetryValue('{"s":1}')).toBe(1);
    expect(parseRetryValue('{"s":2147483647}')).toBe(MAX_ID);
    for (const v of [
      '{"s":0}',
      '{"s":-1}',
      '{"s":2147483648}',
      '{"s":1.5}',
      '{"s":"85"}',
      '{"s":null}',
      '{"s":1e400}',
      '{"s":[85]}',
      '{"s":{"s":85}}',
      '[{"s":85}]',
      '85',
      '"85"',
      'null',
      '',
      '{',
      '{"S":85}',
      '{ "s" : 85',
      "{'s':85}",
    ]) {
      expect(parseRetryValue(v), v).toBeNull();
    }
  });

  // The contract is "the value carries ids only": a value such as {"s":85,"x":"anything"} is none this app
  // produces, so it is refused rather than read as service 85 with the extra keys stripped.
  it('a value with keys besides "s" → null', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_ID }),
        fc.string({ minLength: 1, maxLength: 10 }).filter((k) => k !== 's'),
        fc.jsonValue(),
        (n, key, extra) => {
          expect(parseRetryValue(JSON.stringify({ s: n, [key]: extra }))).toBeNull();
        },
      ),
      { numRuns: 50 },
    );
  });
});
