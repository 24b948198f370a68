// The digest as text (`calsync digest --print`, the Slack notification line) and the "unknown status" count.
import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../src/digest/compose.js';
import { digestSummary, digestText } from '../../src/digest/print.js';
import { t } from '../../src/i18n/index.js';
import { digestMessage } from '../../src/slack/messages/index.js';
import { failing, neverSynced, NOW, synced } from './fixtures.js';

const compose = (services: Parameters<typeof composeDigest>[0]['services']) =>
  composeDigest({ services, previous: null, localDate: '2026-11-24', now: NOW });

describe('digestText', () => {
  it('prints catalogue and Cal.com text without control or format characters', () => {
    const osc52 = '\u001b]52;c;cm0gLXJmIH4=\u0007';
    const name = `Färben ${osc52}\u202Eevil\u200B \u009b31m`;
    const error = `Cal.com API error 500: ${osc52} \u001b[2J\u001b[31mred\r\u0008 \u2066x\u2069`;
    const text = digestText(compose([synced(1), { ...failing(2), name, syncError: error }]), t('en'));
    expect(text).toContain('Färben');
    expect(text).toContain('Cal.com API error 500:');
    expect(text.replace(/\n/g, '')).not.toMatch(/\p{Cc}/u);
    expect(text).not.toMatch(/\p{Cf}/u);
  });

  it('counts a sync_status calsync cannot read as "unknown status", not as never synced', () => {
    const digest = compose([synced(1), { ...neverSynced(2), syncStatus: 'unknown', syncStatusRaw: 'weird' }]);
    expect(digestSummary(digest, t('en'))).toBe('calsync digest 2026-11-24: 1 with an unknown status, 1 in sync');
    expect(digestText(digest, t('en'))).toContain('  Unknown status: 1');
    expect(digestText(digest, t('en'))).toContain('  Never synced: 0');
    expect(digestSummary(digest, t('de'))).toContain('1 mit unbekanntem Status');
    const fields = JSON.stringify(digestMessage(digest, 'en').blocks);
    expect(fields).toContain('Unknown status*\\n1');
    // While every status is readable the digest has no such line.
    const readable = compose([synced(1), neverSynced(2)]);
    expect(digestText(readable, t('en'))).not.toContain('Unknown');
    expect(JSON.stringify(digestMessage(readable, 'en').blocks)).not.toContain('Unknown');
  });
});
