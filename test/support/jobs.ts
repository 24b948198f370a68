// Waiting for the app to finish what it started, instead of sleeping: every piece of work after an ack that
// changes anything (a sync, a bulk run, a Retry) runs in a job recorded before that ack (SPEC §10).
import type { PrismaClient } from '../../src/db/generated/client.js';

/**
 * Resolves once no job is unfinished. The jobs table has no event to wait on, so its state is read every
 * 20 ms; the deadline only turns a hang into a failure.
 */
export async function jobsSettled(prisma: PrismaClient, maxMs = 25_000): Promise<void> {
  for (const until = Date.now() + maxMs; ; await new Promise((r) => setTimeout(r, 20))) {
    if ((await prisma.job.count({ where: { status: { not: 'done' } } })) === 0) return;
    if (Date.now() > until) throw new Error(`jobs still unfinished after ${maxMs / 1000} s`);
  }
}
