// Time as a dependency (STYLE: inject the clock). Adapters and policies ask a Clock instead of calling
// Date.now(), so a test fixes or advances time instead of sleeping through it.
export interface Clock {
  /** Milliseconds since the epoch, as Date.now(). */
  ms(): number;
  now(): Date;
}

export const systemClock: Clock = { ms: () => Date.now(), now: () => new Date() };

export interface ManualClock extends Clock {
  /** Moves time forward by `ms` (never back). */
  advance(ms: number): void;
  set(at: Date | number): void;
}

/** A clock that stands still until told to move: for tests. */
export function manualClock(start: Date | number = Date.UTC(2026, 0, 15, 12)): ManualClock {
  let at = typeof start === 'number' ? start : start.getTime();
  return {
    ms: () => at,
    now: () => new Date(at),
    advance(ms) {
      if (ms < 0) throw new RangeError('a clock never goes back');
      at += ms;
    },
    set(to) {
      at = typeof to === 'number' ? to : to.getTime();
    },
  };
}
