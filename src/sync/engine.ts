// The sync of one service (SPEC §3): claim it, read what Cal.com has, plan (plan.ts decides), carry the
// step out with retries, record the result on the service and in the audit trail, release it.
// The rules that prevent duplicates live in `create` and `read` below: an id is saved the moment Cal.com
// gives it, a duplicate slug is adopted, and after an ambiguous POST the next attempt looks before it creates.
import { classify, isAmbiguous, isApiFailure } from './classify.js';
import { readLinked, targetOf } from './locate.js';
import { serviceProblem } from './payload.js';
import { changesBetween, plan, slugToCreate, updateBody, type FieldChange, type Live, type Step } from './plan.js';
import { FatalSyncError, failureOf, linkOf, moveRefused, runEnd, toOutcome, type Failure, type Progress } from './outcome.js';
import type { CreatePayload, EventTypes, RemoteEventType, SyncStore } from './ports.js';
import { defaultRetryPolicy, retrying, type RetryPolicy } from './retry.js';
import { liveFromList, snapshotOf, type ListSnapshot } from './snapshot.js';
import type { Service, SyncOutcome, SyncRequest, SyncResult } from './types.js';

export interface EngineDeps {
  calcom: EventTypes;
  store: SyncStore;
  /** Identifies this process in the cross-process claim. */
  holder: string;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export function createEngine(deps: EngineDeps) {
  const policy = deps.retry ?? defaultRetryPolicy;
  const { calcom, store } = deps;
  const target = targetOf(calcom);

  async function findBySlug(slug: string) {
    return (await calcom.listOwn()).find((e) => e.slug === slug) ?? null;
  }

  /**
   * A GET that answers "not found" proves the event type gone, unless it was linked under another target
   * (locate.ts): then it is elsewhere. Any other failure proves nothing and is thrown.
   */
  const getLinked = (id: number, p: Progress): Promise<Live> => readLinked(calcom, id, p.link.linkedUnder);

  async function read(service: Service, p: Progress): Promise<Live> {
    if (p.link.eventTypeId !== null) return getLinked(p.link.eventTypeId, p);
    if (!p.postMayHaveLanded) return { kind: 'unread' };
    const existing = await findBySlug(slugToCreate(service, p.link));
    return existing ? { kind: 'found', eventType: existing } : { kind: 'absent' };
  }

  /** Found on the target's route: remember its slug now, and that it is linked under this target. */
  async function remember(service: Service, p: Progress, live: Live) {
    if (live.kind !== 'found' || p.link.eventTypeId === null) return;
    if (live.eventType.slug === p.link.slug && p.link.linkedUnder === target) return;
    await store.rememberSlug(service.id, live.eventType.id, live.eventType.slug, target);
    p.link = { ...p.link, slug: live.eventType.slug, linkedUnder: target };
  }

  /** Links an existing event type (keeping its slug), then sends only what differs. */
  async function adopt(service: Service, p: Progress, existing: Pick<RemoteEventType, 'id' | 'slug'>, changes: FieldChange[]) {
    await store.link(service.id, existing.id, existing.slug, target);
    p.link = { eventTypeId: existing.id, slug: existing.slug, linkedUnder: target };
    p.adopted = true;
    p.changes = changes;
    if (changes.length === 0) return;
    p.lastAction = 'update';
    await calcom.update(existing.id, updateBody(changes));
  }

  async function create(service: Service, p: Progress, payload: CreatePayload) {
    try {
      p.lastAction = 'create';
      const created = await calcom.create(payload);
      await store.link(service.id, created.id, created.slug, target); // data.id, saved before anything else can go wrong
      p.link = { eventTypeId: created.id, slug: created.slug, linkedUnder: target };
      p.created = true;
    } catch (err) {
      if (!isApiFailure(err)) throw err;
      if (isAmbiguous(err)) p.postMayHaveLanded = true;
      if (classify(err) !== 'duplicate-slug') throw err;
      const existing = await findBySlug(payload.slug);
      if (!existing)
        throw new FatalSyncError(
          `Cal.com says slug "${payload.slug}" exists, but none of this key's event types has it: ${err.message}`,
          400,
          { cause: err },
        );
      await adopt(service, p, existing, changesBetween(service, existing));
    }
  }

  async function recreate(service: Service, p: Progress, oldId: number, payload: CreatePayload) {
    p.oldEventTypeId = oldId;
    p.link = { ...p.link, eventTypeId: null };
    await store.link(service.id, null); // the remembered slug stays: the recreate comes back under it
    await create(service, p, payload);
  }

  /**
   * Linked to an event type of another target: refused unless asked (`--move`), so switching CALCOM_TEAM_ID
   * never doubles a catalogue silently. Asked, the target gets its own under the same slug (adopting one the
   * target already has) and the old one is left as it is, for the operator to retire.
   */
  async function move(service: Service, p: Progress, step: Extract<Step, { step: 'move' }>) {
    if (!p.mayMove) throw new FatalSyncError(moveRefused(service.id, step, target), null);
    p.movedFrom = step.eventTypeId;
    // The old link stays in the catalogue until the target's event type is linked in its place.
    p.link = { eventTypeId: null, slug: step.payload.slug };
    await create(service, p, step.payload);
  }

  /** Carries out one planned step. Throws ApiFailure (retryable or not) or FatalSyncError. */
  async function apply(service: Service, p: Progress, step: Step): Promise<void> {
    p.step = step.step;
    switch (step.step) {
      case 'in-sync':
      case 'invalid':
        p.changes = null;
        return;
      case 'create':
        return create(service, p, step.payload);
      case 'recreate':
        return recreate(service, p, step.oldEventTypeId, step.payload);
      case 'adopt':
        return adopt(service, p, { id: step.eventTypeId, slug: step.slug }, step.changes);
      case 'move':
        return move(service, p, step);
      case 'update':
        p.changes = step.changes;
        p.lastAction = 'update';
        try {
          await calcom.update(step.eventTypeId, updateBody(step.changes));
        } catch (err) {
          if (isApiFailure(err) && isAmbiguous(err)) p.maybeSent = step.changes;
          // Gone since it was read (a list can be minutes old): only a GET that agrees proves it (SPEC §3.7).
          if (!isApiFailure(err) || classify(err) !== 'entity-not-found') throw err;
          if ((await getLinked(step.eventTypeId, p)).kind !== 'absent') throw err;
          p.changes = null;
          return apply(service, p, plan(service, p.link, { kind: 'absent' }));
        }
    }
  }

  async function attempt(service: Service, p: Progress, known: Live | undefined): Promise<void> {
    const live = known ?? (await read(service, p));
    await remember(service, p, live);
    await apply(service, p, plan(service, p.link, live));
  }

  /** Attempts the sync as often as the retry policy allows: the failure that ended it, if any, and the attempts made. */
  async function attempted(service: Service, p: Progress, known: Live | undefined): Promise<{ attempts: number; failure: Failure | null }> {
    let attempts = 0;
    try {
      await retrying(
        async (n) => {
          attempts = n;
          await attempt(service, p, n === 1 ? known : undefined); // what the list said is used once; a retry reads afresh
        },
        { policy, sleep: deps.sleep, random: deps.random, retryable: (err) => isApiFailure(err) && err.retryable },
      );
      return { attempts, failure: null };
    } catch (err) {
      return { attempts, failure: failureOf(err) };
    }
  }

  async function run(service: Service, request: SyncRequest, listed?: ListSnapshot): Promise<SyncOutcome> {
    const runId = await store.startRun({ ...request, oldEventTypeId: service.calcomEventTypeId });
    const p: Progress = {
      link: linkOf(service, (await store.rememberedLinks([service.id])).get(service.id)),
      oldEventTypeId: null,
      movedFrom: null,
      mayMove: request.move === true,
      adopted: false,
      created: false,
      postMayHaveLanded: false,
      lastAction: null,
      step: null,
      changes: null,
      maybeSent: null,
    };
    const first = plan(service, p.link, { kind: 'unread' });
    if (first.step === 'invalid') p.step = 'invalid';
    const { attempts, failure } =
      first.step === 'invalid'
        ? { attempts: 0, failure: { message: `Invalid service ${service.id}: ${first.reason}`, status: null } }
        : await attempted(service, p, listed && liveFromList(service, p.link, listed));

    const outcome: SyncOutcome = failure
      ? {
          serviceId: service.id,
          serviceName: service.name,
          attempts,
          kind: 'failed',
          error: failure.message,
          httpStatus: failure.status,
          eventTypeId: p.link.eventTypeId,
          ...(first.step === 'invalid' && { invalid: serviceProblem(service)! }),
        }
      : toOutcome(service, p, attempts);
    if (outcome.kind === 'failed') await store.recordFailure(service.id, outcome.error, attempts);
    else await store.recordSuccess(service.id, outcome.eventTypeId, attempts);
    await store.finishRun(runId, runEnd(service, p, outcome, failure));
    return outcome;
  }

  /** Syncs one service, unless it is unknown or another sync of it is running right now. */
  async function sync(request: SyncRequest, listed?: ListSnapshot): Promise<SyncResult> {
    const service = await store.getService(request.serviceId);
    if (!service) return { kind: 'unknown', serviceId: request.serviceId };
    const claim = await store.claim(service.id, deps.holder, request.slack);
    if (!claim.ok) return { kind: 'busy', serviceId: service.id, since: claim.since, slack: claim.slack };
    try {
      return await run(service, request, listed);
    } finally {
      await store.release(service.id, deps.holder);
    }
  }

  /** The key owner's whole list, once, for a bulk run to plan every service against. */
  async function readAll(): Promise<ListSnapshot> {
    return snapshotOf(await calcom.listOwn());
  }

  return { sync, readAll };
}

export type Engine = ReturnType<typeof createEngine>;
