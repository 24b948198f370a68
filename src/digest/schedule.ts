// When the digest is due (SPEC §5): DIGEST_TIME in DIGEST_TIMEZONE, DST-correct. croner does the
// time-zone arithmetic; on a spring-forward day a time inside the gap (02:30 in Berlin) fires right
// after the jump, and on a fall-back day a repeated time fires once. The daily tick alone is not
// enough: a failed post or a crashed replica's claim would cost the day, so a sweep retries
// every few minutes. Each run decides for itself (isDue, the claim) whether anything is posted.
import { Cron } from 'croner';

export interface ScheduleLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** `09:05` → `5 9 * * *`. */
export function cronPattern(time: string): string {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!m) throw new RangeError(`DIGEST_TIME must be HH:MM (24-hour), got "${time}"`);
  return `${Number(m[2])} ${Number(m[1])} * * *`;
}

/** The first digest time strictly after `after`. */
export function nextDigestTime(time: string, timezone: string, after: Date): Date {
  const job = new Cron(cronPattern(time), { timezone, paused: true });
  const next = job.nextRun(after);
  job.stop();
  if (!next) throw new RangeError(`No digest time after ${after.toISOString()} for ${time} ${timezone}`);
  return next;
}

function parts(date: Date, timezone: string): Record<string, string> {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
  return Object.fromEntries(fmt.formatToParts(date).map((p) => [p.type, p.value]));
}

/** The calendar date in `timezone`: the key that makes "once per day" hold. */
export function localDate(date: Date, timezone: string): string {
  const p = parts(date, timezone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Local time now is at or past DIGEST_TIME today, so a digest not yet posted today is owed. */
export function isDue(now: Date, time: string, timezone: string): boolean {
  cronPattern(time); // validates
  const p = parts(now, timezone);
  return `${p.hour}:${p.minute}` >= time;
}

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
  if (!Number.isInteger(sweepMinutes) || sweepMinutes < 0 || sweepMinutes > 59) throw new RangeError(`sweepMinutes must be 0–59, got ${sweepMinutes}`);
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
