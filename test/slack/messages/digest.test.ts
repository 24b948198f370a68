import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../../src/digest/compose.js';
import { digestMessage, parseRetryValue, RETRY_ACTION_PATTERN } from '../../../src/slack/messages/index.js';
import { checkBlockKitLimits } from './block-kit.js';
import { digestWith, failing, NOW, synced } from '../../digest/fixtures.js';
import { buttons, codeSpans, expectWellFormed, graphemeCount, LONG_NAME, texts, LOCALES } from './fixtures.js';

const PREVIOUS = { synced: 5, error: 1, neverSynced: 1, stale: 2, total: 9 };
/** Header, counts, context and the failures heading leave 46 blocks; past that one goes to "and N more". */
const SHOWN_WHEN_CUT = 45;

describe.each(LOCALES)('digest message (%s)', (locale) => {
  it.each([0, 1, 46, 47, 49, 50, 5000])('%i failing services stay within Block Kit limits', (n) => {
    const msg = digestMessage(digestWith(n), locale);
    expectWellFormed(msg);
    expect(checkBlockKitLimits(msg)).toEqual([]);
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
    const shown = n <= 46 ? n : SHOWN_WHEN_CUT;
    const retries = buttons(msg);
    expect(retries).toHaveLength(shown);
    // Newest attempt first: the fixture's ids ascend with age.
    retries.forEach((b, i) => {
      expect(b.action_id).toMatch(RETRY_ACTION_PATTERN);
      expect(parseRetryValue(b.value)).toBe(100 + i);
    });
    expect(new Set(retries.map((b) => b.action_id)).size).toBe(shown);
    for (const span of codeSpans(texts(msg)).filter((s) => s !== '/calsync failed')) expect(graphemeCount(span)).toBeLessThanOrEqual(100);
    const more = locale === 'en' ? `and ${n - shown} more: \`/calsync failed\`` : `und ${n - shown} weitere: \`/calsync failed\``;
    if (n > shown) expect(texts(msg)).toContain(more);
    else expect(texts(msg)).not.toContain('/calsync failed');
  });

  it('snapshot: failures with changes since the previous digest', () => {
    const msg = digestMessage(digestWith(3, PREVIOUS), locale);
    expectWellFormed(msg);
    expect(texts(msg)).toContain(`3 (+2)`);
    expect(msg).toMatchSnapshot();
  });

  it('snapshot: the first digest, nothing failing but some stale', () => {
    const msg = digestMessage(digestWith(0), locale);
    expect(msg).toMatchSnapshot();
  });

  it('snapshot: a quiet day is a one-line all-clear', () => {
    const digest = composeDigest({ services: [synced(1), synced(2), synced(3)], previous: PREVIOUS, localDate: '2026-11-24', now: NOW });
    const msg = digestMessage(digest, locale);
    expectWellFormed(msg);
    expect(msg.blocks.filter((b) => b.type === 'section')).toHaveLength(1);
    expect(texts(msg)).toContain(
      locale === 'en' ? 'All 3 services are in sync with Cal.com ✅' : 'Alle 3 Dienstleistungen sind mit Cal.com synchron ✅',
    );
    expect(msg).toMatchSnapshot();
  });

  it('an empty catalogue is said so', () => {
    const msg = digestMessage(composeDigest({ services: [], previous: null, localDate: '2026-11-24', now: NOW }), locale);
    expectWellFormed(msg);
    expect(msg.text).toMatch(locale === 'en' ? /no services yet/ : /noch keine Dienstleistungen/);
  });

  it('escapes names and never shows a secret', () => {
    const evil = { ...failing(7), name: `<!channel> ${LONG_NAME}` };
    const msg = digestMessage(composeDigest({ services: [evil], previous: null, localDate: '2026-11-24', now: NOW }), locale);
    expectWellFormed(msg);
    expect(texts(msg)).not.toContain('<!channel>');
    expect(texts(msg)).toContain('[redacted]');
  });
});

describe('digest text fallback', () => {
  it.each([
    ['en', 'calsync digest 2026-11-24: 3 failing, 2 stale, 1 never synced, 3 in sync'],
    ['de', 'calsync-Digest 2026-11-24: 3 fehlerhaft, 2 veraltet, 1 nie synchronisiert, 3 synchron'],
  ] as const)('%s', (locale, text) => {
    expect(digestMessage(digestWith(3), locale).text).toBe(text);
  });

  it('leaves out states with nothing in them, but always says how many are in sync', () => {
    const digest = composeDigest({ services: [failing(1), synced(2)], previous: null, localDate: '2026-11-24', now: NOW });
    expect(digestMessage(digest, 'en').text).toBe('calsync digest 2026-11-24: 1 failing, 1 in sync');
  });

  it('a quiet day', () => {
    const digest = composeDigest({ services: [synced(1), synced(2)], previous: null, localDate: '2026-11-24', now: NOW });
    expect(digestMessage(digest, 'en').text).toBe('calsync digest 2026-11-24: All 2 services are in sync with Cal.com ✅');
  });
});
