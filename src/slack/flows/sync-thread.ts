// One service, one thread (SPEC §4 "Threads"): a parent message in the channel, the sync, the result as a
// reply in the parent's thread, and the parent updated to the final state so the channel reads at a glance.
// The reporter never throws: a parent Slack refuses leaves the result to a channel message, the sync runs.
import type { Engine } from '../../sync/engine.js';
import type { SyncResult, Trigger } from '../../sync/types.js';
import { alreadyRunningMessage, parentMessage, syncResultMessage, unknownServiceMessage } from '../messages/index.js';
import type { FlowDeps } from '../deps.js';
import type { Reporter } from '../poster.js';

export interface ThreadSyncInput {
  serviceId: number;
  user: string;
  channel: string;
  trigger: Trigger;
  /** Reply in this existing thread (a Retry click) instead of posting a new parent. */
  threadTs?: string;
  /** Update this parent when done (null for a bulk or digest thread, whose parent is not one service's). */
  parentTs?: string | null;
  /** The parent was posted while the job waited ("queued behind N"): show it running now. */
  parentQueued?: boolean;
  jobId?: number;
  /** Told the new parent's ts as soon as it is posted, so a resumed job replies under it. */
  onParent?: (ts: string) => Promise<void>;
}

export async function syncInThread(
  deps: Omit<FlowDeps, 'engine'>,
  engine: Engine,
  reporter: Reporter,
  input: ThreadSyncInput,
): Promise<SyncResult> {
  const { store, locale, memory } = deps;
  const service = await store.getService(input.serviceId);
  if (!service) {
    await reporter.post(unknownServiceMessage(input.serviceId, locale), input.threadTs);
    return { kind: 'unknown', serviceId: input.serviceId };
  }
  const parent = (state: Parameters<typeof parentMessage>[0]['state'], eventTypeId?: number | null) =>
    parentMessage({ serviceId: service.id, serviceName: service.name, requestedBy: input.user, state, eventTypeId }, locale);

  let threadTs = input.threadTs;
  let parentTs = input.parentTs ?? null;
  if (!threadTs) {
    const ts = await reporter.post(parent('running'));
    if (ts) {
      await memory.remember(input.channel, ts, 'service', service.id);
      await input.onParent?.(ts);
      threadTs = parentTs = ts;
    }
  } else if (parentTs && input.parentQueued) {
    await reporter.update(parentTs, parent('running'));
  }

  const result = await engine.sync({
    serviceId: service.id,
    trigger: input.trigger,
    requestedBy: input.user,
    slack: { channel: input.channel, threadTs },
    jobId: input.jobId,
  });
  if (result.kind === 'busy') {
    await reporter.post(alreadyRunningMessage({ serviceId: service.id, since: result.since, slack: result.slack }, locale), threadTs);
    if (parentTs) await reporter.update(parentTs, parent('busy'));
    return result;
  }
  if (result.kind === 'unknown') return result; // deleted between the two reads
  await reporter.post(syncResultMessage(result, locale), threadTs);
  if (parentTs) await reporter.update(parentTs, parent(result.kind, result.eventTypeId));
  return result;
}
