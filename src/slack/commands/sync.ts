// Usage: /calsync 85 | sync 85 86 | failed
// Syncs services, each in its own thread, or every service in error as one bulk run (SPEC §4). The work is
// recorded before the ack (SPEC §10): a crash after it loses nothing, and a redelivery of the same
// trigger_id finds the job and stops.
import type { Logger } from '../../lib/logger.js';
import type { Jobs } from '../../db/jobs.js';
import type { Locale } from '../../sync/types.js';
import type { Job } from '../../db/jobs.js';
import type { RunJob } from '../deps.js';
import { databaseDownMessage } from '../messages/trouble.js';
import type { SlackMessage } from '../messages/types.js';
import type { Respond } from '../poster.js';
import type { Command } from './parse.js';

export interface SyncCommandDeps {
  locale: Locale;
  logger: Logger;
  jobs: Pick<Jobs, 'enqueue'>;
  runJob: RunJob;
}

export interface SyncCommandRequest {
  user: string;
  channel: string;
  triggerId: string;
  responseUrl: string;
  /** X-Slack-Retry-Num, for the log of an ignored redelivery. */
  retryNum?: number;
  ack(message?: SlackMessage & { response_type: 'ephemeral' }): Promise<void>;
  /** The request's ephemeral answers. */
  respond: Respond;
}

export async function syncCommand(
  deps: SyncCommandDeps,
  cmd: Extract<Command, { kind: 'sync' | 'failed' }>,
  req: SyncCommandRequest,
): Promise<void> {
  const { logger } = deps;
  let job: Job | null;
  try {
    job = await deps.jobs.enqueue(`cmd:${req.triggerId}`, cmd.kind === 'sync' ? 'sync' : 'bulk', {
      user: req.user,
      channel: req.channel,
      responseUrl: req.responseUrl,
      ...(cmd.kind === 'sync' ? { ids: cmd.ids } : { label: 'failed' as const }),
    });
  } catch (err) {
    logger.error({ err }, 'could not record a /calsync job');
    return req.ack({ response_type: 'ephemeral', ...databaseDownMessage(deps.locale) });
  }
  await req.ack();
  if (!job) return void logger.info({ retryNum: req.retryNum }, 'ignored a redelivered command');
  return deps.runJob(job, req.respond).catch((err: unknown) => logger.error({ err }, '/calsync job failed'));
}
