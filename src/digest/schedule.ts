// When the digest is due (SPEC §5), as pure rules on DIGEST_TIME in DIGEST_TIMEZONE: the local date that
// makes "once a day" hold, and whether the time has come. The timers that fire runs live in app/schedule.ts.

export interface ScheduleLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** DIGEST_TIME: `HH:MM`, 24-hour; config.ts checks the environment with it. */
export const DIGEST_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `09:05` → `5 9 * * *`. */
export function cronPattern(time: string): string {
  const m = DIGEST_TIME.exec(time);
  if (!m) throw new RangeError(`DIGEST_TIME must be HH:MM (24-hour), got "${time}"`);
  return `${Number(m[2])} ${Number(m[1])} * * *`;
}

function parts(date: Date, timezone: string): Record<string, string> {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
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
