// The manual clock tests lean on: it moves only when told, wakes sleepers in order of their due time, and
// tells a test when the code under test has reached its wait.
import { setImmediate as turn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { manualClock, systemClock } from '../../src/lib/clock.js';

describe('manualClock', () => {
  it('stands still until moved, and never goes back', () => {
    const clock = manualClock(Date.UTC(2026, 10, 24, 8));
    expect(clock.now().toISOString()).toBe('2026-11-24T08:00:00.000Z');
    clock.advance(1_500);
    expect(clock.ms()).toBe(Date.UTC(2026, 10, 24, 8) + 1_500);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('wakes a sleep when its time has come, not a millisecond before, and sleepers in due order', async () => {
    const clock = manualClock();
    const woke: string[] = [];
    const long = clock.sleep(200).then(() => woke.push('200'));
    const short = clock.sleep(100).then(() => woke.push('100'));
    clock.advance(99);
    await turn();
    expect(woke).toEqual([]);
    clock.advance(101);
    await Promise.all([long, short]);
    expect(woke).toEqual(['100', '200']);
  });

  it('waiting(n) resolves once n sleeps wait on it', async () => {
    const clock = manualClock();
    let two = false;
    const ready = clock.waiting(2).then(() => (two = true));
    void clock.sleep(10);
    await turn();
    expect(two).toBe(false);
    void clock.sleep(10);
    await ready;
    expect(two).toBe(true);
    clock.advance(10);
  });

  it('an aborted sleep rejects with the reason and is no longer waiting', async () => {
    const clock = manualClock();
    const stop = new AbortController();
    const sleeping = clock.sleep(1_000, stop.signal);
    stop.abort(new Error('closed'));
    await expect(sleeping).rejects.toThrow('closed');
    let waiting = false;
    void clock.waiting().then(() => (waiting = true));
    await turn();
    expect(waiting).toBe(false);
  });
});

describe('systemClock', () => {
  it('sleep rejects at once on an aborted signal, and when aborted while waiting', async () => {
    await expect(systemClock.sleep(10, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    const stop = new AbortController();
    const sleeping = systemClock.sleep(60_000, stop.signal);
    stop.abort(new Error('closed'));
    await expect(sleeping).rejects.toThrow('closed');
  });
});
