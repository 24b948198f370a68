import { describe, expect, it } from 'vitest';
import { diffMessage, type DiffInput } from '../../../src/slack/messages/index.js';
import { API_KEY, expectWellFormed, LONG_NAME, texts, LOCALES } from './fixtures.js';

const payload = {
  title: 'Ansatz + Längenausgleich',
  slug: 'ansatz-langenausgleich-85',
  lengthInMinutes: 90,
  description: 'Ansatzfarbe und Längenausgleich',
  hidden: false,
};

function input(overrides: Partial<DiffInput> = {}): DiffInput {
  return {
    serviceId: 85,
    serviceName: 'Ansatz + Längenausgleich',
    eventTypeId: 3757698,
    payload,
    live: { id: 3757698, ...payload, lengthInMinutes: 60, price: 0, currency: 'usd', bookingFields: [{ type: 'name' }] },
    differences: [
      { field: 'lengthInMinutes', catalogue: 90, calcom: 60, settable: true },
      { field: 'price', catalogue: 8900, calcom: 0, settable: false },
    ],
    ...overrides,
  };
}

describe.each(LOCALES)('diffMessage (%s)', (locale) => {
  it('with differences', () => {
    const msg = diffMessage(input(), locale);
    expectWellFormed(msg);
    expect(texts(msg)).not.toContain('bookingFields');
    expect(msg).toMatchSnapshot();
  });

  it('names the step the planner chose', () => {
    const msg = diffMessage(input({ step: 'update' }), locale);
    expectWellFormed(msg);
    expect(texts(msg)).toContain(locale === 'en' ? 'Plan: update' : 'Plan: aktualisieren');
    expect(msg.text).toContain(locale === 'en' ? 'Plan: update.' : 'Plan: aktualisieren.');
  });

  it('labels a price difference as not settable through the API', () => {
    const phrase = locale === 'en' ? 'not settable through the API' : 'über die API nicht setzbar';
    const lines = texts(diffMessage(input(), locale)).split('\n');
    expect(lines.find((l) => l.includes('`price`'))).toContain(phrase);
    expect(lines.find((l) => l.includes('`lengthInMinutes`'))).not.toContain(phrase);
  });

  it.each([
    ['no differences', { differences: [] }],
    ['not linked', { eventTypeId: null, live: null, differences: [] }],
    ['event type gone', { live: null, differences: [] }],
  ] as const)('%s', (_name, overrides) => {
    const msg = diffMessage(input(overrides), locale);
    expectWellFormed(msg);
    expect(msg).toMatchSnapshot();
  });

  it('stays within limits for huge payloads, many differences and secrets', () => {
    const big = { ...payload, title: LONG_NAME.repeat(50), description: `${API_KEY} <b>&</b> ${'ä'.repeat(20_000)}` };
    const differences = Array.from({ length: 300 }, (_, i) => ({
      field: `field${i}`,
      catalogue: 'x'.repeat(5000),
      calcom: { nested: API_KEY },
      settable: i % 2 === 0,
    }));
    const msg = diffMessage(input({ serviceName: LONG_NAME.repeat(50), payload: big, live: { ...big, id: 1 }, differences }), locale);
    expectWellFormed(msg);
  });
});
