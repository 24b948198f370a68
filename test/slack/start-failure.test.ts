// The pure rules at the edge of Slack: why a start-up failed (src/slack/socket.ts) and which request
// timestamps are too far ahead (src/slack/request-time.ts). The processes and sockets are in test/e2e.
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRequestError } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { isFutureDated } from '../../src/slack/request-time.js';
import { SlackStartError, startFailure } from '../../src/slack/socket.js';

const URL_ = 'http://127.0.0.1:4999/api/';
const refused = (code: string) => new WebAPIPlatformError({ ok: false, error: code });
const unreachable = (code: string) =>
  new WebAPIRequestError(new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code} 127.0.0.1:4999`), { code }) }));

describe('startFailure: a reason that names what to fix, never a token', () => {
  it.each([
    [refused('invalid_auth'), 'SLACK_APP_TOKEN', /^SLACK_APP_TOKEN was refused by Slack \(invalid_auth\): check the app-level token/],
    [
      refused('not_allowed_token_type'),
      'SLACK_APP_TOKEN',
      /^SLACK_APP_TOKEN was refused by Slack \(not_allowed_token_type\): it must be an app-level token \(xapp-…\)/,
    ],
    [refused('missing_scope'), 'SLACK_APP_TOKEN', /connections:write/],
    [refused('invalid_auth'), 'SLACK_BOT_TOKEN', /^SLACK_BOT_TOKEN was refused by Slack \(invalid_auth\): check the bot token \(xoxb-…\)/],
    [
      unreachable('ECONNREFUSED'),
      'SLACK_APP_TOKEN',
      /^Slack at http:\/\/127\.0\.0\.1:4999\/api\/ is unreachable \(ECONNREFUSED\): check SLACK_API_URL/,
    ],
    [unreachable('ENOTFOUND'), 'SLACK_BOT_TOKEN', /is unreachable \(ENOTFOUND\)/],
    [new WebAPIHTTPError(404, 'Not Found', {}, ''), 'SLACK_APP_TOKEN', /^Slack at .* answered HTTP 404: check SLACK_API_URL/],
    [undefined, 'SLACK_APP_TOKEN', /closed before it was ready \(no hello from Slack\)/],
  ] as const)('%s (%s) → %s', (err, token, expected) => {
    const failure = startFailure(err, URL_, token);
    expect(failure).toBeInstanceOf(SlackStartError);
    expect(failure.message).toMatch(expected);
    expect(failure.cause).toBe(err);
  });

  it('a SlackStartError (the deadline) passes through unchanged', () => {
    const late = new SlackStartError('Slack at … did not answer within 20 s');
    expect(startFailure(late, URL_, 'SLACK_APP_TOKEN')).toBe(late);
  });
});

describe('isFutureDated: Slack allows five minutes either way', () => {
  const now = 1_800_000_000;
  it.each([
    [String(now + 301), true],
    [String(now + 360), true],
    ['Infinity', true],
    [String(now + 10 * 365 * 86_400), true],
    [String(now + 300), false],
    [String(now), false],
    [String(now - 3600), false], // stale: Bolt's own check refuses it
    ['', false],
    ['abc', false], // not a number: Bolt's own check refuses it
    [undefined, false],
    [[String(now + 3600), String(now)], false], // repeated header: Bolt refuses it
  ] as const)('%j → %s', (header, expected) => {
    expect(isFutureDated(header as string | string[] | undefined, now)).toBe(expected);
  });
});
