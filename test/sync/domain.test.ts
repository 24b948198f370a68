// The pure rules, table by table: slugs, payload, decision, failure classes, backoff, snippet.
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/sync/classify.js';
import { invalidReason, payloadFor } from '../../src/sync/payload.js';
import { defaultRetryPolicy, delayBefore } from '../../src/sync/retry.js';
import { slugFor } from '../../src/sync/slug.js';
import { redact } from '../../src/lib/redact.js';
import { snippet } from '../../src/sync/snippet.js';
import { outcomeWord } from '../../src/i18n/index.js';
import { aService } from '../support/services.js';

describe('slugFor', () => {
  it.each([
    [85, 'Ansatz + Längenausgleich', 'ansatz-langenausgleich-85'],
    [1, 'Öl & Über-Größe', 'ol-uber-grosse-1'],
    [2, 'Fußpflege', 'fusspflege-2'],
    [3, 'Crème brûlée Façade', 'creme-brulee-facade-3'],
    [4, 'Nägel 💅 Deluxe ✨', 'nagel-deluxe-4'],
    [5, '!!! ??? ...', 'service-5'],
    [6, '💅💅', 'service-6'],
    [7, '  --Haarschnitt--  ', 'haarschnitt-7'],
    [8, 'Herrenschnitt (kurz), mit Waschen/Föhnen', 'herrenschnitt-kurz-mit-waschen-fohnen-8'],
    [9, 'ÆØÅ Ñandú', 'aeoa-nandu-9'],
    [10, 'KeratinBehandlung', 'keratinbehandlung-10'],
  ])('%i %j → %s', (id, name, slug) => {
    expect(slugFor({ id, name })).toBe(slug);
  });

  it('keeps very long names readable and bounded, never ending in "-" before the id', () => {
    const slug = slugFor({ id: 2147483647, name: 'Sehr langer Dienstleistungsname '.repeat(40) });
    expect(slug.length).toBeLessThanOrEqual(60 + 1 + 10);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*-2147483647$/);
  });

  it('two services with the same name get different slugs; the same service always the same', () => {
    expect(slugFor({ id: 1, name: 'Schnitt' })).not.toBe(slugFor({ id: 2, name: 'Schnitt' }));
    expect(slugFor({ id: 1, name: 'Schnitt' })).toBe(slugFor({ id: 1, name: 'Schnitt' }));
  });
});

describe('payloadFor', () => {
  it('sends only fields Cal.com accepts: no price, no currency; hidden = not active', () => {
    const p = payloadFor(
      aService({
        id: 85,
        name: 'Ansatz + Längenausgleich',
        durationMinutes: 45,
        description: 'Farbe',
        priceCents: 4500,
        currency: 'EUR',
        active: false,
      }),
    );
    expect(p).toEqual({
      title: 'Ansatz + Längenausgleich',
      slug: 'ansatz-langenausgleich-85',
      lengthInMinutes: 45,
      description: 'Farbe',
      hidden: true,
    });
  });

  it.each([
    [{ name: '', durationMinutes: 30 }, /no name/],
    [{ name: 'x', durationMinutes: 0 }, /duration/],
    [{ name: 'x', durationMinutes: -5 }, /duration/],
    [{ name: 'x', durationMinutes: 12.5 }, /duration/],
    [{ name: 'x', durationMinutes: 1 }, null],
  ])('invalidReason(%j)', (s, expected) => {
    const reason = invalidReason(s);
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toMatch(expected);
  });
});

describe('classify', () => {
  const f = (status: number, apiMessage?: string, retryable = status === 429 || status >= 500 || status === 0) => ({
    status,
    apiMessage,
    message: `Cal.com API error ${status}`,
    retryable,
  });
  it.each([
    [f(500), 'retryable'],
    [f(503), 'retryable'],
    [f(429), 'retryable'],
    [f(0), 'retryable'],
    [f(404, 'Event type with id 3757698 not found'), 'entity-not-found'],
    [f(404, 'Cannot PATCH /v2/event-types/3757698'), 'fatal'],
    [f(400, 'User already has an event type with this slug.'), 'duplicate-slug'],
    [f(400, 'error_event_type_url_duplicate'), 'duplicate-slug'],
    [f(400, 'Team event type with this slug already exists.'), 'duplicate-slug'],
    [f(400, 'Event type to update not found'), 'entity-not-found'],
    [f(0, undefined, false), 'fatal'], // the limiter's Redis not answering: nothing was sent, and it already waited
    [f(400, 'lengthInMinutes must be an integer'), 'fatal'],
    [f(401, 'ApiAuthStrategy - api key - Your api key is not valid'), 'fatal'],
    [f(403), 'fatal'],
    [f(422), 'fatal'],
  ])('%j → %s', (failure, cls) => expect(classify(failure)).toBe(cls));
});

describe('delayBefore', () => {
  const fail500 = { status: 500, message: 'x', retryable: true };
  it('grows exponentially with jitter inside [ceiling/2, ceiling]', () => {
    expect(delayBefore(1, fail500, defaultRetryPolicy, () => 0)).toBe(250);
    expect(delayBefore(1, fail500, defaultRetryPolicy, () => 0.999)).toBeLessThanOrEqual(500);
    expect(delayBefore(2, fail500, defaultRetryPolicy, () => 0)).toBe(500);
    expect(delayBefore(3, fail500, defaultRetryPolicy, () => 0)).toBe(1000);
    expect(delayBefore(30, fail500, defaultRetryPolicy, () => 1)).toBeLessThanOrEqual(defaultRetryPolicy.maxMs);
  });
  it('on 429 waits what Cal.com said', () => {
    expect(delayBefore(1, { status: 429, message: 'x', retryable: true, retryAfterSeconds: 42 }, defaultRetryPolicy, () => 0)).toBe(42_000);
  });
});

describe('snippet', () => {
  it('is at most 100 characters and ends in … when cut', () => {
    const s = snippet(`Cal.com API error 400: ${'x'.repeat(300)}`);
    expect([...s]).toHaveLength(100);
    expect(s.endsWith('…')).toBe(true);
  });
  it('leaves short text alone', () => expect(snippet('Cal.com timed out after 10 s')).toBe('Cal.com timed out after 10 s'));
  it('never splits a character: emoji, flags and combining marks stay whole', () => {
    for (const unit of ['👩‍👩‍👧', '🇩🇪', 'a\u0308', 'ß']) {
      const s = snippet(unit.repeat(150));
      const segments = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(s)].map((x) => x.segment);
      expect(segments).toHaveLength(100);
      expect(segments.slice(0, 99).every((g) => g === unit)).toBe(true);
      expect(s.isWellFormed()).toBe(true);
    }
  });
  it('redacts API keys and bearer tokens', () => {
    const s = snippet('Cal.com API error 401: key cal_live_abcdef123456 and Bearer cal_abc.def rejected');
    expect(s).not.toMatch(/cal_live_abcdef|cal_abc/);
    expect(s).toContain('[redacted]');
    expect(redact('token supersecretvalue here', ['supersecretvalue'])).toBe('token [redacted] here');
    expect(redact('connect postgres://calsync:hunter2@db:5432/x and redis://:pw@r:6379')).toBe(
      'connect postgres://calsync:[redacted]@db:5432/x and redis://:[redacted]@r:6379',
    );
  });
  it('is one line without backticks, so it sits safely in a code span', () => {
    expect(snippet('line one\nline `two`')).toBe("line one line 'two'");
  });
});

describe('outcome words', () => {
  it.each([
    ['created', 'erstellt'],
    ['updated', 'aktualisiert'],
    ['unchanged', 'unverändert'],
    ['recreated', 'neu erstellt'],
    ['adopted', 'verknüpft'],
    ['failed', 'fehlgeschlagen'],
  ] as const)('%s / %s', (en, de) => {
    expect(outcomeWord(en, 'en')).toBe(en);
    expect(outcomeWord(en, 'de')).toBe(de);
  });
});
