import { describe, expect, it } from 'vitest';
import type { SyncOutcome } from '../../../src/sync/types.js';
import { snippet } from '../../../src/sync/snippet.js';
import { bulkSummaryMessage, parseRetryValue, RETRY_ACTION_ID, syncResultMessage } from '../../../src/slack/messages/index.js';
import {
  API_KEY,
  buttons,
  codeSpans,
  expectWellFormed,
  failed,
  graphemeCount,
  LONG_NAME,
  outcome,
  recreated,
  texts,
  LOCALES,
} from './fixtures.js';

describe.each(LOCALES)('syncResultMessage (%s)', (locale) => {
  it.each(['created', 'updated', 'unchanged', 'adopted'] as const)('%s', (kind) => {
    const msg = syncResultMessage(outcome(kind), locale);
    expectWellFormed(msg);
    expect(buttons(msg)).toEqual([]);
    expect(msg).toMatchSnapshot();
  });

  it('unchanged says it was already in sync', () => {
    const msg = syncResultMessage(outcome('unchanged'), locale);
    expect(texts(msg)).toMatch(locale === 'de' ? /unverändert[\s\S]*Bereits synchron/ : /unchanged[\s\S]*Already in sync/);
  });

  it('updated lists what changed, old → new, escaped, in blocks and the fallback text', () => {
    const changes = [
      { field: 'lengthInMinutes' as const, from: 45, to: 60 },
      { field: 'title' as const, from: 'Old <!channel>', to: 'x'.repeat(5000) },
    ];
    const msg = syncResultMessage({ ...outcome('updated'), changes } as SyncOutcome, locale);
    expectWellFormed(msg);
    expect(texts(msg)).toContain('• `lengthInMinutes` `45` → `60`');
    expect(msg.text).toContain('lengthInMinutes 45 → 60');
    expect(texts(msg)).not.toContain('<!channel>');
    expect(msg.text).not.toContain('<!channel>');
    expect(msg).toMatchSnapshot();
  });

  it('recreated names the old event type', () => {
    const msg = syncResultMessage(recreated(), locale);
    expectWellFormed(msg);
    expect(texts(msg)).toContain('3757698');
    expect(msg.text).toContain('3757698');
    expect(msg).toMatchSnapshot();
  });

  it('failed shows the snippet in a code span and a Retry button', () => {
    const msg = syncResultMessage(failed(), locale);
    expectWellFormed(msg);
    expect(msg).toMatchSnapshot();
    const [retry, ...others] = buttons(msg);
    expect(others).toEqual([]);
    expect(retry?.action_id).toBe(RETRY_ACTION_ID);
    expect(parseRetryValue(retry?.value)).toBe(85);
  });

  it('shows the Event Type ID as plain digits', () => {
    const msg = syncResultMessage(outcome('updated'), locale);
    expect(texts(msg)).toMatch(/\n3757698(\n|$)/);
    expect(texts(msg)).not.toMatch(/3[.,]757[.,]698/);
  });

  it('cuts a 10,000-character error to a ≤ 100-character snippet inside backticks, key redacted', () => {
    const error = `Cal.com API error 500: Authorization: Bearer ${API_KEY} ${'x'.repeat(10_000)}`;
    const msg = syncResultMessage(failed({ error, serviceName: LONG_NAME.repeat(3) }), locale);
    expectWellFormed(msg);
    const spans = codeSpans(texts(msg));
    expect(spans).toHaveLength(1);
    expect(graphemeCount(spans[0] ?? '')).toBeLessThanOrEqual(100);
    expect(spans[0]).toBe(snippet(error));
    expect(spans[0]).toContain('[redacted]');
    expect(msg.text).not.toContain(API_KEY);
  });

  it('never shows a key from the error text or the service name', () => {
    const msg = syncResultMessage(
      failed({ error: `Cal.com API error 401: invalid key ${API_KEY}`, serviceName: `Cut ${API_KEY}` }),
      locale,
    );
    expectWellFormed(msg);
  });

  it('uses the given Retry value, ids only', () => {
    const value = '{ "s": 85 }'; // given as is; values carry ids only (a strict schema refuses anything else)
    const msg = syncResultMessage(failed(), locale, { retryValue: value });
    expect(buttons(msg)[0]?.value).toBe(value);
    expect(parseRetryValue(value)).toBe(85);
  });

  it('falls back to the default value when the given one is beyond 2000 characters', () => {
    const msg = syncResultMessage(failed(), locale, { retryValue: 'x'.repeat(2001) });
    expect(buttons(msg)[0]?.value).toBe('{"s":85}');
  });

  it('escapes mrkdwn in names, so a service cannot ping the channel', () => {
    const msg = syncResultMessage({ ...outcome('created'), serviceName: '<!channel> & <@U999>' }, locale);
    expect(JSON.stringify(msg)).not.toContain('<!channel>');
    expect(texts(msg)).toContain('&lt;!channel&gt; &amp; &lt;@U999&gt;');
  });

  it('a failure before any attempt does not say "after 0 attempts"', () => {
    const msg = syncResultMessage(failed({ attempts: 0, httpStatus: null, eventTypeId: null }), locale);
    expect(msg.text).not.toMatch(/ 0 /);
    expect(msg).toMatchSnapshot();
  });
});

describe('syncResultMessage wording', () => {
  it.each([
    ['en', 'updated', 'Service synced with Cal.com (updated)'],
    ['de', 'updated', 'Dienstleistung mit Cal.com synchronisiert (aktualisiert)'],
    ['de', 'created', 'Dienstleistung mit Cal.com synchronisiert (erstellt)'],
    ['de', 'adopted', 'Dienstleistung mit Cal.com synchronisiert (verknüpft)'],
  ] as const)('%s %s → %s', (locale, kind, phrase) => {
    expect(syncResultMessage(outcome(kind), locale).text).toContain(phrase);
  });

  it.each([
    ['en', 3, 'Sync failed after 3 attempts'],
    ['en', 1, 'Sync failed after 1 attempt'],
    ['de', 3, 'Synchronisierung fehlgeschlagen nach 3 Versuchen'],
    ['de', 1, 'Synchronisierung fehlgeschlagen nach 1 Versuch'],
  ] as const)('%s failure after %i', (locale, attempts, phrase) => {
    const msg = syncResultMessage(failed({ attempts }), locale);
    expect(msg.text).toContain(phrase);
    expect(msg.text).not.toContain(`${phrase}e`);
  });

  it.each([
    ['en', 'Old event type 3757698 was gone'],
    ['de', 'Der alte Event-Type 3757698 existierte nicht mehr'],
  ] as const)('%s recreated', (locale, phrase) => {
    expect(texts(syncResultMessage(recreated(), locale))).toContain(phrase);
  });
});

describe("a row refused before any API call reads in the reader's language", () => {
  const invalid = failed({
    attempts: 0,
    httpStatus: null,
    error: 'Invalid service 85: name must be at most 500 characters (is 600)',
    invalid: { rule: 'too-long', column: 'name', limit: 500, actual: 600 },
  });

  it.each([
    ['en', 'Invalid service 85: name must be at most 500 characters (is 600)'],
    ['de', 'Ungültige Dienstleistung 85: Der Name darf höchstens 500 Zeichen lang sein (ist 600)'],
  ] as const)('%s: in the result and in a bulk summary', (locale, said) => {
    const msg = syncResultMessage(invalid, locale);
    expectWellFormed(msg);
    expect(texts(msg)).toContain(said);
    expect(msg.text).toContain(said);
    const failures = [{ serviceId: 85, serviceName: 'A', error: invalid.error, attempts: 0, invalid: invalid.invalid }];
    const summary = bulkSummaryMessage(
      { label: 'all', total: 1, counts: { failed: 1 }, failures, requestedBy: 'U0123ABC', durationMs: 1 },
      locale,
    );
    expect(texts(summary)).toContain(said);
  });
});
