import { describe, expect, it } from 'vitest';
import {
  bulkProgressMessage,
  bulkSummaryMessage,
  parseRetryValue,
  progressBar,
  RETRY_ACTION_PATTERN,
  type BulkFailure,
} from '../../../src/slack/messages/index.js';
import { API_KEY, buttons, codeSpans, expectWellFormed, graphemeCount, LONG_NAME, texts, LOCALES } from './fixtures.js';

function failures(n: number): BulkFailure[] {
  return Array.from({ length: n }, (_, i) => ({
    serviceId: 100 + i,
    serviceName: i % 2 === 0 ? `Service ${100 + i}` : LONG_NAME,
    error: `Cal.com API error 422: ${API_KEY} ${'detail '.repeat(2000)}`,
    attempts: i % 3 === 0 ? 1 : 3,
  }));
}

function summary(n: number, locale: 'en' | 'de') {
  return bulkSummaryMessage(
    {
      label: n > 0 ? 'failed' : 'all',
      total: 250,
      counts: { updated: 250 - n, failed: n },
      failures: failures(n),
      requestedBy: 'U0123ABC',
      durationMs: 192_000,
    },
    locale,
  );
}

describe('progressBar', () => {
  it.each([
    [0, 10, '░░░░░░░░░░ 0 %'],
    [4, 10, '▓▓▓▓░░░░░░ 40 %'],
    [9, 10, '▓▓▓▓▓▓▓▓▓░ 90 %'],
    [199, 200, '▓▓▓▓▓▓▓▓▓░ 99 %'],
    [10, 10, '▓▓▓▓▓▓▓▓▓▓ 100 %'],
    [12, 10, '▓▓▓▓▓▓▓▓▓▓ 100 %'],
    [0, 0, '▓▓▓▓▓▓▓▓▓▓ 100 %'],
  ])('%i of %i', (done, total, bar) => {
    expect(progressBar(done, total)).toBe(bar);
  });
});

describe.each(LOCALES)('bulk messages (%s)', (locale) => {
  it('progress', () => {
    const msg = bulkProgressMessage(
      { label: 'all', done: 4, total: 10, counts: { updated: 3, failed: 1 }, requestedBy: 'U0123ABC' },
      locale,
    );
    expectWellFormed(msg);
    expect(msg.text).toContain('▓▓▓▓░░░░░░ 40 %');
    expect(msg).toMatchSnapshot();
  });

  it('progress at the start, with no counts yet', () => {
    const msg = bulkProgressMessage({ label: 'failed', done: 0, total: 3, counts: {}, requestedBy: 'U0123ABC' }, locale);
    expectWellFormed(msg);
    expect(msg).toMatchSnapshot();
  });

  it.each([0, 1, 20, 200])('summary with %i failures', (n) => {
    const msg = summary(n, locale);
    expectWellFormed(msg);
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
    const retries = buttons(msg);
    expect(retries.length).toBe(Math.min(n, 46));
    for (const [i, b] of retries.entries()) {
      expect(b.action_id).toMatch(RETRY_ACTION_PATTERN);
      expect(parseRetryValue(b.value)).toBe(100 + i);
    }
    for (const span of codeSpans(texts(msg))) expect(graphemeCount(span)).toBeLessThanOrEqual(100);
    const more = locale === 'en' ? `and ${n - 46} more: \`/calsync status\`` : `und ${n - 46} weitere: \`/calsync status\``;
    if (n > 47) expect(texts(msg)).toContain(more);
    else expect(texts(msg)).not.toContain('/calsync status');
    if (n <= 20) expect(msg).toMatchSnapshot();
  });

  it('uses every block it has: 47 failures fit without the "more" line, 48 do not', () => {
    const make = (n: number) =>
      bulkSummaryMessage(
        { label: 'failed', total: n, counts: { failed: n }, failures: failures(n), requestedBy: 'U0123ABC', durationMs: 1 },
        locale,
      );
    expect(buttons(make(47))).toHaveLength(47);
    expect(make(47).blocks).toHaveLength(50);
    expect(buttons(make(48))).toHaveLength(46);
    expect(make(48).blocks).toHaveLength(50);
  });

  it('gives a service listed twice distinct action ids', () => {
    const twice = [...failures(1), ...failures(1)];
    const msg = bulkSummaryMessage(
      { label: 'failed', total: 2, counts: { failed: 2 }, failures: twice, requestedBy: 'U0123ABC', durationMs: 1 },
      locale,
    );
    expectWellFormed(msg);
  });
});
