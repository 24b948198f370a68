// Drift (SPEC §5): which services the digest names as edited or deleted by hand in Cal.com, row by row,
// and how the digest shows them (Slack and text), including when Cal.com can't be read.
import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../src/digest/compose.js';
import { findDrift } from '../../src/digest/drift.js';
import { digestText } from '../../src/digest/print.js';
import { t } from '../../src/i18n/index.js';
import { digestMessage, parseRetryValue } from '../../src/slack/messages/index.js';
import { checkBlockKitLimits } from '../slack/messages/block-kit.js';
import { eventType } from '../support/calcom-nock.js';
import { buttons, expectWellFormed, LOCALES, texts } from '../slack/messages/fixtures.js';
import { failing, neverSynced, NOW, stale, synced } from './fixtures.js';

/** Cal.com's copy of a fixture service, in step with it. */
const liveOf = (id: number, extra: Record<string, unknown> = {}) =>
  eventType(1000 + id, `service-${id}-${id}`, { title: `Service ${id}`, lengthInMinutes: 30, ...extra });
const inSync = () => true;

describe('findDrift', () => {
  it.each([
    ['in step → nothing', [synced(1)], [liveOf(1)], []],
    [
      'edited in Cal.com (length) → edited, catalogue → Cal.com',
      [synced(1)],
      [liveOf(1, { lengthInMinutes: 20 })],
      [
        {
          kind: 'edited',
          serviceId: 1,
          serviceName: 'Service 1',
          eventTypeId: 1001,
          changes: [{ field: 'lengthInMinutes', from: 30, to: 20 }],
        },
      ],
    ],
    [
      'hidden by hand → edited',
      [synced(1)],
      [liveOf(1, { hidden: true })],
      [
        {
          kind: 'edited',
          serviceId: 1,
          serviceName: 'Service 1',
          eventTypeId: 1001,
          changes: [{ field: 'hidden', from: false, to: true }],
        },
      ],
    ],
    [
      'slug or price changed by hand → not drift (calsync does not manage them after create)',
      [synced(1)],
      [liveOf(1, { slug: 'other', price: 99 })],
      [],
    ],
    ['missing from the list → deleted', [synced(1)], [], [{ kind: 'deleted', serviceId: 1, serviceName: 'Service 1', eventTypeId: 1001 }]],
    ['never linked → nothing', [neverSynced(3)], [], []],
  ] as const)('%s', (_name, services, live, expected) => {
    expect(findDrift(services, live, inSync)).toEqual(expected);
  });

  it.each([
    [
      'team list, linked under this team, missing → deleted',
      4242,
      4242,
      [{ kind: 'deleted', serviceId: 1, serviceName: 'Service 1', eventTypeId: 1001 }],
    ],
    ['team list, linked as personal, missing → no drift (a move, for a sync to plan)', 4242, null, []],
    ['team list, link target unknown, missing → no drift (it may be personal)', 4242, undefined, []],
    ['own list, linked under a team, missing → no drift', null, 4242, []],
    [
      'own list, link target unknown, missing → deleted (as before teams)',
      null,
      undefined,
      [{ kind: 'deleted', serviceId: 1, serviceName: 'Service 1', eventTypeId: 1001 }],
    ],
  ] as const)('%s', (_name, target, linkedUnder, expected) => {
    expect(findDrift([{ ...synced(1), ...(linkedUnder !== undefined ? { linkedUnder } : {}) }], [], inSync, target)).toEqual(expected);
  });

  it('team list, linked under this team, edited by hand → edited', () => {
    expect(findDrift([{ ...synced(1), linkedUnder: 4242 }], [liveOf(1, { lengthInMinutes: 20 })], inSync, 4242)).toMatchObject([
      { kind: 'edited', eventTypeId: 1001 },
    ]);
  });

  it('only services whose catalogue did not change since the last sync (stale and failing are reported as such)', () => {
    const digest = composeDigest({
      services: [stale(1), failing(2), synced(3)],
      previous: null,
      localDate: '2026-11-24',
      now: NOW,
      live: [liveOf(1, { lengthInMinutes: 5 })],
    });
    expect(digest.drift).toEqual([{ kind: 'deleted', serviceId: 3, serviceName: 'Service 3', eventTypeId: 1003 }]);
    expect(digest.quiet).toBe(false);
  });
});

describe.each(LOCALES)('drift in the digest (%s)', (locale) => {
  const d = t(locale);
  const digest = composeDigest({
    services: [synced(1), synced(2), synced(3), failing(4)],
    previous: null,
    localDate: '2026-11-24',
    now: NOW,
    live: [liveOf(1, { lengthInMinutes: 20, title: '<!channel> hand edit' }), liveOf(3)],
  });

  it('names each edited and deleted service with a Restore button (a Retry of that service)', () => {
    const msg = digestMessage(digest, locale);
    expectWellFormed(msg);
    expect(checkBlockKitLimits(msg)).toEqual([]);
    expect(texts(msg)).toContain(d.digest.drift(2));
    expect(texts(msg)).toContain(d.digest.deleted(1002));
    expect(texts(msg)).not.toContain('<!channel>');
    const restore = buttons(msg).filter((b) => b.text === d.digest.restore);
    expect(restore.map((b) => parseRetryValue(b.value))).toEqual([1, 2]);
    expect(msg).toMatchSnapshot();
  });

  it('in the printed digest too', () => {
    const text = digestText(digest, d);
    expect(text).toContain(`${d.digest.edited}: title "Service 1" → "<!channel> hand edit"; lengthInMinutes 30 → 20`);
    expect(text).toContain(d.digest.deleted(1002));
  });

  it('Cal.com unreadable → the digest says so and still posts the rest', () => {
    const down = composeDigest({
      services: [synced(1), failing(4)],
      previous: null,
      localDate: '2026-11-24',
      now: NOW,
      live: { error: 'Cal.com unreachable: connect ECONNREFUSED' },
    });
    const msg = digestMessage(down, locale);
    expectWellFormed(msg);
    expect(texts(msg)).toContain('ECONNREFUSED');
    expect(buttons(msg)).toHaveLength(1); // the failing service's Retry
    expect(digestText(down, d)).toContain(d.digest.calcomUnreadable('Cal.com unreachable: connect ECONNREFUSED'));
  });

  it('many failures and much drift stay within Block Kit limits, each part cut with "and N more"', () => {
    const services = [...Array.from({ length: 100 }, (_, i) => failing(200 + i)), ...Array.from({ length: 100 }, (_, i) => synced(i + 1))];
    const big = composeDigest({ services, previous: null, localDate: '2026-11-24', now: NOW, live: [] });
    const msg = digestMessage(big, locale);
    expectWellFormed(msg);
    expect(checkBlockKitLimits(msg)).toEqual([]);
    expect(texts(msg)).toContain(d.digest.drift(100));
    expect(new Set(buttons(msg).map((b) => b.action_id)).size).toBe(buttons(msg).length);
  });
});
