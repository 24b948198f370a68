// Durable jobs: a redelivered key is refused; a silent or dead holder's jobs are taken over exactly once,
// silence measured by the database's clock, which wrote the beats.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { createJobs } from '../../src/db/jobs.js';
import { createStore } from '../../src/db/store.js';
import { manualClock } from '../../src/lib/clock.js';
import { backends } from '../support/servers.js';

describe.each(backends.filter((b) => b.enabled))('jobs on $name', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(() => db?.close());

  it('records a job once per key', async () => {
    const a = createJobs(db.prisma, 'otherhost:1:a');
    expect(await a.enqueue('cmd:1', 'sync', { user: 'U', channel: 'C', ids: [1] })).toMatchObject({ kind: 'sync', input: { ids: [1] } });
    expect(await a.enqueue('cmd:1', 'sync', { user: 'U', channel: 'C', ids: [1] })).toBeNull();
  });

  it('takes over the jobs of a holder that stopped beating, once, and leaves a beating holder alone', async () => {
    const gone = createJobs(db.prisma, 'otherhost:2:gone');
    const alive = createJobs(db.prisma, 'otherhost:3:alive');
    await gone.enqueue('cmd:gone', 'bulk', { user: 'U', channel: 'C', label: 'failed' });
    await alive.enqueue('cmd:alive', 'sync', { user: 'U', channel: 'C', ids: [2] });
    await gone.heartbeat();
    await alive.heartbeat();
    await db.prisma.jobHolder.update({ where: { holder: 'otherhost:2:gone' }, data: { heartbeatAt: new Date(Date.now() - 60_000) } });
    await db.prisma.job.updateMany({ where: { key: { in: ['cmd:1', 'cmd:gone'] } }, data: { createdAt: new Date(Date.now() - 60_000) } });

    const [first, second] = await Promise.all([
      createJobs(db.prisma, 'me:1:x').takeOrphans(30_000),
      createJobs(db.prisma, 'me:2:y').takeOrphans(30_000),
    ]);
    const taken = [...first, ...second].map((j) => j.input);
    expect(taken).toEqual(expect.arrayContaining([expect.objectContaining({ label: 'failed' }), expect.objectContaining({ ids: [1] })]));
    expect(taken).toHaveLength(2); // cmd:gone and the never-beating cmd:1, each taken by one process only
    expect(taken.some((i) => i.ids?.[0] === 2)).toBe(false);
  });

  it("says whose jobs it took over, and the store releases that holder's claims on services", async () => {
    const store = createStore(db.prisma);
    await db.prisma.service.upsert({ where: { id: 40 }, create: { id: 40, name: 'Claimed', durationMinutes: 30 }, update: {} });
    const dead = createJobs(db.prisma, 'otherhost:4:dead');
    await dead.enqueue('cmd:dead', 'sync', { user: 'U', channel: 'C', ids: [40] });
    expect(await store.claim(40, 'otherhost:4:dead')).toEqual({ ok: true });
    await db.prisma.job.updateMany({ where: { key: 'cmd:dead' }, data: { createdAt: new Date(Date.now() - 60_000) } });

    const taken = await createJobs(db.prisma, 'me:3:z').takeOrphans(30_000);
    expect(taken.find((j) => j.input.ids?.[0] === 40)).toMatchObject({ takenFrom: 'otherhost:4:dead' });
    // Taking the jobs over leaves the claims alone; the taker releases them before it resumes the syncs.
    expect(await store.claim(40, 'me:3:z')).toMatchObject({ ok: false });
    await store.releaseClaimsOf('otherhost:4:dead');
    expect(await store.claim(40, 'me:3:z')).toEqual({ ok: true });
  });

  it("judges silence by the database's clock, however far this host's clock is from it", async () => {
    const live = createJobs(db.prisma, 'otherhost:5:live');
    const silent = createJobs(db.prisma, 'otherhost:6:silent');
    await live.enqueue('cmd:live', 'sync', { user: 'U', channel: 'C', ids: [5] });
    await silent.enqueue('cmd:silent', 'sync', { user: 'U', channel: 'C', ids: [6] });
    await live.heartbeat();
    await silent.heartbeat();
    await db.prisma.$executeRaw`UPDATE job_holders SET heartbeat_at = now() - interval '60 seconds' WHERE holder = 'otherhost:6:silent'`;

    const ahead = await createJobs(db.prisma, 'me:5:ahead', undefined, manualClock(Date.now() + 10 * 60_000)).takeOrphans(30_000);
    expect(ahead.map((j) => j.input.ids?.[0])).toEqual([6]); // the holder that beat just now is alive
    await db.prisma.$executeRaw`UPDATE job_holders SET heartbeat_at = now() - interval '60 seconds' WHERE holder = 'me:5:ahead'`;
    const behind = await createJobs(db.prisma, 'me:6:behind', undefined, manualClock(Date.now() - 10 * 60_000)).takeOrphans(30_000);
    expect(behind).toEqual([expect.objectContaining({ input: expect.objectContaining({ ids: [6] }), takenFrom: 'me:5:ahead' })]);
  });
});
