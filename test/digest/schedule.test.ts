import { afterEach, describe, expect, it, vi } from 'vitest';
import { cronPattern, isDue, localDate, nextDigestTime, startDigestSchedule } from '../../src/digest/schedule.js';

const BERLIN = 'Europe/Berlin';
const iso = (d: Date) => d.toISOString().replace('.000', '');

describe('nextDigestTime, 09:00 Berlin around the DST switches', () => {
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

  /** croner re-arms its timer every 30 s; an async advance over days is slow, so step synchronously an hour at a time and let promises settle in between. */
  async function advanceHours(hours: number) {
    for (let h = 0; h < hours; h++) {
      vi.advanceTimersByTime(3600_000);
      await vi.advanceTimersByTimeAsync(0);
    }
  }

  async function firings(start: string, days: number, opts: { sweepMinutes?: number; catchUp?: boolean } = {}) {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(start));
    const fired: string[] = [];
    const schedule = startDigestSchedule({
      time: '09:00', timezone: BERLIN, catchUp: opts.catchUp ?? false, sweepMinutes: opts.sweepMinutes ?? 0,
      run: async () => void fired.push(iso(new Date())),
    });
    await advanceHours(days * 24);
    schedule.stop();
    return fired;
  }

  it('fires at 09:00 Berlin on the days around spring forward', async () => {
    expect(await firings('2026-03-27T12:00:00Z', 4)).toEqual([
      '2026-03-28T08:00:00Z', '2026-03-29T07:00:00Z', '2026-03-30T07:00:00Z', '2026-03-31T07:00:00Z',
    ]);
  });

  it('fires at 09:00 Berlin on the days around fall back', async () => {
    expect(await firings('2026-10-23T12:00:00Z', 4)).toEqual([
      '2026-10-24T07:00:00Z', '2026-10-25T08:00:00Z', '2026-10-26T08:00:00Z', '2026-10-27T08:00:00Z',
    ]);
  });

  it('catches up at start and sweeps every few minutes', async () => {
    const fired = await firings('2026-11-24T09:55:00Z', 1 / 24, { catchUp: true, sweepMinutes: 10 });
    // (one hour: firings() steps whole hours)
    expect(fired).toEqual(['2026-11-24T09:55:00Z', '2026-11-24T10:00:00Z', '2026-11-24T10:10:00Z', '2026-11-24T10:20:00Z', '2026-11-24T10:30:00Z', '2026-11-24T10:40:00Z', '2026-11-24T10:50:00Z']);
  });

  it('never runs twice at once, logs a failed run and keeps going', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-24T07:59:00Z'));
    const errors: unknown[] = [];
    let calls = 0;
    const schedule = startDigestSchedule({
      time: '09:00', timezone: 'UTC', sweepMinutes: 1,
      logger: { info: () => {}, error: (obj) => errors.push(obj) },
      // Each run takes 90 s, so every other sweep finds one in flight; the first one fails.
      run: () => new Promise<void>((resolve, reject) => setTimeout(() => (++calls === 1 ? reject(new Error('slack down')) : resolve()), 90_000)),
    });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    schedule.stop();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ why: 'catch-up', err: { message: 'slack down' } });
    expect(calls).toBeGreaterThanOrEqual(4);
    expect(calls).toBeLessThanOrEqual(6);
  });

  it('stop() ends it', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-24T08:00:00Z'));
    let calls = 0;
    const schedule = startDigestSchedule({ time: '09:00', timezone: 'UTC', catchUp: false, run: async () => void calls++ });
    expect(schedule.nextRun()?.toISOString()).toBe('2026-11-24T09:00:00.000Z');
    schedule.stop();
    await advanceHours(48);
    expect(calls).toBe(0);
  });
});
