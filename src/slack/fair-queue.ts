// Fair scheduling of Slack work across users (SPEC §4: one user's bulk work never starves another's sync).
// A first-in-first-out pool lets one user's backlog hold every slot; here each user has their own line,
// the lines take turns (round robin), and no user runs more than `perUser` at once, so a newcomer finds a
// slot free. The queue is plain data (FairQueue); fairScheduler runs async work through it.

export interface FairLimits {
  /** Work items running at once, all users together. */
  slots: number;
  /** Work items one user runs at once; below `slots` so someone else always finds room. */
  perUser: number;
}

export class FairQueue<T> {
  /** Waiting items per user; the Map's order is the ring, its first user the next to be served. */
  private readonly lines = new Map<string, T[]>();
  private readonly busy = new Map<string, number>();
  private active = 0;

  constructor(readonly limits: FairLimits) {}

  get running(): number {
    return this.active;
  }

  get waiting(): number {
    let n = 0;
    for (const line of this.lines.values()) n += line.length;
    return n;
  }

  push(user: string, item: T): void {
    const line = this.lines.get(user);
    if (line) line.push(item);
    else this.lines.set(user, [item]);
  }

  /** The next item to start (now counted as running), or undefined while no slot is free for anyone waiting. */
  take(): { user: string; item: T } | undefined {
    if (this.active >= this.limits.slots) return undefined;
    for (const [user, line] of this.lines) {
      if ((this.busy.get(user) ?? 0) >= this.limits.perUser) continue;
      const item = line.shift()!;
      // Served: to the back of the ring, so every other user waiting goes first next time.
      this.lines.delete(user);
      if (line.length) this.lines.set(user, line);
      this.busy.set(user, (this.busy.get(user) ?? 0) + 1);
      this.active++;
      return { user, item };
    }
    return undefined;
  }

  /** One of `user`'s items finished. */
  release(user: string): void {
    const n = (this.busy.get(user) ?? 0) - 1;
    if (n > 0) this.busy.set(user, n);
    else this.busy.delete(user);
    this.active = Math.max(0, this.active - 1);
  }

  /**
   * How many items `item` waits behind: those that start before it in the round robin, plus the running
   * ones it waits on (its user's own when the user is at the cap, else all of them). -1 if not waiting.
   */
  ahead(user: string, item: T): number {
    const line = this.lines.get(user);
    const k = line ? line.indexOf(item) : -1;
    if (!line || k < 0) return -1;
    let before = k;
    let earlierInRing = true;
    for (const [other, theirs] of this.lines) {
      if (other === user) {
        earlierInRing = false;
        continue;
      }
      // Users ahead in the ring are served once more than this user by the time its turn k comes.
      before += Math.min(theirs.length, earlierInRing ? k + 1 : k);
    }
    const own = this.busy.get(user) ?? 0;
    return before + (own >= this.limits.perUser ? own : this.active);
  }
}

export interface FairScheduler {
  /** Runs `work` when its turn comes; `onQueued` is told at once how many it waits behind if it must wait. */
  run<T>(user: string, work: () => Promise<T>, onQueued?: (ahead: number) => void): Promise<T>;
  readonly running: number;
  readonly waiting: number;
}

export function fairScheduler(limits: FairLimits): FairScheduler {
  const queue = new FairQueue<() => void>(limits);
  const pump = () => {
    for (let next = queue.take(); next; next = queue.take()) next.item();
  };
  return {
    run<T>(user: string, work: () => Promise<T>, onQueued?: (ahead: number) => void) {
      return new Promise<T>((resolve, reject) => {
        let started = false;
        const start = () => {
          started = true;
          Promise.resolve()
            .then(work)
            .then(resolve, reject)
            .finally(() => {
              queue.release(user);
              pump();
            });
        };
        queue.push(user, start);
        pump();
        // The notice is the caller's business; its failure must not lose the work already queued.
        if (!started) {
          try {
            onQueued?.(queue.ahead(user, start));
          } catch {}
        }
      });
    },
    get running() {
      return queue.running;
    },
    get waiting() {
      return queue.waiting;
    },
  };
}
