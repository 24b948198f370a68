// Durable Slack work (SPEC §10 "No loss"): a job is written before Slack gets its ack and is finished when
// its last message is posted; its process beats while it runs. The jobs of a process that stopped beating
// (kill -9, a lost replica) are taken over by whoever looks next, with one atomic UPDATE so only one
// process resumes them.
import { hostname } from 'node:os';
import { systemClock, type Clock } from '../lib/clock.js';
import { pidAlive } from '../lib/pid.js';
import type { RunRecord } from '../sync/types.js';
import type { Prisma } from './database.js';
import { toRunRecord } from './rows.js';

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
  /** Set on a job taken over from a stopped process: that process's holder, whose claims the taker releases. */
  takenFrom?: string;
}

function pidDead(holder: string | null): boolean {
  const [host, pid] = (holder ?? '').split(':');
  if (host !== hostname() || !pid) return false;
  return !pidAlive(Number(pid));
}

const toJob = (r: { id: number; kind: string; input: unknown; parentTs: string | null }): Job => ({
  id: r.id,
  kind: r.kind as JobKind,
  input: r.input as JobInput,
  parentTs: r.parentTs,
});

/** `urgent` runs the write a Slack ack waits for ahead of queued background statements (Database.urgent). */
type Urgent = <T>(fn: () => Promise<T>) => Promise<T>;

export function createJobs(prisma: Prisma, holder: string, urgent: Urgent = (fn) => fn(), clock: Clock = systemClock) {
  return {
    /** Records the job; null when its key was seen before (a redelivery or a second click). */
    async enqueue(key: string, kind: JobKind, input: JobInput): Promise<Job | null> {
      const rows = await urgent(
        () => prisma.$queryRaw<{ id: number }[]>`
        INSERT INTO jobs (key, kind, input, status, holder) VALUES (${key}, ${kind}, ${JSON.stringify(input)}::jsonb, 'running', ${holder})
        ON CONFLICT (key) DO NOTHING RETURNING id`,
      );
      return rows[0] ? { id: rows[0].id, kind, input, parentTs: null } : null;
    },
    async update(id: number, data: { input?: JobInput; parentTs?: string }) {
      await prisma.job.update({
        where: { id },
        data: { ...(data.input ? { input: data.input as object } : {}), ...(data.parentTs ? { parentTs: data.parentTs } : {}) },
      });
    },
    async finish(id: number) {
      await prisma.job.update({ where: { id }, data: { status: 'done', finishedAt: clock.now() } });
    },
    /** Ends a job whose work never started and frees its key, so the same click or command can start it again. */
    async release(id: number) {
      await prisma.$executeRaw`UPDATE jobs SET status = 'done', finished_at = now(), key = key || ':released:' || id::text WHERE id = ${id}`;
    },
    /** One write per process, however many jobs it holds. */
    async heartbeat() {
      await prisma.$executeRaw`INSERT INTO job_holders (holder, heartbeat_at) VALUES (${holder}, now())
        ON CONFLICT (holder) DO UPDATE SET heartbeat_at = now()`;
    },
    /**
     * Takes over the jobs of holders that are gone: dead on this host, or silent for `staleMs`. Silence is
     * measured by the database's clock, which wrote the beats: this host's clock may run ahead of it.
     */
    async takeOrphans(staleMs: number): Promise<Job[]> {
      // Beat first: what this process takes over must never look orphaned to the next one looking.
      await this.heartbeat();
      // A holder that never beat has its newest job as its last sign of life.
      const holders = await prisma.$queryRaw<{ holder: string | null; silent: boolean }[]>`
        SELECT j.holder, coalesce(h.heartbeat_at, max(j.created_at)) <= now() - make_interval(secs => ${staleMs / 1000}::float8) AS silent
        FROM jobs j LEFT JOIN job_holders h ON h.holder = j.holder
        WHERE j.status <> 'done' AND j.holder IS DISTINCT FROM ${holder}
        GROUP BY j.holder, h.heartbeat_at`;
      const taken: Job[] = [];
      for (const h of holders) {
        if (!h.silent && !pidDead(h.holder)) continue;
        // One UPDATE: if another replica takes them first, this one gets no rows.
        const rows = await prisma.$queryRaw<{ id: number; kind: string; input: unknown; parent_ts: string | null }[]>`
          UPDATE jobs SET holder = ${holder} WHERE status <> 'done' AND holder IS NOT DISTINCT FROM ${h.holder}
          RETURNING id, kind, input, parent_ts`;
        if (!rows.length) continue;
        if (h.holder) await prisma.jobHolder.deleteMany({ where: { holder: h.holder } });
        const from = h.holder ? { takenFrom: h.holder } : {};
        taken.push(...rows.sort((a, b) => a.id - b.id).map((r) => ({ ...toJob({ ...r, parentTs: r.parent_ts }), ...from })));
      }
      return taken;
    },
    /** The latest finished run of each service in the job: what is already done. */
    async finishedRuns(jobId: number): Promise<FinishedRun[]> {
      const runs = await prisma.syncRun.findMany({
        where: { jobId, finishedAt: { not: null } },
        orderBy: { id: 'asc' },
        include: { service: { select: { name: true } } },
      });
      return [...new Map(runs.map(({ service, ...r }) => [r.serviceId, { ...toRunRecord(r), serviceName: service.name }])).values()];
    },
  };
}

/** A finished audit row with the name of its service, as a resumed job counts it. */
export type FinishedRun = RunRecord & { serviceName: string };

export type Jobs = ReturnType<typeof createJobs>;
