// Every builder, fed catalogue and Cal.com text written by an attacker: nothing may ping, link, reformat
// or hide in Slack, neither in the blocks nor in the fallback `text` (notifications, `response_url`).
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/i18n/index.js';
import type { Digest } from '../../../src/digest/compose.js';
import type { SyncOutcome } from '../../../src/sync/types.js';
import {
  alreadyRunningMessage,
  bulkProgressMessage,
  bulkSummaryMessage,
  confirmAllMessage,
  diffMessage,
  digestMessage,
  importSummaryMessage,
  invalidInputMessage,
  parentMessage,
  replaceRetryButton,
  retryingMessage,
  settleRetryLine,
  statusCard,
  syncResultMessage,
  unknownServiceMessage,
  usageMessage,
  withNotInChannelHint,
  type SlackMessage,
} from '../../../src/slack/messages/index.js';
import { couldNotRunMessage, retryNotStartedMessage } from '../../../src/slack/messages/trouble.js';
import { expectWellFormed, failed, NOW, outcome, run, service } from './fixtures.js';

/** Control and format characters, first in an error so they fall inside its 100-character snippet. */
const CONTROLS = '\u202Eevil\u202C zero\u200Bwidth\u2060joined\uFEFF bell\u0007esc\u001b]52;c;aGk=\u0007 \u009b31m';

const HOSTILE = [
  '<!channel>',
  '<!here|here>',
  '<@U123>',
  '<#C123>',
  '<https://evil.example|Re-login here>',
  'a & b',
  '`code` ends ``` here',
  '*bold*',
  '_italic_',
  '~strike~',
  CONTROLS,
].join(' ');

const FORBIDDEN_RAW = ['<!channel>', '<!here', '<@U123>', '<#C123>', '<https://evil.example', '*bold*', '_italic_', '~strike~'];

/** Every mrkdwn or plain text a message carries, the fallback first. */
function allTexts(msg: SlackMessage): string[] {
  const out = [msg.text];
  for (const block of msg.blocks) {
    const b = block as { text?: { text: string }; fields?: Array<{ text: string }>; elements?: Array<{ text?: unknown }>; accessory?: { text?: { text: string } } };
    if (b.text) out.push(b.text.text);
    for (const f of b.fields ?? []) out.push(f.text);
    for (const e of b.elements ?? []) {
      if (typeof e.text === 'string') out.push(e.text);
      else if (e.text && typeof (e.text as { text?: unknown }).text === 'string') out.push((e.text as { text: string }).text);
    }
    if (b.accessory?.text) out.push(b.accessory.text.text);
  }
  return out;
}

function expectInert(msg: SlackMessage): void {
  expectWellFormed(msg);
  for (const text of allTexts(msg)) {
    // Code spans and blocks show their content literally; everything outside them is mrkdwn.
    const outside = text.replace(/```[^`]*```/g, '').replace(/`[^`\n]*`/g, '');
    for (const raw of FORBIDDEN_RAW) expect(outside, `${raw} in ${JSON.stringify(text)}`).not.toContain(raw);
    expect(outside, `a backtick left over in ${JSON.stringify(text)}`).not.toContain('`');
    expect(text, `a bare & in ${JSON.stringify(text)}`).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(text, `a format character in ${JSON.stringify(text)}`).not.toMatch(/\p{Cf}/u);
    expect(text.replace(/\n/g, ''), `a control character in ${JSON.stringify(text)}`).not.toMatch(/\p{Cc}/u);
  }
}

function digest(): Digest {
  return {
    localDate: '2026-11-24',
    generatedAt: NOW,
    counts: { error: 2, stale: 0, neverSynced: 0, synced: 1, total: 3 },
    changes: null,
    failures: [
      { serviceId: 85, serviceName: HOSTILE, error: `Cal.com API error 400: ${HOSTILE}`, lastAttempt: NOW },
      { serviceId: 86, serviceName: HOSTILE, error: CONTROLS, lastAttempt: null },
    ],
    // Drift quotes Cal.com's own values back: a title edited by hand is as hostile as any error.
    drift: [
      { kind: 'edited', serviceId: 87, serviceName: HOSTILE, eventTypeId: 3, changes: [{ field: 'title', from: HOSTILE, to: CONTROLS }] },
      { kind: 'deleted', serviceId: 88, serviceName: CONTROLS, eventTypeId: 4 },
    ],
    driftError: `Cal.com API error 500: ${HOSTILE}`,
    quiet: false,
  };
}

describe.each(LOCALES)('hostile catalogue and Cal.com text (%s)', (locale) => {
  const bad = failed({ serviceName: HOSTILE, error: `Cal.com API error 400: ${HOSTILE}` });

  const builders: Array<[string, () => SlackMessage]> = [
    ['sync result: failed', () => syncResultMessage(bad, locale)],
    ['sync result: failed, controls first', () => syncResultMessage(failed({ serviceName: CONTROLS, error: CONTROLS }), locale)],
    ['sync result: failed, empty error', () => syncResultMessage(failed({ serviceName: HOSTILE, error: '' }), locale)],
    ['sync result: updated', () => syncResultMessage({ ...outcome('updated'), serviceName: HOSTILE }, locale)],
    ['sync result: updated, hostile changes', () => syncResultMessage({ ...outcome('updated'), serviceName: HOSTILE, changes: [{ field: 'title', from: CONTROLS, to: HOSTILE }, { field: 'description', from: HOSTILE, to: null }] } as SyncOutcome, locale)],
    ['sync result: recreated', () => syncResultMessage({ kind: 'recreated', serviceId: 85, serviceName: HOSTILE, attempts: 1, eventTypeId: 2, oldEventTypeId: 1 }, locale)],
    ['retrying', () => retryingMessage(bad, { userId: 'U0123ABC' }, locale)],
    ['retrying, a user that is no Slack id', () => retryingMessage(bad, { userId: HOSTILE }, locale)],
    ['not in channel (response_url)', () => withNotInChannelHint(syncResultMessage(bad, locale), locale)],
    ['replace retry button', () => replaceRetryButton(syncResultMessage(bad, locale), { actionId: 'calsync_retry', userId: 'U0123ABC' }, locale)],
    ['settle retry line', () => settleRetryLine(replaceRetryButton(syncResultMessage(bad, locale), { actionId: 'calsync_retry', userId: 'U0123ABC' }, locale), { userId: 'U0123ABC', outcome: bad }, locale)],
    ['parent', () => parentMessage({ serviceId: 85, serviceName: HOSTILE, requestedBy: HOSTILE, state: 'failed', eventTypeId: 1 }, locale)],
    ['already running', () => alreadyRunningMessage({ serviceId: 85, since: NOW, slack: { channel: HOSTILE, threadTs: HOSTILE } }, locale)],
    ['bulk progress', () => bulkProgressMessage({ label: 'all', done: 1, total: 2, counts: { failed: 1 }, requestedBy: HOSTILE }, locale)],
    ['bulk summary', () => bulkSummaryMessage({ label: 'failed', total: 2, counts: { failed: 2 }, failures: [{ serviceId: 85, serviceName: HOSTILE, error: HOSTILE, attempts: 3 }, { serviceId: 86, serviceName: CONTROLS, error: CONTROLS, attempts: 3 }], requestedBy: HOSTILE, durationMs: 1000 }, locale)],
    ['confirm all', () => confirmAllMessage({ total: 3 }, locale)],
    ['digest', () => digestMessage(digest(), locale)],
    [
      'diff',
      () =>
        diffMessage(
          {
            serviceId: 85,
            serviceName: HOSTILE,
            eventTypeId: 1,
            payload: { title: HOSTILE, description: HOSTILE },
            live: { id: 1, title: HOSTILE, description: HOSTILE },
            differences: [{ field: HOSTILE, catalogue: HOSTILE, calcom: { nested: HOSTILE }, settable: false }],
          },
          locale,
        ),
    ],
    ['import summary', () => importSummaryMessage({ linked: 1, created: 1, skipped: 1, items: [{ action: 'created', eventTypeId: 1, title: HOSTILE, serviceId: 2 }] }, locale)],
    ['invalid input', () => invalidInputMessage(HOSTILE, locale)],
    ['unknown service', () => unknownServiceMessage(85, locale)],
    ['could not run', () => couldNotRunMessage(85, HOSTILE, locale)],
    ['could not run, controls first', () => couldNotRunMessage(85, CONTROLS, locale)],
    ['retry not started', () => retryNotStartedMessage(85, HOSTILE, locale)],
    ['usage', () => usageMessage(locale)],
    [
      'status card',
      () =>
        statusCard(
          service({ name: HOSTILE, syncStatus: 'unknown', syncStatusRaw: CONTROLS, syncError: CONTROLS }),
          [run({ outcome: 'failed', error: HOSTILE, requestedBy: HOSTILE })],
          locale,
        ),
    ],
  ];

  it.each(builders)('%s: no ping, link, formatting, hidden or control character', (_name, build) => {
    expectInert(build());
  });

  it('the failure fallback still says what failed, escaped', () => {
    const msg = syncResultMessage(failed({ error: 'Cal.com API error 400: <!channel> <https://evil.example|Re-login here>' }), locale);
    expect(msg.text).toContain('&lt;!channel&gt;');
    expect(msg.text).toContain('&lt;https://evil.example|Re-login here&gt;');
  });

  it('format characters go, but an emoji keeps its joiner (it only joins glyphs)', () => {
    const msg = parentMessage({ serviceId: 85, serviceName: 'Färben\u202E 💇‍♀️', requestedBy: 'U0123ABC', state: 'running' }, locale);
    expect(msg.text).toContain('Färben 💇‍♀️');
  });

  it('every mrkdwn text is verbatim, so Slack links no bare URL or channel name', () => {
    const msg = statusCard(service({ name: 'evil.example/login #general' }), [], locale);
    const objects = msg.blocks.flatMap((b) => {
      const block = b as { text?: { type: string; verbatim?: boolean }; fields?: Array<{ type: string; verbatim?: boolean }>; elements?: Array<{ type: string; verbatim?: boolean }> };
      return [block.text, ...(block.fields ?? []), ...(block.elements ?? [])].filter((o) => o?.type === 'mrkdwn');
    });
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects) expect(o).toMatchObject({ verbatim: true });
  });
});
