// The sync of one service (SPEC §3): claim it, decide create or update, carry it out against Cal.com
// with retries, record the result on the service and in the audit trail, release it.
// The rules that prevent duplicates live in `attempt` below; read it first.
import { classify, isAmbiguous, isApiFailure } from './classify.js';
import { invalidReason, payloadFor, payloadHash } from './payload.js';
import type { ApiFailure, EventTypePayload, EventTypes, SyncStore } from './ports.js';
import { defaultRetryPolicy, delayBefore, type RetryPolicy } from './retry.js';
import type { Service, SyncOutcome, SyncRequest, SyncResult } from './types.js';

export interface EngineDeps {
  calcom: EventTypes;
  store: SyncStore;
  /** Identifies this process in the cross-process claim. */
  holder: string;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => Date;
}

/** What one sync learns as it goes; it survives from one attempt to the next. */
interface Progress {
  linkedId: number | null;
  oldEventTypeId: number | null; // set when the linked event type turned out to be gone
  adopted: boolean;
  created: boolean;
  postMayHaveLanded: boolean; // an ambiguous POST failure: look before creating again
  lastAction: 'create' | 'update' | null;
}

class FatalSyncError extends Error {
  constructor(message: string, readonly status: number | null = null) {
    super(message);
  }
}

export function createEngine(deps: EngineDeps) {
  const policy = deps.retry ?? defaultRetryPolicy;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = deps.now ?? (() => new Date());
  const { calcom, store } = deps;

  async function findBySlug(slug: string) {
    return (await calcom.listOwn()).find((e) => e.slug === slug) ?? null;
  }

  async function adopt(service: Service, p: Progress, id: number, payload: EventTypePayload) {
    await store.link(service.id, id);
    p.linkedId = id;
    p.adopted = true;
    p.lastAction = 'update';
    await calcom.update(id, payload);
  }

  /** One pass over the rules. Throws ApiFailure (retryable or not) or FatalSyncError. */
  async function attempt(service: Service, payload: EventTypePayload, p: Progress): Promise<void> {
    if (p.linkedId !== null) {
      try {
        p.lastAction = 'update';
        await calcom.update(p.linkedId, payload);
        return;
      } catch (err) {
        if (!isApiFailure(err) || classify(err) !== 'entity-not-found') throw err;
        // Only a GET that also says "not found" proves the event type is gone (SPEC §3.6).
        // A GET that itself fails for a passing reason proves nothing: retry the attempt rather than fail.
        const gone = await calcom.get(p.linkedId).then(
          () => false,
          (e: unknown) => {
            if (isApiFailure(e) && e.retryable) throw e;
            return isApiFailure(e) && classify(e) === 'entity-not-found';
          },
        );
        if (!gone) throw err;
        p.oldEventTypeId = p.linkedId;
        p.linkedId = null;
        await store.link(service.id, null);
      }
    }
    if (p.postMayHaveLanded) {
      const existing = await findBySlug(payload.slug);
      if (existing) return adopt(service, p, existing.id, payload);
    }
    try {
      p.lastAction = 'create';
      const created = await calcom.create(payload);
      await store.link(service.id, created.id); // data.id, saved before anything else can go wrong
      p.linkedId = created.id;
      p.created = true;
    } catch (err) {
      if (!isApiFailure(err)) throw err;
      if (isAmbiguous(err)) p.postMayHaveLanded = true;
      if (classify(err) !== 'duplicate-slug') throw err;
      const existing = await findBySlug(payload.slug);
      if (!existing) throw new FatalSyncError(`Cal.com says slug "${payload.slug}" exists, but none of this key's event types has it: ${err.message}`, 400);
      await adopt(service, p, existing.id, payload);
    }
  }

  function toOutcome(service: Service, p: Progress, attempts: number): SyncOutcome {
    const base = { serviceId: service.id, serviceName: service.name, attempts };
    const id = p.linkedId!;
    if (p.oldEventTypeId !== null && (p.created || p.adopted)) return { ...base, kind: 'recreated', eventTypeId: id, oldEventTypeId: p.oldEventTypeId };
    if (p.adopted) return { ...base, kind: 'adopted', eventTypeId: id };
    if (p.created) return { ...base, kind: 'created', eventTypeId: id };
    return { ...base, kind: 'updated', eventTypeId: id };
  }

  async function run(service: Service, request: SyncRequest): Promise<SyncOutcome> {
    const runId = await store.startRun({ ...request, oldEventTypeId: service.calcomEventTypeId });
    const p: Progress = { linkedId: service.calcomEventTypeId, oldEventTypeId: null, adopted: false, created: false, postMayHaveLanded: false, lastAction: null };
    const invalid = invalidReason(service);
    const payload = invalid ? null : payloadFor(service);
    let attempts = 0;
    let failure: { message: string; status: number | null } | null = invalid ? { message: `Invalid service ${service.id}: ${invalid}`, status: null } : null;

    while (payload && attempts < policy.attempts) {
      attempts++;
      try {
        await attempt(service, payload, p);
        failure = null;
        break;
      } catch (err) {
        failure = describe(err);
        if (!isApiFailure(err) || !err.retryable || attempts >= policy.attempts) break;
        await sleep(delayBefore(attempts, err, policy, deps.random));
      }
    }

    const at = now();
    const outcome: SyncOutcome = failure
      ? { serviceId: service.id, serviceName: service.name, attempts, kind: 'failed', error: failure.message, httpStatus: failure.status, eventTypeId: p.linkedId }
      : toOutcome(service, p, attempts);
    if (outcome.kind === 'failed') await store.recordFailure(service.id, outcome.error, attempts, at);
    else await store.recordSuccess(service.id, outcome.eventTypeId, attempts, at);
    await store.finishRun(runId, {
      action: p.lastAction,
      outcome: outcome.kind,
      newEventTypeId: p.linkedId,
      oldEventTypeId: p.oldEventTypeId ?? service.calcomEventTypeId,
      httpStatus: failure?.status ?? null,
      error: failure?.message ?? null,
      attempts,
      payloadHash: outcome.kind !== 'failed' && payload ? payloadHash(payload) : null,
    });
    return outcome;
  }

  /** Syncs one service, unless it is unknown or another sync of it is running right now. */
  async function sync(request: SyncRequest): Promise<SyncResult> {
    const service = await store.getService(request.serviceId);
    if (!service) return { kind: 'unknown', serviceId: request.serviceId };
    const claim = await store.claim(service.id, deps.holder, request.slack);
    if (!claim.ok) return { kind: 'busy', serviceId: service.id, since: claim.since, slack: claim.slack };
    try {
      return await run(service, request);
    } finally {
      await store.release(service.id, deps.holder);
    }
  }

  return { sync };
}

export type Engine = ReturnType<typeof createEngine>;

function describe(err: unknown): { message: string; status: number | null } {
  if (err instanceof FatalSyncError) return { message: err.message, status: err.status };
  if (isApiFailure(err)) return { message: err.message, status: (err as ApiFailure).status || null };
  return { message: `Internal error: ${(err as Error)?.message ?? String(err)}`, status: null };
}
