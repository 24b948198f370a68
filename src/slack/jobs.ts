// Runs the durable jobs behind Slack work (db/jobs.ts): a job starts right after the ack, and a job left
// by a dead process is resumed here, reporting into the same thread: a bulk run continues under its
// progress parent and posts its summary there; a sync replies under the parent it had already posted.
// Jobs take turns across users (fair-queue.ts); one that has to wait says so in its parent.
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../lib/logger.js';
import type { FinishedRun, Job, Jobs } from '../db/jobs.js';
import type { Store } from '../db/store.js';
import { systemClock, type Clock } from '../lib/clock.js';
import type { SyncResult } from '../sync/types.js';
import type { FlowDeps } from './deps.js';
import { fairScheduler, type FairLimits } from './fair-queue.js';
import { bulkInSlack } from './flows/bulk.js';
import { syncInThread } from './flows/sync-thread.js';
import { parentMessage } from './messages/index.js';
import { bulkQueuedMessage, couldNotRunMessage, noneInErrorMessage } from './messages/trouble.js';
import { channelReporter, createPoster, responder, type Reporter, type Respond } from './poster.js';

/** A finished audit row as the result the bulk summary counts. */
function asResult(run: FinishedRun): SyncResult {
  const base = { serviceId: run.serviceId, serviceName: run.serviceName, attempts: run.attempts };
  if (run.outcome === 'failed' || !run.newEventTypeId)
    return { ...base, kind: 'failed', error: run.error ?? '', httpStatus: run.httpStatus, eventTypeId: run.newEventTypeId };
  if (run.outcome === 'recreated')
    return { ...base, kind: 'recreated', eventTypeId: run.newEventTypeId, oldEventTypeId: run.oldEventTypeId ?? 0 };
  return {
    ...base,
    kind: (run.outcome ?? 'updated') as 'created' | 'updated' | 'unchanged' | 'adopted',
    eventTypeId: run.newEventTypeId,
  } as SyncResult;
}

/** Where a job reports, and the parents it has posted (kept in the job, so a resumed job replies in them). */
interface Reporting {
  reply: Respond;
  reporter: Reporter;
  parents: Record<string, string>;
  /** The parent posted while the job waited ("queued behind N"), shown running once the job starts. */
  queued?: Promise<number | null>;
}

export interface JobRunnerDeps extends FlowDeps {
  logger: Logger;
  store: FlowDeps['store'] & Pick<Store, 'serviceIds' | 'releaseClaimsOf'>;
  jobs: Pick<Jobs, 'update' | 'finish' | 'finishedRuns' | 'takeOrphans'>;
  client: WebClient;
  /** SLACK_RESPONSE_URL_ORIGINS, for the response_url a resumed job has stored. */
  origins: readonly string[];
  limits?: FairLimits;
  clock?: Clock;
}

export function createJobRunner(deps: JobRunnerDeps) {
  const { logger, locale, jobs, client, origins, clock = systemClock } = deps;
  const scheduler = fairScheduler(deps.limits ?? { slots: 8, perUser: 6 });
  const poster = createPoster(client, logger);

  function reporting(job: Job, respond?: Respond): Reporting {
    const { input } = job;
    // A listener's respond is already checked; a resumed job has only the stored URL, checked here.
    const reply = respond ?? responder({ url: input.responseUrl, origins, client, channel: input.channel, user: input.user, logger });
    return { reply, reporter: channelReporter(poster, input.channel, reply, locale, logger), parents: { ...input.parents } };
  }

  /** A job that can't start yet says so: a sync in the parent of its next service, a bulk run to its user. */
  async function announceQueued(job: Job, r: Reporting, ahead: number): Promise<number | null> {
    const { input } = job;
    if (job.kind === 'bulk') {
      await r.reply(bulkQueuedMessage(input.label ?? 'all', ahead, locale));
      return null;
    }
    if (job.kind !== 'sync') return null;
    const id = (input.ids ?? []).find((i) => !r.parents[String(i)]);
    const service = id === undefined ? null : await deps.store.getService(id);
    if (!service) return null;
    const ts = await r.reporter.post(
      parentMessage({ serviceId: service.id, serviceName: service.name, requestedBy: input.user, state: 'queued', ahead }, locale),
    );
    if (!ts) return null;
    await deps.memory.remember(input.channel, ts, 'service', service.id);
    r.parents[String(service.id)] = ts;
    await jobs.update(job.id, { input: { ...input, parents: r.parents } });
    return service.id;
  }

  async function execute(job: Job, r: Reporting, resumed: boolean): Promise<void> {
    const queuedId = await r.queued;
    // A job that just started has nothing done yet; only a resumed one needs to look.
    const finished = resumed ? await jobs.finishedRuns(job.id) : [];
    if (job.kind === 'bulk') return executeBulk(job, r, finished);
    const done = new Set(finished.map((run) => run.serviceId));
    for (const id of job.input.ids ?? []) {
      if (!done.has(id)) await syncOne(job, r, id, id === queuedId);
    }
  }

  /** A bulk run: its ids are fixed in the job the first time, so a resumed run syncs the same services. */
  async function executeBulk(job: Job, r: Reporting, finished: FinishedRun[]): Promise<void> {
    const { input } = job;
    let ids = input.ids;
    if (!ids) {
      ids = await deps.store.serviceIds(input.label === 'failed' ? { status: 'error' } : {});
      await jobs.update(job.id, { input: { ...input, ids } });
    }
    if (ids.length === 0) return void (await r.reply(noneInErrorMessage(locale)).catch(() => {}));
    const bulk = {
      label: input.label ?? 'all',
      ids,
      user: input.user,
      channel: input.channel,
      jobId: job.id,
      parentTs: job.parentTs,
      done: finished.map(asResult),
      onParent: (ts: string) => jobs.update(job.id, { parentTs: ts }),
    };
    await bulkInSlack(deps, r.reporter, bulk, () => clock.ms());
  }

  /** One service of a sync or Retry job, replying under its parent once posted (remembered in the job). */
  async function syncOne(job: Job, r: Reporting, id: number, parentQueued: boolean): Promise<void> {
    const { input } = job;
    const { parents } = r;
    const parent = parents[String(id)];
    // One service's trouble (its database row, a refused message) never keeps the next one from syncing.
    await syncInThread(deps, deps.engine, r.reporter, {
      serviceId: id,
      user: input.user,
      channel: input.channel,
      trigger: job.kind === 'retry' ? 'button' : 'command',
      jobId: job.id,
      threadTs: job.kind === 'retry' ? input.threadTs : parent,
      parentTs: parent ?? null,
      parentQueued,
      onParent: async (ts) => {
        parents[String(id)] = ts;
        await jobs.update(job.id, { input: { ...input, parents } });
      },
    }).catch(async (err: unknown) => {
      logger.error({ err, job: job.id, serviceId: id }, 'a sync in a job failed');
      await r.reply(couldNotRunMessage(id, (err as Error)?.message ?? String(err), locale)).catch(() => {});
    });
  }

  /** Runs a job to its end; the job is finished even when its work failed (the failure was reported). */
  async function run(job: Job, respond?: Respond, resumed = false): Promise<void> {
    const r = reporting(job, respond);
    try {
      await scheduler.run(
        job.input.user,
        () => execute(job, r, resumed),
        (ahead) => {
          r.queued = announceQueued(job, r, ahead).catch((err: unknown) => {
            logger.warn({ err, job: job.id }, 'could not announce a queued job');
            return null;
          });
        },
      );
    } finally {
      await jobs.finish(job.id).catch((err: unknown) => logger.error({ err, job: job.id }, 'could not finish a job'));
    }
  }

  /** Resumes what dead holders left; called at start and every few seconds after. */
  async function recover(staleMs: number): Promise<number> {
    const orphans = await jobs.takeOrphans(staleMs);
    // The stopped holder's claims on services would block the resumed syncs until their lease ran out.
    // Released before they run; a failure here only makes them wait for that lease, so they still run.
    for (const holder of new Set(orphans.flatMap((job) => job.takenFrom ?? []))) {
      await deps.store
        .releaseClaimsOf(holder)
        .catch((err: unknown) => logger.warn({ err, holder }, 'could not release the claims of a stopped process'));
    }
    for (const job of orphans) {
      logger.warn({ job: job.id, kind: job.kind }, 'resuming a job left by a stopped process');
      void run(job, undefined, true).catch((err: unknown) => logger.error({ err, job: job.id }, 'resumed job failed'));
    }
    return orphans.length;
  }

  return { run, recover, background: <T>(user: string, work: () => Promise<T>) => scheduler.run(user, work) };
}
