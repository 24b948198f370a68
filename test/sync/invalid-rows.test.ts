// Rows another system wrote straight into the table get the file import's limits (SPEC §3.1): they fail
// at once, with a message naming the column, and Cal.com hears nothing about them.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { engineFor } from '../support/calcom-nock.js';
import { MemoryStore } from '../support/memory-store.js';
import { aService } from '../support/services.js';

const requests: string[] = [];
const record = (req: { method?: string; path?: string }) => requests.push(`${req.method} ${req.path}`);

// No interceptor is declared: every request the engine tries is a 'no match', refused by the setup's guard.
beforeAll(() => {
  nock.emitter.on('no match', record);
});
afterAll(() => {
  nock.emitter.off('no match', record);
});
afterEach(() => {
  requests.length = 0;
});

describe('invalid rows written directly to the table', () => {
  it.each([
    [
      'a duration of 2^31-1 minutes',
      { durationMinutes: 2 ** 31 - 1 },
      /^Invalid service 61: duration_minutes must be at most a week \(10080 minutes\) \(is 2147483647\)$/,
      { rule: 'over-a-week', column: 'duration_minutes', limit: 10_080, actual: 2 ** 31 - 1 },
    ],
    [
      'a 100 KB description',
      { description: 'x'.repeat(100_000) },
      /^Invalid service 61: description must be at most 10000 characters \(is 100000\)$/,
      { rule: 'too-long', column: 'description', limit: 10_000, actual: 100_000 },
    ],
    [
      'a 600-character name',
      { name: 'n'.repeat(600) },
      /^Invalid service 61: name must be at most 500 characters \(is 600\)$/,
      { rule: 'too-long', column: 'name', limit: 500, actual: 600 },
    ],
    [
      'a name with an escape sequence',
      { name: 'Cut \u001b]52;c;aGk=\u0007' },
      /^Invalid service 61: name must not contain control characters \(U\+001B at character 5\)$/,
      { rule: 'control', column: 'name', codePoint: 'U+001B', position: 5 },
    ],
    [
      'a backspace in the description',
      { description: 'Wash\u0008' },
      /^Invalid service 61: description must not contain control characters other than line breaks and tabs \(U\+0008 at character 5\)$/,
      { rule: 'control', column: 'description', codePoint: 'U+0008', position: 5 },
    ],
    ['a blank name', { name: '   ' }, /^Invalid service 61: the service has no name$/, { rule: 'no-name' }],
    [
      'a duration of 1.5 minutes',
      { durationMinutes: 1.5 },
      /^Invalid service 61: duration_minutes must be a whole number \(is 1.5\)$/,
      { rule: 'not-whole', column: 'duration_minutes', actual: 1.5 },
    ],
  ])('%s fails with a clear message, the broken rule as data, and no request', async (_name, overrides, message, invalid) => {
    const store = new MemoryStore(aService({ id: 61, name: 'Haircut', durationMinutes: 30, ...overrides }));
    const result = await engineFor(store).engine.sync({ serviceId: 61, trigger: 'cli' });
    expect(result).toMatchObject({ kind: 'failed', httpStatus: null });
    expect(result.kind === 'failed' && result.error).toMatch(message);
    // The rule as data, so Slack can word it in the reader's language (messages/sync-result.ts).
    expect(result).toMatchObject({ invalid });
    expect(store.services.get(61)).toMatchObject({ syncStatus: 'error' });
    expect(requests).toEqual([]);
  });
});
