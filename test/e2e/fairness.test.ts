// End to end (SPEC §4: one user's bulk work never starves another's single sync). One user's backlog of
// multi-id commands against a Cal.com with latency; a second user's single sync still finishes long
// before that backlog does, and the jobs that have to wait say so in their parents ("queued behind N").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobsSettled } from '../support/jobs.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox.js';

let sb: Sandbox;
const CH = 'C0FAIR';
const BACKLOG = Array.from({ length: 8 }, (_, job) => Array.from({ length: 5 }, (_, i) => 1000 + job * 5 + i));

beforeAll(async () => {
  sb = await startSandbox({ env: { CALCOM_RATE_LIMIT: '6000' }, emulator: { latencyMs: 150 } });
  const ids = [...BACKLOG.flat(), 999];
  await sb.ctx.db.prisma.service.createMany({ data: ids.map((id) => ({ id, name: `Fair ${id}`, durationMinutes: 30 })) });
});
afterAll(() => sb?.close());

describe('fair scheduling across users', () => {
  it('8 × /calsync <5 ids> from one user, then /calsync 999 from another → 999 is done before most of the backlog', async () => {
    for (const ids of BACKLOG) await sb.send.command(ids.join(' '), { user: 'U0ALICE', channel: CH });
    await sb.send.command('999', { user: 'U0BOB', channel: CH });

    const parent = await sb.slack.waitFor(() => sb.slack.channelMessages(CH).find((m) => m.text.includes('Service 999 ')), 60_000);
    await sb.slack.waitFor(() => sb.slack.thread(CH, parent.ts).find((m) => /created/.test(m.text)), 60_000);
    // The whole backlog finishes too: fairness delays nobody's work for good.
    const backlog = BACKLOG.flat();
    await jobsSettled(sb.ctx.db.prisma, 120_000);
    const runs = await sb.ctx.db.prisma.syncRun.findMany({ where: { finishedAt: { not: null } } });
    const bob = runs.find((r) => r.serviceId === 999)!;
    const alice = runs.filter((r) => backlog.includes(r.serviceId));
    expect(alice).toHaveLength(backlog.length);
    const aliceBefore = alice.filter((r) => r.finishedAt! < bob.finishedAt!).length;
    // A first-in-first-out pool would have finished (nearly) all 40 first.
    expect(aliceBefore).toBeLessThan(backlog.length / 2);

    // Alice's last commands waited for her own running jobs (at most 6 run at once), and their parents said so.
    const queued = sb.slack.channelMessages(CH).filter((m) => m.history.some((h) => /queued behind \d+ jobs?/.test(h.text)));
    expect(queued.length).toBeGreaterThanOrEqual(1);
    await sb.slack.waitFor(() => queued.every((m) => /created/.test(m.text)));
  });
});
