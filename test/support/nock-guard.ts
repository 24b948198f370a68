// The network rule for every test file (registered by support/setup.ts): no request leaves the machine, and
// every interceptor a test declares must be used, because an unused one is a request the test expected and
// the code never sent. Loopback stays open: e2e tests talk to local servers (the emulator, a Slack fake).
import nock from 'nock';

/** `host` is nock's `hostname:port`; IPv6 loopback may come bracketed. */
const LOOPBACK = /^(127(\.\d{1,3}){3}|localhost|\[?::1\]?)(:\d+)?$/;

export const isLoopback = (host: string): boolean => LOOPBACK.test(host);

export function blockRealNetwork(): void {
  nock.disableNetConnect();
  nock.enableNetConnect(isLoopback);
}

/**
 * Clears every interceptor, then throws naming the ones the test declared and never used.
 * Not counted as unused: an interceptor marked `.optionally()` (for a request a path may or may not send:
 * say why beside it) and a `.persist()` one once it was used at least once.
 */
export function checkInterceptorsUsed(): void {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  if (pending.length > 0) {
    throw new Error(`unused nock interceptors (requests the test expected and the code never sent):\n  ${pending.join('\n  ')}`);
  }
}
