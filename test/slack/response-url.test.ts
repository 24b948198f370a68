// response_url only to Slack (SPEC §4): a signed request or a stored job may carry any URL; the app POSTs
// only to SLACK_RESPONSE_URL_ORIGINS (Slack's hooks hosts by default) and otherwise answers through the Web API.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger.js';
import { loadConfig } from '../../src/config.js';
import { isSlackResponseUrl, responder } from '../../src/slack/poster.js';

const SLACK = loadConfig({}).slack.responseUrlOrigins;

describe('isSlackResponseUrl', () => {
  it.each([
    ['https://hooks.slack.com/commands/T0/123/abc', true],
    ['https://hooks.slack-gov.com/actions/T0/123/abc', true],
    ['https://hooks.slack.com:443/commands/x', true],
    ['http://hooks.slack.com/commands/x', false],
    ['https://hooks.slack.com.evil.example/commands/x', false],
    ['https://hooks.slack.com@evil.example/commands/x', false],
    ['https://evil.example/?https://hooks.slack.com/', false],
    ['https://slack.com/api/chat.postMessage', false],
    ['http://127.0.0.1:1/', false],
    ['not a url', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (url, expected) => {
    expect(isSlackResponseUrl(url, SLACK)).toBe(expected);
  });

  it('takes the origins from SLACK_RESPONSE_URL_ORIGINS', () => {
    const origins = loadConfig({ SLACK_RESPONSE_URL_ORIGINS: 'http://127.0.0.1:4000/' }).slack.responseUrlOrigins;
    expect(origins).toEqual(['http://127.0.0.1:4000']);
    expect(isSlackResponseUrl('http://127.0.0.1:4000/response/1', origins)).toBe(true);
    expect(isSlackResponseUrl('https://hooks.slack.com/commands/x', origins)).toBe(false);
    expect(() => loadConfig({ SLACK_RESPONSE_URL_ORIGINS: 'hooks.slack.com' })).toThrow(/SLACK_RESPONSE_URL_ORIGINS/);
  });
});

describe('responder (what a stored job answers through)', () => {
  let server: Server;
  let base = '';
  const posts: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      posts.push(req.url ?? '');
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function fakeClient() {
    const calls: Array<{ method: string; args: Record<string, unknown> }> = [];
    const client = {
      chat: {
        postEphemeral: async (args: Record<string, unknown>) => {
          calls.push({ method: 'postEphemeral', args });
          return { ok: true };
        },
        postMessage: async (args: Record<string, unknown>) => {
          calls.push({ method: 'postMessage', args });
          return { ok: true, ts: '1.1' };
        },
      },
    } as unknown as WebClient;
    return { client, calls };
  }
  const logger = createLogger('silent');

  it('an allowed response_url gets the POST', async () => {
    const { client, calls } = fakeClient();
    const reply = responder({ url: `${base}/response/ok`, origins: [base], client, channel: 'C1', user: 'U1', logger });
    await reply({ text: 'hi', blocks: [], response_type: 'ephemeral' });
    expect(posts).toContain('/response/ok');
    expect(calls).toEqual([]);
  });

  it('any other response_url is never POSTed to: the answer goes through chat.postEphemeral (or postMessage when in_channel)', async () => {
    const { client, calls } = fakeClient();
    const reply = responder({ url: `${base}/response/stolen`, origins: SLACK, client, channel: 'C1', user: 'U1', logger });
    await reply({ text: 'status', blocks: [], response_type: 'ephemeral' });
    await reply({ text: 'import done', blocks: [], response_type: 'in_channel' });
    expect(posts).not.toContain('/response/stolen');
    expect(calls.map((c) => [c.method, c.args.channel, c.args.text])).toEqual([
      ['postEphemeral', 'C1', 'status'],
      ['postMessage', 'C1', 'import done'],
    ]);
  });
});
