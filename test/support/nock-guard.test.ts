// The guard support/setup.ts installs for every test file: it must fail a test that leaves an interceptor unused,
// accept the declared exceptions, refuse real network and let loopback through.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { checkInterceptorsUsed, isLoopback } from './nock-guard.js';

const ORIGIN = 'https://api.guard.test';

describe('checkInterceptorsUsed', () => {
  it('throws naming an interceptor that was never used, and clears it', () => {
    nock(ORIGIN).get('/never').reply(200, {});
    expect(() => checkInterceptorsUsed()).toThrow(/unused nock interceptors[\s\S]*GET https:\/\/api\.guard\.test:443\/never/);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('passes once every interceptor was used', async () => {
    nock(ORIGIN).get('/used').reply(200, { ok: true });
    expect(await (await fetch(`${ORIGIN}/used`)).json()).toEqual({ ok: true });
    expect(() => checkInterceptorsUsed()).not.toThrow();
  });

  it('passes for an interceptor marked optionally()', () => {
    nock(ORIGIN).get('/maybe').optionally().reply(200, {});
    expect(() => checkInterceptorsUsed()).not.toThrow();
  });

  it('a persist() interceptor counts as used after one request, and as unused after none', async () => {
    nock(ORIGIN).get('/always').reply(200, {}).persist();
    await fetch(`${ORIGIN}/always`);
    expect(() => checkInterceptorsUsed()).not.toThrow();
    nock(ORIGIN).get('/always').reply(200, {}).persist();
    expect(() => checkInterceptorsUsed()).toThrow(/\/always/);
  });
});

describe('the network rule', () => {
  it.each([
    ['127.0.0.1:4000', true],
    ['127.0.0.1', true],
    ['localhost:3000', true],
    ['[::1]:5432', true],
    ['::1:5432', true],
    ['api.cal.com:443', false],
    ['hooks.slack.com:443', false],
    ['127.0.0.1.evil.example:443', false],
    ['localhost.evil.example:80', false],
  ])('%s is loopback: %s', (host, loopback) => {
    expect(isLoopback(host)).toBe(loopback);
  });

  it('refuses a request to a host nothing intercepts', async () => {
    const error = await fetch('https://api.cal.test/v2/me').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).cause ?? error)).toMatch(/Nock: Disallowed net connect/);
  });

  it('lets a request to a local server through', async () => {
    const server = createServer((_req, res) => res.end('local'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('local');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
