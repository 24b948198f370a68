import { describe, expect, it } from 'vitest';
import {
  alreadyRunningMessage,
  CANCEL_ALL_ACTION_ID,
  confirmAllMessage,
  CONFIRM_ALL_ACTION_ID,
  importSummaryMessage,
  invalidInputMessage,
  notInChannelMessage,
  refusalMessage,
  syncResultMessage,
  unknownServiceMessage,
  usageMessage,
  withNotInChannelHint,
  type ImportItem,
} from '../../../src/slack/messages/index.js';
import { API_KEY, buttons, expectWellFormed, failed, LONG_NAME, NOW, texts, LOCALES } from './fixtures.js';

describe.each(LOCALES)('small messages (%s)', (locale) => {
  it('usage lists every command of SPEC §4', () => {
    const msg = usageMessage(locale);
    expectWellFormed(msg);
    for (const cmd of ['/calsync 85', '/calsync sync 85 86', 'status 85', 'diff 85', 'failed', 'all', 'import', 'digest', 'help']) {
      expect(texts(msg)).toContain(cmd);
    }
    expect(msg).toMatchSnapshot();
  });

  it('invalid input echoes the word safely', () => {
    const msg = invalidInputMessage({ code: 'not-an-id', word: 'abc' }, locale);
    expectWellFormed(msg);
    expect(msg).toMatchSnapshot();
    const long = invalidInputMessage({ code: 'unknown-command', word: `${API_KEY}\u0000\u0007<!channel>${'x'.repeat(10_000)}` }, locale);
    expectWellFormed(long);
    expect(JSON.stringify(long)).not.toContain(API_KEY);
    expect(JSON.stringify(invalidInputMessage({ code: 'unknown-command', word: '<!channel>' }, locale))).not.toContain('<!channel>');
  });

  it('invalid input from a forged button and from a catalogue row', () => {
    expect(invalidInputMessage({ code: 'not-our-button' }, locale)).toMatchSnapshot();
    const problem = { rule: 'over-a-week', column: 'duration_minutes', limit: 10_080, actual: 20_000 } as const;
    expect(invalidInputMessage({ code: 'invalid-service', serviceId: 85, problem }, locale)).toMatchSnapshot();
  });

  it('refusal and unknown service', () => {
    expectWellFormed(refusalMessage(locale));
    expectWellFormed(unknownServiceMessage(999, locale));
    expect(refusalMessage(locale)).toMatchSnapshot();
    expect(unknownServiceMessage(999, locale)).toMatchSnapshot();
  });

  it.each([
    ['a thread', { channel: 'C0123', threadTs: '1732438800.123456' }],
    ['a channel', { channel: 'C0123' }],
    ['nowhere known', undefined],
    ['odd ids', { channel: 'not a channel', threadTs: 'x' }],
  ] as const)('already running, result in %s', (_name, slack) => {
    const msg = alreadyRunningMessage({ serviceId: 85, since: NOW, ...(slack ? { slack } : {}) }, locale);
    expectWellFormed(msg);
    expect(msg.text).toContain('2026-11-24 09:00 UTC');
    expect(msg).toMatchSnapshot();
  });

  it('links the thread of the running sync', () => {
    const msg = alreadyRunningMessage({ serviceId: 85, since: NOW, slack: { channel: 'C0123', threadTs: '1732438800.123456' } }, locale);
    expect(texts(msg)).toContain('https://slack.com/archives/C0123/p1732438800123456');
  });

  it('confirm all', () => {
    const msg = confirmAllMessage({ total: 42 }, locale);
    expectWellFormed(msg);
    expect(msg.text).toContain('42');
    const [confirm, cancel] = buttons(msg);
    expect(confirm?.action_id).toBe(CONFIRM_ALL_ACTION_ID);
    expect(cancel?.action_id).toBe(CANCEL_ALL_ACTION_ID);
    const actions = msg.blocks.find((b) => b.type === 'actions');
    expect(actions?.type === 'actions' && actions.elements[0]?.type === 'button' && actions.elements[0].style).toBe('primary');
    expect(msg).toMatchSnapshot();
  });

  it('confirm all shows the plan: counts, first changes (escaped), the confirm button', () => {
    const first = Array.from({ length: 12 }, (_, i) => ({
      serviceId: 85 + i,
      serviceName: i === 0 ? 'Cut <!channel>' : LONG_NAME,
      step: i === 11 ? ('recreate' as const) : ('update' as const),
      changes:
        i === 11
          ? []
          : [
              { field: 'lengthInMinutes', from: 45, to: 60 },
              { field: 'title', from: 'x'.repeat(500), to: 'y' },
            ],
    }));
    const msg = confirmAllMessage({ total: 1000, counts: { update: 11, recreate: 1, 'in-sync': 988 }, first }, locale);
    expectWellFormed(msg);
    expect(msg.text).toBe(
      locale === 'de' ? 'Anwenden: 11 Aktualisierungen, 1 neu zu erstellen; 988 synchron' : 'Apply: 11 updates, 1 recreate; 988 in sync',
    );
    expect(texts(msg)).not.toContain('<!channel>');
    expect(buttons(msg).map((b) => b.action_id)).toEqual([CONFIRM_ALL_ACTION_ID, CANCEL_ALL_ACTION_ID]);
    expect(msg).toMatchSnapshot();
  });

  it('confirm all with nothing to apply: no button', () => {
    const msg = confirmAllMessage({ total: 996, counts: { 'in-sync': 996 }, first: [] }, locale);
    expectWellFormed(msg);
    expect(buttons(msg)).toEqual([]);
    expect(msg.text).toBe(
      locale === 'de' ? 'Alle 996 Dienstleistungen sind synchron: nichts anzuwenden.' : 'All 996 services are in sync: nothing to apply.',
    );
  });

  it('confirm all when Cal.com could not be read says so and still asks', () => {
    const msg = confirmAllMessage(
      { total: 2, counts: { update: 2 }, first: [], unreadable: 'Cal.com API error 401: API key rejected' },
      locale,
    );
    expectWellFormed(msg);
    expect(texts(msg)).toContain('401');
    expect(buttons(msg)).toHaveLength(2);
  });

  it.each([1, 0])('confirm all with %i services', (total) => {
    const msg = confirmAllMessage({ total }, locale);
    expectWellFormed(msg);
    expect(msg).toMatchSnapshot();
  });

  it('not-in-channel hint', () => {
    const said = notInChannelMessage(locale);
    expectWellFormed(said);
    expect(said.text).toContain('`/invite @calsync`');
    expect(said).toMatchSnapshot();
    const msg = withNotInChannelHint(syncResultMessage(failed(), locale), locale);
    expectWellFormed(msg);
    expect(texts(msg)).toContain('/invite @calsync');
    expect(msg.text).toContain('/invite @calsync');
  });

  it('import summary', () => {
    const items: ImportItem[] = [
      { action: 'linked', eventTypeId: 501, title: 'Haarschnitt', serviceId: 12 },
      { action: 'created', eventTypeId: 502, title: 'Beratung <gratis>', serviceId: 130 },
      { action: 'skipped', eventTypeId: 503, title: 'Privat' },
    ];
    const msg = importSummaryMessage({ linked: 1, created: 1, skipped: 1, items }, locale);
    expectWellFormed(msg);
    expect(msg).toMatchSnapshot();
    expect(importSummaryMessage({ linked: 0, created: 0, skipped: 0 }, locale)).toMatchSnapshot();
  });

  it('import summary with 500 long items stays within limits', () => {
    const items = Array.from(
      { length: 500 },
      (_, i): ImportItem => ({ action: 'created', eventTypeId: i, title: LONG_NAME.repeat(5), serviceId: i }),
    );
    const msg = importSummaryMessage({ linked: 0, created: 500, skipped: 0, items }, locale);
    expectWellFormed(msg);
    expect(texts(msg)).toContain('440');
  });
});

describe('wording', () => {
  it.each([
    ['en', "You're not allowed to run calsync here"],
    ['de', 'Sie dürfen calsync hier nicht ausführen'],
  ] as const)('%s refusal', (locale, phrase) => {
    expect(refusalMessage(locale).text).toContain(phrase);
  });

  it.each([
    ['en', 42, 'Sync all 42 services?'],
    ['de', 42, 'Alle 42 Dienstleistungen synchronisieren?'],
  ] as const)('%s confirm', (locale, total, phrase) => {
    expect(confirmAllMessage({ total }, locale).text).toBe(phrase);
  });
});
