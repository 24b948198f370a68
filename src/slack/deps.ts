// What Slack's listeners and flows are handed (no module-level singletons). Each listener names the few
// pieces it calls; these are the ones several share.
import type { Logger } from '../lib/logger.js';
import type { Config } from '../config.js';
import type { Job } from '../db/jobs.js';
import type { SlackMemory } from '../db/slack.js';
import type { Store } from '../db/store.js';
import type { Engine } from '../sync/engine.js';
import type { Locale } from '../sync/types.js';
import type { Respond } from './poster.js';

/** Who may use calsync (SPEC §8); empty lists allow everyone. */
export type Access = Pick<Config, 'allowedUsers' | 'allowedChannels'>;

/** What every listener needs to answer at all. */
export interface ListenerBase {
  locale: Locale;
  logger: Logger;
  access: Access;
  /** SLACK_RESPONSE_URL_ORIGINS: response_url is used only on these. */
  origins: readonly string[];
}

/** Starts a recorded job (slack/jobs.ts) and reports into the request's answers. */
export type RunJob = (job: Job, respond?: Respond) => Promise<void>;

/** Runs a user's work in one of a few slots, taking turns with other users' (fair-queue.ts). */
export type Background = <T>(user: string, work: () => Promise<T>) => Promise<T>;

/** What the flows in flows/ use: the sync use case (the engine, in its fair slots) and where messages are remembered. */
export interface FlowDeps {
  locale: Locale;
  engine: Engine;
  store: Pick<Store, 'getService'>;
  memory: Pick<SlackMemory, 'remember'>;
  /** Milliseconds between progress updates of a bulk run (SPEC: at most every few seconds). */
  progressEveryMs?: number;
}

export function isAllowed(config: Access, user: string, channel: string): boolean {
  const userOk = config.allowedUsers.length === 0 || config.allowedUsers.includes(user);
  const channelOk = config.allowedChannels.length === 0 || config.allowedChannels.includes(channel);
  return userOk && channelOk;
}
