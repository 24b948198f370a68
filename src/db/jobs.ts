// Durable Slack work (SPEC §10 "No loss"): a job is written before Slack gets its ack, beats while it
// runs, and is finished when its last message is posted. A job whose holder stopped beating (kill -9, a
// lost replica) is taken over by whoever looks next, with one atomic UPDATE so only one process resumes it.
import { hostname } from 'node:os';
import type { Prisma } from './database.js';

export type JobKind = 'sync' | 'bulk' | 'retry';

export interface JobInput {
  user: string;
  channel: string;
  ids?: number[];
  label?: 'failed' | 'all';
  /** sync jobs: the parent message of each service once posted, so a resumed job replies in it. */
  parents?: Record<string, string>;
  /** retry jobs: where the click happened. */
  threadTs?: string;
  messageTs?: string;
  responseUrl?: string;
}

export interface Job {
  id: number;
  kind: JobKind;
  input: JobInput;
  parentTs: string | null;
}

function pidDead(holder: string | null): boolean {
  const [host, pid] = (holder ?? '').split(':');
  if (host !== hostname() || !pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

const toJob = (r: { id: number; kind: string; input: unknown; parentTs: string | null }): Job => ({ id: r.id, kind: r.kind as JobKind, input: r.input as JobInput, parentTs: r.parentTs });

export function createJobs(prisma: Prisma, holder: string) {
  return {
    /** Records the job; null when its key was seen before (a redelivery or a second click). */
    async enqueue(key: string, kind: JobKind, input: JobInput): Promise<Job | null> {
      const rows = await prisma.$queryRaw<{ id: number }[]>`
        INSERT INTO jobs (key, kind, input, status, holder, heartbeat_at) VALUES (${key}, ${kind}, ${JSON.stringify(input)}::jsonb, 'running', ${holder}, now())
        ON CONFLICT (key) DO NOTHING RETURNING id`;
      return rows[0] ? { id: rows[0].id, kind, input, parentTs: null } : null;
    },
    async update(id: number, data: { input?: JobInput; parentTs?: string }) {
      await prisma.job.update({ where: { id }, data: { ...(data.input ? { input: data.input as object } : {}), ...(data.parentTs ? { parentTs: data.parentTs } : {}) } });
    },
    async finish(id: number) {
      await prisma.job.update({ where: { id }, data: { status: 'done', finishedAt: new Date() } });
    },
    async heartbeat() {
      await prisma.job.updateMany({ where: { holder, status: 'running' }, data: { heartbeatAt: new Date() } });
    },
    /** Takes over jobs whose holder is gone: dead on this host, or silent for `staleMs`. */
    async takeOrphans(staleMs: number): Promise<Job[]> {
      const candidates = await prisma.job.findMany({ where: { status: { not: 'done' }, holder: { not: holder } }, select: { id: true, holder: true, heartbeatAt: true } });
      const cutoff = Date.now() - staleMs;
      const taken: Job[] = [];
      for (const c of candidates) {
        if (!pidDead(c.holder) && (c.heartbeatAt?.getTime() ?? 0) > cutoff) continue;
        const rows = await prisma.$queryRaw<{ id: number; kind: string; input: unknown; parent_ts: string | null }[]>`
          UPDATE jobs SET holder = ${holder}, heartbeat_at = now() WHERE id = ${c.id} AND status <> 'done' AND holder IS NOT DISTINCT FROM ${c.holder}
          RETURNING id, kind, input, parent_ts`;
        if (!rows[0]) continue; // another replica was quicker
        // The dead holder's claims on services would block the resumed syncs until their lease ran out.
        if (c.holder) await prisma.syncLock.deleteMany({ where: { holder: c.holder } });
        taken.push(toJob({ ...rows[0], parentTs: rows[0].parent_ts }));
      }
      return taken;
    },
    /** The latest finished run of each service in the job: what is already done. */
    async finishedRuns(jobId: number) {
      const runs = await prisma.syncRun.findMany({ where: { jobId, finishedAt: { not: null } }, orderBy: { id: 'asc' }, include: { service: { select: { name: true } } } });
      return [...new Map(runs.map((r) => [r.serviceId, r])).values()];
    },
  };
}

export type Jobs = ReturnType<typeof createJobs>;
