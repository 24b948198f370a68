import { describe, expect, it } from 'vitest';
import {
  bulkQueuedMessage,
  commandFailedMessage,
  couldNotRunMessage,
  databaseDownMessage,
  noneInErrorMessage,
  retryNotStartedMessage,
  syncingAllMessage,
} from '../../../src/slack/messages/trouble.js';
import { API_KEY, expectWellFormed, texts, LOCALES } from './fixtures.js';

const ERROR = `Can't reach database server at postgres://calsync:pw123@db:5432 <!channel> with ${API_KEY}`;

describe.each(LOCALES)('work that could not run or start (%s)', (locale) => {
  it.each([
    ['databaseDown', databaseDownMessage(locale)],
    ['couldNotRun', couldNotRunMessage(85, ERROR, locale)],
    ['retryNotStarted', retryNotStartedMessage(85, ERROR, locale)],
    ['commandFailed', commandFailedMessage(ERROR, locale)],
    ['bulkQueued', bulkQueuedMessage('failed', 3, locale)],
    ['noneInError', noneInErrorMessage(locale)],
    ['syncingAll', syncingAllMessage(locale)],
  ])('%s', (_name, msg) => {
    expectWellFormed(msg);
    expect(msg).toMatchSnapshot();
  });

  it('shows the reason as a redacted, escaped snippet, in blocks and fallback text alike', () => {
    const msg = couldNotRunMessage(85, ERROR, locale);
    expect(JSON.stringify(msg)).not.toMatch(/pw123|cal_live_abc|<!channel>/);
    expect(msg.text).toContain('&lt;!channel&gt;');
    expect(texts(msg)).toContain('85');
  });
});
