// A bulk run in Slack (`/calsync failed`, `/calsync all`): one parent with a progress bar, updated at most
// every few seconds (chat.update is rate limited, and a person can't read faster anyway), then a summary
// in its thread with each failure's snippet and Retry button.
import { runBulk, type BulkCounts } from '../../sync/bulk.js';
import type { OutcomeKind, SyncOutcome, SyncResult } from '../../sync/types.js';
import { bulkProgressMessage, bulkSummaryMessage, type BulkFailure } from '../messages/index.js';
import type { FlowDeps } from '../deps.js';
import type { Reporter } from '../poster.js';

export interface BulkInput {
  label: 'failed' | 'all';
  ids: number[];
  user: string;
  channel: string;
  jobId?: number;
  /** Resuming after a crash: the parent already posted, and what was finished before. */
  parentTs?: string | null;
  done?: SyncResult[];
  onParent?: (ts: string) => Promise<void>;
}

function merge(a: BulkCounts, b: BulkCounts): BulkCounts {
  const out: BulkCounts = { ...a };
  for (const [k, v] of Object.entries(b) as [keyof BulkCounts, number][]) out[k] = (out[k] ?? 0) + v;
  return out;
}

function outcomeCounts(counts: BulkCounts): Partial<Record<OutcomeKind, number>> {
  const { busy: _b, unknown: _u, ...rest } = counts;
  return rest;
}

export async function bulkInSlack(deps: FlowDeps, reporter: Reporter, input: BulkInput, now: () => number = Date.now) {
  const { locale, engine } = deps;
  const started = now();
  const progress = (done: number, counts: BulkCounts) =>
    bulkProgressMessage(
      { label: input.label, done, total: input.ids.length, counts: outcomeCounts(counts), requestedBy: input.user },
      locale,
    );
  const done = input.done ?? [];
  const finished = new Set(done.map((r) => r.serviceId));
  const todo = input.ids.filter((id) => !finished.has(id));
  const before: BulkCounts = {};
  for (const r of done) before[r.kind] = (before[r.kind] ?? 0) + 1;
  let parentTs = input.parentTs ?? null;
  if (!parentTs) {
    parentTs = await reporter.post(progress(0, {}));
    if (parentTs) {
      await deps.memory.remember(input.channel, parentTs, 'bulk');
      await input.onParent?.(parentTs);
    }
  }

  const every = deps.progressEveryMs ?? 3000;
  let lastUpdate = now();
  let updating: Promise<void> = Promise.resolve();
  const slack = parentTs ? { channel: input.channel, threadTs: parentTs } : undefined;
  const run = await runBulk(
    engine,
    todo,
    { trigger: 'bulk', requestedBy: input.user, slack, jobId: input.jobId },
    {
      onResult: (_r, p) => {
        if (!parentTs || now() - lastUpdate < every) return;
        lastUpdate = now();
        // Never wait for Slack inside the run, and never let two updates race: chain them.
        // An update Slack refuses is cosmetic: it must not hold back the summary.
        updating = updating.then(() => reporter.update(parentTs!, progress(done.length + p.done, merge(before, p.counts)))).catch(() => {});
      },
    },
  );
  await updating;
  const results = [...done, ...run.results];
  const counts = merge(before, run.counts);
  const failures: BulkFailure[] = results
    .filter((r): r is Extract<SyncOutcome, { kind: 'failed' }> => r.kind === 'failed')
    .map((r) => ({ serviceId: r.serviceId, serviceName: r.serviceName, error: r.error, attempts: r.attempts, invalid: r.invalid }));
  if (parentTs) await reporter.update(parentTs, progress(input.ids.length, counts));
  await reporter.post(
    bulkSummaryMessage(
      {
        label: input.label,
        total: input.ids.length,
        counts: outcomeCounts(counts),
        failures,
        requestedBy: input.user,
        durationMs: now() - started,
      },
      locale,
    ),
    parentTs ?? undefined,
  );
  return { counts, failures };
}
