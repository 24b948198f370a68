import { describe, expect, it } from 'vitest';
import { statusCard } from '../../../src/slack/messages/index.js';
import { API_KEY, at, codeSpans, expectWellFormed, graphemeCount, LONG_NAME, run, service, texts, LOCALES } from './fixtures.js';

const ERROR = `Cal.com API error 401: {"message":"Invalid API key ${API_KEY}"} ${'y'.repeat(10_000)}`;

describe.each(LOCALES)('statusCard (%s)', (locale) => {
  it('a synced service', () => {
    const msg = statusCard(
      service(),
      [run(), run({ startedAt: at(-180), finishedAt: at(-179), outcome: 'created', trigger: 'cli', requestedBy: null })],
      locale,
    );
    expectWellFormed(msg);
    expect(msg).toMatchSnapshot();
  });

  it('a service in error, with a running sync', () => {
    const msg = statusCard(
      service({ syncStatus: 'error', syncError: ERROR, syncAttempts: 3, active: false }),
      [
        run({ outcome: null, finishedAt: null, newEventTypeId: null, startedAt: at(0), trigger: 'button' }),
        run({ outcome: 'failed', error: ERROR, newEventTypeId: null, startedAt: at(-30), trigger: 'bulk' }),
      ],
      locale,
    );
    expectWellFormed(msg);
    for (const span of codeSpans(texts(msg))) expect(graphemeCount(span)).toBeLessThanOrEqual(100);
    expect(msg).toMatchSnapshot();
  });

  it('a run that sent changes names the fields it changed', () => {
    const changes = [
      { field: 'title', from: 'Cut', to: 'Cut & dry' },
      { field: 'lengthInMinutes', from: 30, to: 45 },
    ] as const;
    const msg = statusCard(
      service(),
      [run({ changes: [...changes] }), run({ outcome: 'unchanged', changes: null, startedAt: at(-120) })],
      locale,
    );
    expectWellFormed(msg);
    const lines = texts(msg).split('\n');
    const changed = lines.filter((l) => l.includes('`lengthInMinutes`'));
    expect(changed).toHaveLength(1);
    expect(changed[0]).toContain('`title`, `lengthInMinutes`');
    expect(texts(msg)).not.toContain('Cut & dry'); // the values stay on the run's own reply
    expect(msg).toMatchSnapshot();
  });

  it('a sync_status another system wrote is shown as written, under "unknown status"', () => {
    const msg = statusCard(service({ syncStatus: 'unknown', syncStatusRaw: 'in <!here> review' }), [], locale);
    expectWellFormed(msg);
    expect(texts(msg)).not.toContain('undefined');
    expect(msg.text).not.toContain('undefined');
    expect(texts(msg)).toContain(':grey_question:');
    expect(codeSpans(texts(msg))).toContain('in <!here> review');
    expect(texts(msg)).not.toContain('<!here>');
    expect(msg).toMatchSnapshot();
  });

  it('a service never synced, no runs', () => {
    const msg = statusCard(
      service({
        calcomEventTypeId: null,
        syncStatus: 'pending',
        lastSyncSuccess: null,
        lastCalcomSync: null,
        syncAttempts: 0,
        name: LONG_NAME.repeat(40),
      }),
      [],
      locale,
    );
    expectWellFormed(msg);
    expect(msg).toMatchSnapshot();
  });

  it('lists the 5 most recent runs, newest first', () => {
    const runs = Array.from({ length: 12 }, (_, i) =>
      run({ startedAt: at(-i * 10), finishedAt: at(-i * 10 + 1), newEventTypeId: 1000 + i }),
    );
    const msg = statusCard(service(), [...runs].reverse(), locale);
    expectWellFormed(msg);
    const ids = [...texts(msg).matchAll(/ 10(\d\d)/g)].map((m) => Number(m[1]));
    expect(ids).toEqual([0, 1, 2, 3, 4]);
  });
});
