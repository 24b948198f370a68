// Two app instances on the same PostgreSQL reach the digest hour together → one digest; a restart after
// posting → not again. (The same race on one PGlite is in run.test.ts.)
import { describe, expect, it } from 'vitest';
import { runDigest } from '../../src/usecases/digest.js';
import { openDatabase } from '../../src/db/database.js';
import { createDigests } from '../../src/db/digests.js';
import { freshPostgres, NEEDS_POSTGRES, POSTGRES_URL } from '../support/servers.js';

describe.skipIf(!POSTGRES_URL)(`digest on ${NEEDS_POSTGRES}`, () => {
  it('two instances at the hour post once; a restarted instance does not post again', async () => {
    const server = await freshPostgres();
    const [a, b] = [await openDatabase({ url: server.url, dataDir: 'x' }), await openDatabase({ url: server.url, dataDir: 'x' })];
    try {
      await a.prisma.service.create({
        data: { id: 1, name: 'A', durationMinutes: 30, syncStatus: 'error', syncError: 'Cal.com API error 500' },
      });
      const posts: string[] = [];
      // Slack answers a post only once the rival instance has had its go: finished, or posting too (a double post).
      const rival: Record<string, Promise<unknown>> = {};
      const posting: Record<string, () => void> = {};
      const run = (db: typeof a, holder: string) =>
        runDigest({
          digests: createDigests(db.prisma),
          channel: 'C0DIGEST',
          timezone: 'Europe/Berlin',
          time: '09:00',
          holder,
          now: () => new Date('2026-11-24T08:00:30Z'), // 09:00:30 in Berlin
          post: async () => {
            posting[holder]?.();
            await rival[holder];
            posts.push(holder);
            return { ts: `1.${posts.length}` };
          },
        });
      const arrives = (holder: string) => new Promise<void>((r) => (posting[holder] = r));
      for (let round = 0; round < 10; round++) {
        const [ra, rb] = [run(a, 'a'), run(b, 'b')];
        rival.a = Promise.race([rb, arrives('b')]);
        rival.b = Promise.race([ra, arrives('a')]);
        const results = await Promise.all([ra, rb]);
        expect(results.filter((r) => r.posted)).toHaveLength(round === 0 ? 1 : 0);
      }
      expect(posts).toHaveLength(1);
      // "Restart": a brand-new instance later that day.
      const c = await openDatabase({ url: server.url, dataDir: 'x' });
      expect(await run(c, 'c')).toMatchObject({ posted: false, reason: 'already-posted' });
      await c.close();
    } finally {
      await a.close();
      await b.close();
      await server.drop();
    }
  });
});
