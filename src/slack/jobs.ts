// Runs the durable jobs behind Slack work (db/jobs.ts): a job starts right after the ack, and a job left
// by a dead process is resumed here, reporting into the same thread: a bulk run continues under its
// progress parent and posts its summary there; a sync replies under the parent it had already posted.
import type { WebClient } from '@slack/web-api';
import pLimit from 'p-limit';
import type { Job, Jobs } from '../db/jobs.js';
import type { RunRow } from '../db/store.js';
import type { SyncResult } from '../sync/types.js';
import type { SlackDeps } from './deps.js';
import { bulkInSlack } from './flows/bulk.js';
import { syncInThread } from './flows/sync-thread.js';
import { channelReporter, createPoster, type Respond } from './poster.js';

/** response_url works without the listener's `respond`: a resumed job still reaches an ephemeral reply. */
function respondVia(url: string | undefined): Respond | undefined {
  if (!url) return undefined;
  return async (message) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
}

/** A finished audit row as the result the bulk summary counts. */
type FinishedRun = Pick<RunRow, 'serviceId' | 'attempts' | 'newEventTypeId' | 'oldEventTypeId' | 'error' | 'httpStatus'> & { outcome: string | null; service: { name: string } };

function asResult(run: FinishedRun): SyncResult {
  const base = { serviceId: run.serviceId, serviceName: run.service.name, attempts: run.attempts };
  if (run.outcome === 'failed' || !run.newEventTypeId) return { ...base, kind: 'failed', error: run.error ?? '', httpStatus: run.httpStatus, eventTypeId: run.newEventTypeId };
  if (run.outcome === 'recreated') return { ...base, kind: 'recreated', eventTypeId: run.newEventTypeId, oldEventTypeId: run.oldEventTypeId ?? 0 };
  return { ...base, kind: (run.outcome ?? 'updated') as 'created' | 'updated' | 'unchanged' | 'adopted', eventTypeId: run.newEventTypeId } as SyncResult;
}

export function createJobRunner(deps: SlackDeps, jobs: Jobs, client: WebClient, concurrency = 8) {
  const { logger, locale } = deps;
  const slots = pLimit(concurrency);

  async function execute(job: Job, respond?: Respond, resumed = false): Promise<void> {
    const { input } = job;
    const reply = respond ?? respondVia(input.responseUrl);
    const reporter = channelReporter(createPoster(client, logger), input.channel, reply, locale);
    // A job that just started has nothing done yet; only a resumed one needs to look.
    const finished = resumed ? await jobs.finishedRuns(job.id) : [];
    if (job.kind === 'bulk') {
      let ids = input.ids;
      if (!ids) {
        ids = await deps.store.serviceIds(input.label === 'failed' ? { status: 'error' } : {});
        await jobs.update(job.id, { input: { ...input, ids } });
      }
      if (ids.length === 0) {
        await reply?.({ text: locale === 'de' ? 'Keine Dienstleistung ist im Fehlerzustand. ✅' : 'No service is in error. ✅', blocks: [] });
        return;
      }
      await bulkInSlack(deps, reporter, {
        label: input.label ?? 'all', ids, user: input.user, channel: input.channel, jobId: job.id, parentTs: job.parentTs,
        done: finished.map(asResult), onParent: (ts) => jobs.update(job.id, { parentTs: ts }),
      });
      return;
    }
    const done = new Set(finished.map((r) => r.serviceId));
    const parents = { ...input.parents };
    for (const id of input.ids ?? []) {
      if (done.has(id)) continue;
      const parent = parents[String(id)];
      await syncInThread(deps, deps.engine, reporter, {
        serviceId: id, user: input.user, channel: input.channel, trigger: job.kind === 'retry' ? 'button' : 'command', jobId: job.id,
        threadTs: job.kind === 'retry' ? input.threadTs : parent, parentTs: parent ?? null,
        onParent: async (ts) => {
          parents[String(id)] = ts;
          await jobs.update(job.id, { input: { ...input, parents } });
        },
      });
    }
  }

  /** Runs a job to its end; the job is finished even when its work failed (the failure was reported). */
  async function run(job: Job, respond?: Respond, resumed = false): Promise<void> {
    try {
      await slots(() => execute(job, respond, resumed));
    } finally {
      await jobs.finish(job.id).catch((err: unknown) => logger.error({ err, job: job.id }, 'could not finish a job'));
    }
  }

  /** Resumes what dead holders left; called at start and every few seconds after. */
  async function recover(staleMs: number): Promise<number> {
    const orphans = await jobs.takeOrphans(staleMs);
    for (const job of orphans) {
      logger.warn({ job: job.id, kind: job.kind }, 'resuming a job left by a stopped process');
      void run(job, undefined, true).catch((err: unknown) => logger.error({ err, job: job.id }, 'resumed job failed'));
    }
    return orphans.length;
  }

  return { run, recover, background: <T>(work: () => Promise<T>) => slots(work) };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
