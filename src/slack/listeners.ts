// Every listener, registered on the app with only what it calls (the Bolt starter's shape: a named function
// per listener, in commands/ and actions/, that tests call directly). The job runner is built first from what
// it needs; listeners get its run and background, never the runner's own dependencies.
import type { App } from '@slack/bolt';
import type { Jobs } from '../db/jobs.js';
import type { SlackMemory } from '../db/slack.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Engine } from '../sync/engine.js';
import type { Locale } from '../sync/types.js';
import type { UseCases } from '../usecases/index.js';
import { cancelAllAction, confirmAllAction } from './actions/confirm-all.js';
import { retryAction } from './actions/retry.js';
import { calsyncCommand } from './commands/calsync.js';
import type { Access, FlowDeps } from './deps.js';
import { digestPoster, type DigestPoster } from './digest.js';
import type { FairLimits } from './fair-queue.js';
import { createJobRunner, type JobRunnerDeps } from './jobs.js';
import { CANCEL_ALL_ACTION_ID, CONFIRM_ALL_ACTION_ID, RETRY_ACTION_PATTERN } from './messages/index.js';

export interface ListenerDeps {
  access: Access;
  locale: Locale;
  /** SLACK_RESPONSE_URL_ORIGINS. */
  origins: readonly string[];
  /** Redacted from errors shown in Slack. */
  secrets: readonly string[];
  logger: Logger;
  clock: Clock;
  store: JobRunnerDeps['store'];
  memory: SlackMemory;
  jobs: Jobs;
  /** The sync use case, in its fair slots. */
  engine: Engine;
  useCases: UseCases;
  /** Jobs worked on at once, taking turns across users. */
  jobSlots: FairLimits;
  /** Milliseconds between progress updates of a bulk run. */
  progressEveryMs?: number;
}

export function registerListeners(app: App, deps: ListenerDeps) {
  const { locale, logger, memory, jobs, origins } = deps;
  const digest: DigestPoster = digestPoster({ postDigest: deps.useCases.postDigest, memory, locale, logger }, app.client);
  const flow: FlowDeps = { locale, engine: deps.engine, store: deps.store, memory, progressEveryMs: deps.progressEveryMs };
  const runner = createJobRunner({
    ...flow,
    logger,
    store: deps.store,
    jobs,
    client: app.client,
    origins,
    limits: deps.jobSlots,
    clock: deps.clock,
  });
  const base = { locale, logger, access: deps.access, origins };
  app.command(
    '/calsync',
    calsyncCommand({
      ...base,
      jobs,
      memory,
      secrets: deps.secrets,
      useCases: deps.useCases,
      runJob: runner.run,
      postDigest: async (channel) => void (await digest(channel, true)),
    }),
  );
  app.action(RETRY_ACTION_PATTERN, retryAction({ ...base, ...flow, jobs, memory, background: runner.background }));
  app.action(CONFIRM_ALL_ACTION_ID, confirmAllAction({ ...base, jobs, runJob: runner.run }));
  app.action(CANCEL_ALL_ACTION_ID, cancelAllAction(base));
  return { runner, digest };
}
