import { describe, expect, it } from 'vitest';
import {
  clamp,
  errorSnippet,
  escapeMrkdwn,
  formatDuration,
  formatUtc,
  inline,
  threadLink,
  userRef,
} from '../../../src/slack/messages/format.js';
import { snippet } from '../../../src/sync/snippet.js';
import { cut } from '../../../src/sync/text.js';
import { parseRetryValue, RETRY_ACTION_PATTERN, retryActionId, retryValue } from '../../../src/slack/messages/index.js';

describe('format', () => {
  it.each([
    ['a & b <c>', 'a &amp; b &lt;c&gt;'],
    ['plain', 'plain'],
  ])('escapes %s', (input, out) => expect(escapeMrkdwn(input)).toBe(out));

  it('clamps on a grapheme and marks the cut', () => {
    expect(clamp('abcdef', 6)).toBe('abcdef');
    expect(clamp('abcdef', 4)).toBe('abc…');
    const family = '👨‍👩‍👧';
    const out = clamp(`ab${family}cd`, 5);
    expect(out).toBe('ab…');
    expect(out.length).toBeLessThanOrEqual(5);
  });

  it.each([
    ['abc', 5],
    ['abcde', 5],
    ['abcdef', 5],
    ['👨‍👩‍👧'.repeat(10), 4],
    ['e\u0301'.repeat(10), 3],
  ])('cut(%s, %i) keeps at most max graphemes', (text, max) => {
    const out = cut(text, max);
    expect([...new Intl.Segmenter().segment(out)].length).toBeLessThanOrEqual(max);
    expect(out === text || out.endsWith('…')).toBe(true);
  });

  it.each([
    ['fits exactly', 'abcde', 5, 'graphemes', 'abcde'],
    ['one grapheme over', 'abcdef', 5, 'graphemes', 'abcd…'],
    ['a family emoji is 1 grapheme but 8 units', '👨‍👩‍👧'.repeat(3), 3, 'graphemes', '👨‍👩‍👧'.repeat(3)],
    ['the same, counted in units', 'ab👨‍👩‍👧cd', 9, 'utf16', 'ab…'],
    ['units: fits exactly', 'abcdef', 6, 'utf16', 'abcdef'],
    ['nothing left but the mark', 'abc', 0, 'graphemes', '…'],
  ] as const)('cut: %s', (_name, text, max, measure, out) => expect(cut(text, max, measure)).toBe(out));

  it('inline makes one safe line', () => {
    expect(inline('a\n\tb\u0000 <x> cal_live_secret')).toBe('a b &lt;x&gt; [redacted]');
    expect(inline('   ')).toBe('—');
    expect([...new Intl.Segmenter().segment(inline('é'.repeat(500), 150))]).toHaveLength(150);
  });

  it.each([
    [new Date('2026-11-24T09:00:59.999Z'), '2026-11-24 09:00 UTC'],
    [new Date('2026-03-29T01:30:00+02:00'), '2026-03-28 23:30 UTC'],
    [null, '—'],
    [new Date(Number.NaN), '—'],
  ])('formatUtc(%s)', (date, out) => expect(formatUtc(date)).toBe(out));

  it('formatUtc to the second (the CLI) and with its own word for none', () => {
    expect(formatUtc(new Date('2026-11-24T09:00:59.999Z'), '—', 'second')).toBe('2026-11-24 09:00:59 UTC');
    expect(formatUtc(null, 'never')).toBe('never');
  });

  it.each([
    [850, '850 ms'],
    [42_000, '42 s'],
    [192_000, '3 min 12 s'],
    [120_000, '2 min'],
    [3_900_000, '1 h 5 min'],
    [-1, '—'],
  ])('formatDuration(%i)', (ms, out) => expect(formatDuration(ms)).toBe(out));

  it.each([
    ['U0123ABC', '<@U0123ABC>'],
    ['W0123ABC', '<@W0123ABC>'],
    ['cli:anna', 'cli:anna'],
    ['<!channel>', '&lt;!channel&gt;'],
  ])('userRef(%s)', (user, out) => expect(userRef(user)).toBe(out));

  it('threadLink only for well-formed ids', () => {
    expect(threadLink('C0123', '1732438800.123456', 'this thread')).toBe(
      '<https://slack.com/archives/C0123/p1732438800123456|this thread>',
    );
    expect(threadLink('C0123|x', '1732438800.123456', 't')).toBeNull();
    expect(threadLink('C0123', '1732438800', 't')).toBeNull();
  });
});

describe('retry value', () => {
  it.each([85, 1, 2 ** 31 - 1])('round-trips %i', (id) => expect(parseRetryValue(retryValue(id))).toBe(id));

  it.each(['', 'x', '85', '{"s":"85"}', '{"s":0}', '{"s":-1}', '{"s":1.5}', `{"s":${2 ** 31}}`, '{}', 'null', undefined])(
    'rejects %s',
    (value) => expect(parseRetryValue(value)).toBeNull(),
  );

  it('action ids', () => {
    expect(RETRY_ACTION_PATTERN.test('calsync_retry')).toBe(true);
    expect(RETRY_ACTION_PATTERN.test(retryActionId(85))).toBe(true);
    expect(RETRY_ACTION_PATTERN.test('calsync_retry_all')).toBe(false);
    expect(RETRY_ACTION_PATTERN.test('calsync_all_confirm')).toBe(false);
  });
});

describe('errorSnippet', () => {
  const family = '👨‍👩‍👧';
  it.each([
    ['short', 'Cal.com API error 400: bad'],
    ['long', `Cal.com API error 502: ${'<html>'.repeat(3000)}`],
    ['key at the cut', `${'x '.repeat(499)}cal_live_${'k'.repeat(3000)}`],
    ['whitespace bomb', `Cal.com API error 500:${' '.repeat(5000)}tail`],
    ['whitespace then long', `a${'\n'.repeat(999)}${'b'.repeat(5000)}`],
    ['emoji', family.repeat(2000)],
    ['combining marks', 'e\u0301'.repeat(3000)],
    ['backticks', '`code` '.repeat(1000)],
  ])('equals snippet() for %s', (_name, error) => {
    expect(errorSnippet(error)).toBe(snippet(error));
  });

  // How fast a long error is cut belongs to `npm run bench`; this pins what comes out.
  it('a 20,000-character error becomes one line of at most 100 characters ending in …', () => {
    const out = errorSnippet(`Cal.com API error 502: ${'détail\n'.repeat(3000)}`);
    expect(out).toMatch(/^Cal\.com API error 502: détail détail .*…$/);
    expect([...new Intl.Segmenter().segment(out)]).toHaveLength(100);
  });
});
