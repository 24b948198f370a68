// `calsync serve`'s wiring, beside the composition root: the Slack app on the context's pieces, the sync
// use case in its fair slots, and the daily digest schedule firing the app's digest poster.
import { secretsOf } from '../config.js';
import type { Store } from '../db/store.js';
import { fairScheduler, type FairLimits } from '../slack/fair-queue.js';
import { checkSlackConfig, startSlackApp, type SlackAppOptions, type SlackServer } from '../slack/app.js';
import type { Engine } from '../sync/engine.js';
import type { Context } from './context.js';
import { startDigestSchedule } from './schedule.js';

/**
 * Syncs run at once from Slack work, taking turns across users. Acks must never wait behind background
 * work: every job is written before its ack, and the embedded database answers one query at a time. A few
 * syncs at once keep its queue short, and lose no speed: the Cal.com rate limiter allows about two syncs a
 * second at the default limit anyway. The syncs are where jobs really wait, so their turns are fair too:
 * one user's bulk run can't fill every slot.
 */
const SYNC_SLOTS: FairLimits = { slots: 4, perUser: 3 };
/** Jobs (commands, clicks, bulk runs) worked on at once, taking turns across users; the rest wait in memory, already recorded. */
const JOB_SLOTS: FairLimits = { slots: 8, perUser: 6 };

export interface ServeOptions extends SlackAppOptions {
  /** Tests: the store Slack's flows read services through (one that fails on demand). */
  store?: Store;
}

/** The engine's syncs, each waiting for one of a few fair slots. */
function inSyncSlots(engine: Engine, limits: FairLimits = SYNC_SLOTS): Engine {
  const slots = fairScheduler(limits);
  return { ...engine, sync: (request, listed) => slots.run(request.requestedBy ?? '', () => engine.sync(request, listed)) };
}

export async function serveSlack(ctx: Context, options: ServeOptions = {}): Promise<SlackServer> {
  const { config, logger } = ctx;
  const { store = ctx.store, ...appOptions } = options;
  checkSlackConfig(config.slack);
  const { engine } = ctx.requireEngine();
  const server = await startSlackApp(
    {
      slack: config.slack,
      access: config,
      locale: config.locale,
      secrets: secretsOf(config),
      logger,
      clock: ctx.clock,
      health: ctx.health,
      store,
      memory: ctx.memory,
      jobs: ctx.jobs,
      engine: inSyncSlots(engine),
      useCases: ctx.useCases,
      jobSlots: JOB_SLOTS,
    },
    appOptions,
  );
  // The daily digest (SPEC §5); the digest run's claim makes it once per channel and day across replicas.
  const { channel, time, timezone } = config.digest;
  const schedule = channel
    ? startDigestSchedule({ time, timezone, logger, run: async () => void (await server.postDigest(channel, false)) })
    : null;
  return {
    ...server,
    async stop() {
      schedule?.stop();
      await server.stop();
    },
  };
}
