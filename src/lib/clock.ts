// Time as a dependency (STYLE: inject the clock). Adapters and policies ask a Clock instead of calling
// Date.now(), so a test fixes or advances time instead of sleeping through it.
export interface Clock {
  /** Milliseconds since the epoch, as Date.now(). */
  ms(): number;
  now(): Date;
}

/** A clock that can also wait: a test moves it past a delay instead of sitting through the delay. */
export interface Timer extends Clock {
  /** Resolves after `ms` of this clock's time; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Timer = {
  ms: () => Date.now(),
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const abort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', abort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', abort, { once: true });
    }),
};

export interface ManualClock extends Timer {
  /** Moves time forward by `ms` (never back), waking every sleep that is then due. */
  advance(ms: number): void;
  set(at: Date | number): void;
  /** Resolves once `count` sleeps wait on this clock: the cue that the code under test reached its wait. */
  waiting(count?: number): Promise<void>;
}

interface Sleeper {
  due: number;
  wake(): void;
}

interface Watcher {
  count: number;
  ready(): void;
}

const msOf = (at: Date | number) => (typeof at === 'number' ? at : at.getTime());

/** A clock that stands still until told to move: for tests. */
export function manualClock(start: Date | number = Date.UTC(2026, 0, 15, 12)): ManualClock {
  let at = msOf(start);
  const sleepers = new Set<Sleeper>();
  const watchers = new Set<Watcher>();
  const tick = () => {
    wakeDue(sleepers, at);
    notify(watchers, sleepers.size);
  };
  return {
    ms: () => at,
    now: () => new Date(at),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const wake = () => {
          signal?.removeEventListener('abort', abort);
          resolve();
        };
        const sleeper: Sleeper = { due: at + Math.max(0, ms), wake };
        const abort = () => {
          sleepers.delete(sleeper);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', abort, { once: true });
        sleepers.add(sleeper);
        tick();
      }),
    advance(ms) {
      if (ms < 0) throw new RangeError('a clock never goes back');
      at += ms;
      tick();
    },
    set(to) {
      at = msOf(to);
      tick();
    },
    waiting: (count = 1) =>
      new Promise<void>((ready) => {
        watchers.add({ count, ready });
        tick();
      }),
  };
}

function wakeDue(sleepers: Set<Sleeper>, at: number) {
  const due = [...sleepers].filter((s) => s.due <= at).sort((a, b) => a.due - b.due);
  for (const s of due) {
    sleepers.delete(s);
    s.wake();
  }
}

function notify(watchers: Set<Watcher>, sleeping: number) {
  for (const w of watchers) {
    if (sleeping < w.count) continue;
    watchers.delete(w);
    w.ready();
  }
}
