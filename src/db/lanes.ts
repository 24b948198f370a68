// PGlite is one session that runs one statement at a time, in the order asked. Behind a flood of syncs, the
// job row a Slack ack waits for would queue behind every sync statement already waiting; with two lanes it
// goes first and waits at most for the statement or transaction already running. The lane is carried by
// the async context, so a caller marks its work urgent without handing a second client down.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { PGlite } from '@electric-sql/pglite';

export type Lane = 'urgent' | 'background';

const lane = new AsyncLocalStorage<Lane>();

/** Runs `fn` with every database statement it issues in the urgent lane. */
export function urgently<T>(fn: () => Promise<T>): Promise<T> {
  // Awaited inside: a Prisma query starts when it is awaited, and must start in this context.
  return lane.run('urgent', async () => await fn());
}

export function currentLane(): Lane {
  return lane.getStore() ?? 'background';
}

/** One holder at a time; when it leaves, the longest-waiting urgent caller goes next, then background. */
export class Gate {
  #busy = false;
  readonly #waiting: Record<Lane, (() => void)[]> = { urgent: [], background: [] };

  async run<T>(lane: Lane, fn: () => Promise<T>): Promise<T> {
    // PGlite answers in microtasks: a sync's statements would follow one another without the event loop
    // ever reading a request in between. Background work lets it turn first, so an ack's request is read
    // (and its urgent statement queued) between any two background statements.
    if (lane === 'background') await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.#busy) await new Promise<void>((resolve) => this.#waiting[lane].push(resolve));
    else this.#busy = true;
    try {
      return await fn();
    } finally {
      const next = this.#waiting.urgent.shift() ?? this.#waiting.background.shift();
      if (next) next();
      else this.#busy = false;
    }
  }

  get waiting(): number {
    return this.#waiting.urgent.length + this.#waiting.background.length;
  }
}

/**
 * PGlite as pglite-prisma-adapter uses it (query, exec, transaction), every call through the gate in the
 * caller's lane. A transaction holds the gate until it ends; its own statements go straight through.
 */
export function gated(pglite: PGlite, gate: Gate): PGlite {
  const through = new Set<PropertyKey>(['query', 'exec', 'sql', 'transaction']);
  return new Proxy(pglite, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => Promise<unknown>;
      return through.has(prop) ? (...args: unknown[]) => gate.run(currentLane(), () => fn.apply(target, args)) : fn.bind(target);
    },
  });
}
