import { describe, expect, it } from 'vitest';
import { parentMessage, type ParentState } from '../../../src/slack/messages/index.js';
import { API_KEY, expectWellFormed, LONG_NAME, texts, LOCALES } from './fixtures.js';

const STATES: ParentState[] = ['queued', 'running', 'busy', 'created', 'updated', 'recreated', 'adopted', 'failed'];

describe.each(LOCALES)('parentMessage (%s)', (locale) => {
  it.each(STATES)('%s', (state) => {
    const msg = parentMessage(
      { serviceId: 85, serviceName: 'Ansatz + Längenausgleich', requestedBy: 'U0123ABC', state, eventTypeId: 3757698 },
      locale,
    );
    expectWellFormed(msg);
    expect(texts(msg)).toContain('<@U0123ABC>');
    expect(msg).toMatchSnapshot();
  });

  it('shows the Event Type ID only once the sync is final', () => {
    const input = { serviceId: 85, serviceName: 'X', requestedBy: 'U0123ABC', eventTypeId: 3757698 };
    expect(texts(parentMessage({ ...input, state: 'running' }, locale))).not.toContain('3757698');
    expect(texts(parentMessage({ ...input, state: 'updated' }, locale))).toContain('3757698');
    expect(texts(parentMessage({ ...input, state: 'failed', eventTypeId: null }, locale))).not.toContain('null');
  });

  it('stays within limits for a very long name, and never shows a key', () => {
    const msg = parentMessage(
      { serviceId: 85, serviceName: `${LONG_NAME.repeat(100)} ${API_KEY}`, requestedBy: 'U0123ABC', state: 'queued' },
      locale,
    );
    expectWellFormed(msg);
  });

  it('queued behind N jobs (fair scheduling, SPEC §4)', () => {
    const input = { serviceId: 85, serviceName: 'Ansatz', requestedBy: 'U0123ABC', state: 'queued' as const };
    const one = parentMessage({ ...input, ahead: 1 }, locale);
    const many = parentMessage({ ...input, ahead: 4 }, locale);
    expectWellFormed(many);
    expect(texts(one)).toMatch(locale === 'en' ? /queued behind 1 job\b/ : /wartet hinter 1 Auftrag\b/);
    expect(texts(many)).toMatch(locale === 'en' ? /queued behind 4 jobs/ : /wartet hinter 4 Aufträgen/);
    expect(many).toMatchSnapshot();
  });

  it('does not turn a non-Slack requester into a mention', () => {
    const msg = parentMessage({ serviceId: 1, serviceName: 'X', requestedBy: '<!here>', state: 'queued' }, locale);
    expect(JSON.stringify(msg)).not.toContain('<!here>');
  });
});
