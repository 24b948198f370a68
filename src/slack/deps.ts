// Everything a Slack listener needs, made once at start and passed in (no module-level singletons).
import type { Logger } from '../app/logger.js';
import type { Config } from '../config.js';
import type { Job, Jobs } from '../db/jobs.js';
import type { SlackMemory } from '../db/slack.js';
import type { Respond } from './poster.js';
import type { Store } from '../db/store.js';
import type { Engine } from '../sync/engine.js';
import type { EventTypes } from '../sync/ports.js';
import type { Locale } from '../sync/types.js';

export interface SlackDeps {
  config: Readonly<Config>;
  logger: Logger;
  store: Store;
  memory: SlackMemory;
  /** Durable work: recorded before the ack, resumed after a crash. */
  jobs: Jobs;
  runJob: (job: Job, respond?: Respond) => Promise<void>;
  /** Runs a user's work after an ack in one of a few slots, taking turns with other users' (fair-queue.ts). */
  background: <T>(user: string, work: () => Promise<T>) => Promise<T>;
  engine: Engine;
  calcom: EventTypes;
  locale: Locale;
  /** Posts the digest to a channel now (the `/calsync digest` command). */
  postDigest?: (channel: string) => Promise<void>;
  /** Seconds between progress updates of a bulk run (SPEC: at most every few seconds). */
  progressEveryMs?: number;
}

export function isAllowed(config: Pick<Config, 'allowedUsers' | 'allowedChannels'>, user: string, channel: string): boolean {
  const userOk = config.allowedUsers.length === 0 || config.allowedUsers.includes(user);
  const channelOk = config.allowedChannels.length === 0 || config.allowedChannels.includes(channel);
  return userOk && channelOk;
}
