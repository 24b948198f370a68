import { describe, expect, it } from 'vitest';
import { healthReport } from '../../src/lib/health.js';

describe('healthReport', () => {
  it('is ok when every check answers true', async () => {
    const r = await healthReport({ database: async () => true, redis: async () => true });
    expect(r).toEqual({ ok: true, body: { status: 'ok', database: 'up', redis: 'up' } });
  });

  it.each([
    ['answers false', async () => false],
    [
      'throws',
      async () => {
        throw new Error('ECONNREFUSED');
      },
    ],
    ['never answers', () => new Promise<boolean>(() => {})],
  ])('names the neighbour that %s as down', async (_what, check) => {
    const r = await healthReport({ database: async () => true, slack: check }, 50);
    expect(r.ok).toBe(false);
    expect(r.body).toEqual({ status: 'unavailable', database: 'up', slack: 'down' });
  });
});
