// A Cal.com client wired for nock: instant limiter, helpers for Cal.com's envelopes. The network guard (no real
// network, every interceptor used) is support/setup.ts, for every test file.
import nock from 'nock';
import { createCalcomClient } from '../../src/calcom/client.js';
import { createLimiter } from '../../src/calcom/limiter.js';
import type { TeamTarget } from '../../src/config.js';
import { createEngine } from '../../src/sync/engine.js';
import type { MemoryStore } from './memory-store.js';

export const API = 'https://api.cal.test/v2';
export const KEY = 'cal_test_0123456789abcdef';

export function calcomNock() {
  return nock(new URL(API).origin, { reqheaders: { authorization: `Bearer ${KEY}`, 'cal-api-version': '2024-06-14' } });
}

export const ok = (data: unknown) => ({ status: 'success', data });
export const err = (code: string, message: string, path = '/v2/event-types') => ({
  status: 'error',
  timestamp: '2026-11-24T08:00:00.000Z',
  path,
  error: { code, message },
});

export function eventType(id: number, slug: string, extra: Record<string, unknown> = {}) {
  return { id, slug, title: slug, lengthInMinutes: 30, description: null, hidden: false, price: 0, currency: 'usd', ...extra };
}

/** A real client and engine against nock, with retries instant and their waits recorded. */
export function engineFor(store: MemoryStore, opts: { timeoutMs?: number; team?: TeamTarget } = {}) {
  const limiter = createLimiter({ perMinute: 600_000, holdOnReset: false });
  const calcom = createCalcomClient({ apiUrl: API, apiKey: KEY, timeoutMs: opts.timeoutMs ?? 2000, limiter, team: opts.team });
  const waits: number[] = [];
  const engine = createEngine({
    calcom,
    store,
    holder: 'test',
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
  });
  return { engine, calcom, limiter, waits };
}
