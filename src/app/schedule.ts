// Fires digest runs (SPEC §5): the daily tick at DIGEST_TIME in DIGEST_TIMEZONE, DST-correct. croner does the
// time-zone arithmetic; on a spring-forward day a time inside the gap (02:30 in Berlin) fires right
// after the jump, and on a fall-back day a repeated time fires once. The daily tick alone is not
// enough: a failed post or a crashed replica's claim would cost the day, so a sweep retries
// every few minutes. Each run decides for itself (isDue, the claim) whether anything is posted.
import { Cron } from 'croner';
import { cronPattern, type ScheduleLogger } from '../digest/schedule.js';

export interface DigestScheduleOptions {
  time: string;
  timezone: string;
  run: () => Promise<void>;
  logger?: ScheduleLogger;
  /** Run once at start, to catch up on a digest missed while the app was down (default true). */
  catchUp?: boolean;
  /** Minutes between retry sweeps; 0 turns them off (default 10). */
  sweepMinutes?: number;
}

export interface DigestSchedule {
  stop(): void;
  /** When the daily tick fires next. */
  nextRun(): Date | null;
}

export function startDigestSchedule(opts: DigestScheduleOptions): DigestSchedule {
  const sweepMinutes = opts.sweepMinutes ?? 10;
  if (!Number.isInteger(sweepMinutes) || sweepMinutes < 0 || sweepMinutes > 59)
    throw new RangeError(`sweepMinutes must be 0–59, got ${sweepMinutes}`);
  let running: Promise<void> | null = null;
  // One run at a time: a sweep landing while the daily run posts just waits for the next one.
  const fire = (why: string) => () => {
    if (running) return;
    running = Promise.resolve()
      .then(opts.run)
      .catch((err: unknown) => opts.logger?.error({ err, why }, 'digest run failed'))
      .finally(() => (running = null));
  };
  const daily = new Cron(cronPattern(opts.time), { timezone: opts.timezone }, fire('daily'));
  const sweep = sweepMinutes > 0 ? new Cron(`*/${sweepMinutes} * * * *`, { timezone: opts.timezone }, fire('sweep')) : null;
  opts.logger?.info({ next: daily.nextRun()?.toISOString(), timezone: opts.timezone }, 'digest scheduled');
  if (opts.catchUp ?? true) fire('catch-up')();
  return {
    stop() {
      daily.stop();
      sweep?.stop();
    },
    nextRun: () => daily.nextRun(),
  };
}
