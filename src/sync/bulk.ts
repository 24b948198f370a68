// A bulk run (`--failed`, `--all`, Slack's `failed`/`all`): many services through the same engine.
// Cal.com is read once (the owner's whole list, SPEC §3.4) and every service is planned against it, so a
// service already in step costs no request at all; only updates, creates and recreates reach the limiter.
// A few workers are enough: the rate limiter is the real pace-setter, and a service is only claimed when a
// worker picks it up, so no claim is held while its requests wait in the limiter's queue for long.
import type { Engine } from './engine.js';
import type { ListSnapshot } from './snapshot.js';
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
  /** Told when the list could not be read: the run goes on, each service reading its own event type. */
  onListFailed?: (err: unknown) => void;
  onResult?: (result: SyncResult, progress: BulkProgress) => void | Promise<void>;
}

/** An engine, or a wrapper of one; without `readAll` every service reads for itself. */
export type BulkEngine = Pick<Engine, 'sync'> & Partial<Pick<Engine, 'readAll'>>;

export async function runBulk(
  engine: BulkEngine,
  ids: readonly number[],
  request: Omit<SyncRequest, 'serviceId'>,
  opts: BulkOptions = {},
): Promise<{ results: SyncResult[]; counts: BulkCounts }> {
  const results: SyncResult[] = new Array(ids.length);
  let listed: ListSnapshot | undefined;
  if (ids.length > 1 && engine.readAll) {
    // A failed read costs the run nothing but speed: each sync then reads (and retries) on its own.
    listed = await engine.readAll().catch((err: unknown) => void opts.onListFailed?.(err));
  }
  const counts: BulkCounts = {};
  let next = 0;
  let done = 0;
  async function worker() {
    while (next < ids.length) {
      const index = next++;
      const result = await engine.sync({ ...request, serviceId: ids[index]! }, listed);
      results[index] = result;
      counts[result.kind] = (counts[result.kind] ?? 0) + 1;
      done++;
      await opts.onResult?.(result, { done, total: ids.length, counts, last: result });
    }
  }
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 8, ids.length) }, worker));
  return { results, counts };
}
