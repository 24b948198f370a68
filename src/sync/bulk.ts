// A bulk run (`--failed`, `--all`, Slack's `failed`/`all`): many services through the same engine.
// A few workers are enough: the rate limiter is the real pace-setter, and a service is only claimed when a
// worker picks it up, so no claim is held while its requests wait in the limiter's queue for long.
import type { Engine } from './engine.js';
import type { OutcomeKind, SyncRequest, SyncResult } from './types.js';

export type BulkCounts = Partial<Record<OutcomeKind | 'busy' | 'unknown', number>>;

export interface BulkProgress {
  done: number;
  total: number;
  counts: BulkCounts;
  last?: SyncResult;
}

export interface BulkOptions {
  concurrency?: number;
  onResult?: (result: SyncResult, progress: BulkProgress) => void | Promise<void>;
}

export async function runBulk(engine: Pick<Engine, 'sync'>, ids: readonly number[], request: Omit<SyncRequest, 'serviceId'>, opts: BulkOptions = {}): Promise<{ results: SyncResult[]; counts: BulkCounts }> {
  const results: SyncResult[] = new Array(ids.length);
  const counts: BulkCounts = {};
  let next = 0;
  let done = 0;
  async function worker() {
    while (next < ids.length) {
      const index = next++;
      const result = await engine.sync({ ...request, serviceId: ids[index]! });
      results[index] = result;
      counts[result.kind] = (counts[result.kind] ?? 0) + 1;
      done++;
      await opts.onResult?.(result, { done, total: ids.length, counts, last: result });
    }
  }
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 8, ids.length) }, worker));
  return { results, counts };
}
