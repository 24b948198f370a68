import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDigestSchedule } from '../../src/app/schedule.js';
import { cronPattern, isDue, localDate } from '../../src/digest/schedule.js';

const BERLIN = 'Europe/Berlin';
const iso = (d: Date) => d.toISOString().replace('.000', '');

/** When the schedule's daily tick fires next, as seen at `after`. */
function nextDigestTime(time: string, timezone: string, after: Date): Date {
  vi.useFakeTimers();
  vi.setSystemTime(after);
  const schedule = startDigestSchedule({ time, timezone, catchUp: false, sweepMinutes: 0, run: async () => {} });
  const next = schedule.nextRun();
  schedule.stop();
  vi.useRealTimers();
  if (!next) throw new Error(`no digest time after ${after.toISOString()}`);
  return next;
}

describe('the next daily tick, 09:00 Berlin around the DST switches', () => {
  it.each([
    // Spring forward on Sunday 2026-03-29: CET (UTC+1) before, CEST (UTC+2) after.
    ['2026-03-27T12:00:00Z', '2026-03-28T08:00:00Z'],
    ['2026-03-28T07:59:59Z', '2026-03-28T08:00:00Z'],
    ['2026-03-28T08:00:00Z', '2026-03-29T07:00:00Z'], // strictly after
    ['2026-03-28T12:00:00Z', '2026-03-29T07:00:00Z'],
    ['2026-03-29T01:30:00Z', '2026-03-29T07:00:00Z'], // in the night of the jump
    ['2026-03-29T07:00:01Z', '2026-03-30T07:00:00Z'],
    ['2026-03-30T12:00:00Z', '2026-03-31T07:00:00Z'],
    // Fall back on Sunday 2026-10-25: CEST before, CET after.
    ['2026-10-23T12:00:00Z', '2026-10-24T07:00:00Z'],
    ['2026-10-24T12:00:00Z', '2026-10-25T08:00:00Z'],
    ['2026-10-25T00:30:00Z', '2026-10-25T08:00:00Z'], // inside the repeated hour
    ['2026-10-25T08:00:01Z', '2026-10-26T08:00:00Z'],
    ['2026-10-26T12:00:00Z', '2026-10-27T08:00:00Z'],
  ])('after %s → %s', (after, next) => {
    expect(iso(nextDigestTime('09:00', BERLIN, new Date(after)))).toBe(next);
  });

  it('a time inside the spring gap fires right after the jump; a repeated one fires once', () => {
    expect(iso(nextDigestTime('02:30', BERLIN, new Date('2026-03-28T12:00:00Z')))).toBe('2026-03-29T01:30:00Z'); // 03:30 CEST
    const first = nextDigestTime('02:30', BERLIN, new Date('2026-10-24T12:00:00Z'));
    expect(iso(first)).toBe('2026-10-25T00:30:00Z'); // the first 02:30, CEST
    expect(iso(nextDigestTime('02:30', BERLIN, first))).toBe('2026-10-26T01:30:00Z');
  });

  it('UTC and other zones', () => {
    expect(iso(nextDigestTime('09:00', 'UTC', new Date('2026-11-24T09:00:00Z')))).toBe('2026-11-25T09:00:00Z');
    expect(iso(nextDigestTime('23:45', 'America/New_York', new Date('2026-11-24T12:00:00Z')))).toBe('2026-11-25T04:45:00Z');
  });
});

describe('localDate and isDue', () => {
  it.each([
    ['2026-03-28T23:30:00Z', BERLIN, '2026-03-29'],
    ['2026-03-28T23:30:00Z', 'UTC', '2026-03-28'],
    ['2026-10-24T22:30:00Z', BERLIN, '2026-10-25'],
    ['2026-10-24T21:59:59Z', BERLIN, '2026-10-24'],
    ['2026-11-24T03:00:00Z', 'America/Los_Angeles', '2026-11-23'],
  ])('%s in %s is %s', (at, tz, date) => {
    expect(localDate(new Date(at), tz)).toBe(date);
  });

  it.each([
    ['2026-03-29T06:59:00Z', false], // 08:59 CEST
    ['2026-03-29T07:00:00Z', true],
    ['2026-03-28T07:30:00Z', false], // 08:30 CET
    ['2026-03-28T08:00:00Z', true],
    ['2026-10-25T07:59:00Z', false], // 08:59 CET
    ['2026-10-25T08:00:00Z', true],
    ['2026-10-25T22:59:00Z', true], // 23:59
    ['2026-10-25T23:00:00Z', false], // 00:00 the next day
  ])('at %s 09:00 Berlin is due: %s', (at, due) => {
    expect(isDue(new Date(at), '09:00', BERLIN)).toBe(due);
  });

  it('rejects a malformed time', () => {
    expect(cronPattern('09:05')).toBe('5 9 * * *');
    expect(() => cronPattern('9:00')).toThrow(/HH:MM/);
    expect(() => isDue(new Date(), '24:00', 'UTC')).toThrow(/HH:MM/);
  });
});

describe('startDigestSchedule with croner under fake timers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  // croner re-arms its timer every 30 s and computes the next run each time, so advancing through whole
  // days costs seconds. Instead the clock jumps to 06:30Z each day and runs two hours: both candidates,
  // 07:00Z (CEST) and 08:00Z (CET), lie inside, and croner must pick the right one.
  async function dailyFirings(days: string[]) {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(`${days[0]}T00:00:00Z`));
    const fired: string[] = [];
    const schedule = startDigestSchedule({
      time: '09:00',
      timezone: BERLIN,
      catchUp: false,
      sweepMinutes: 0,
      run: async () => void fired.push(iso(new Date())),
    });
    for (const day of days) {
      vi.setSystemTime(new Date(`${day}T06:30:00Z`));
      await vi.advanceTimersByTimeAsync(2 * 3600_000);
    }
    schedule.stop();
    return fired;
  }

  it('fires at 09:00 Berlin on the days around spring forward', async () => {
    expect(await dailyFirings(['2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31'])).toEqual([
      '2026-03-28T08:00:00Z',
      '2026-03-29T07:00:00Z',
      '2026-03-30T07:00:00Z',
      '2026-03-31T07:00:00Z',
    ]);
  });

  it('fires at 09:00 Berlin on the days around fall back', async () => {
    expect(await dailyFirings(['2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27'])).toEqual([
      '2026-10-24T07:00:00Z',
      '2026-10-25T08:00:00Z',
      '2026-10-26T08:00:00Z',
      '2026-10-27T08:00:00Z',
    ]);
  });

  it('catches up at start and sweeps every few minutes', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-24T09:55:00Z'));
    const fired: string[] = [];
    const schedule = startDigestSchedule({
      time: '09:00',
      timezone: BERLIN,
      sweepMinutes: 10,
      run: async () => void fired.push(iso(new Date())),
    });
    await vi.advanceTimersByTimeAsync(3600_000);
    schedule.stop();
    expect(fired).toEqual([
      '2026-11-24T09:55:00Z',
      '2026-11-24T10:00:00Z',
      '2026-11-24T10:10:00Z',
      '2026-11-24T10:20:00Z',
      '2026-11-24T10:30:00Z',
      '2026-11-24T10:40:00Z',
      '2026-11-24T10:50:00Z',
    ]);
  });

  it('never runs twice at once, logs a failed run and keeps going', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-24T07:59:00Z'));
    const errors: unknown[] = [];
    const starts: string[] = [];
    const schedule = startDigestSchedule({
      time: '09:00',
      timezone: 'UTC',
      sweepMinutes: 1,
      logger: { info: () => {}, error: (obj) => errors.push(obj) },
      // Each run takes 90 s, so every other sweep finds one in flight and is skipped; the first run fails.
      run: () => {
        starts.push(iso(new Date()).slice(11, 16));
        const fails = starts.length === 1;
        return new Promise<void>((resolve, reject) => setTimeout(() => (fails ? reject(new Error('slack down')) : resolve()), 90_000));
      },
    });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    schedule.stop();
    expect(starts).toEqual(['07:59', '08:01', '08:03', '08:05', '08:07', '08:09']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ why: 'catch-up', err: { message: 'slack down' } });
  });

  it('stop() ends it', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-24T08:00:00Z'));
    let calls = 0;
    const schedule = startDigestSchedule({ time: '09:00', timezone: 'UTC', catchUp: false, run: async () => void calls++ });
    expect(schedule.nextRun()?.toISOString()).toBe('2026-11-24T09:00:00.000Z');
    schedule.stop();
    await vi.advanceTimersByTimeAsync(2 * 3600_000);
    expect(calls).toBe(0);
  });
});
