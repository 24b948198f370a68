// The sync of one service (SPEC §3): claim it, read what Cal.com has, plan (plan.ts decides), carry the
// step out with retries, record the result on the service and in the audit trail, release it.
// The rules that prevent duplicates live in `create` and `read` below: an id is saved the moment Cal.com
// gives it, a duplicate slug is adopted, and after an ambiguous POST the next attempt looks before it creates.
import { classify, isAmbiguous, isApiFailure } from './classify.js';
import { readLinked, targetOf } from './locate.js';
import { payloadFor, payloadHash, serviceProblem } from './payload.js';
import {
  changesBetween,
  plan,
  slugToCreate,
  updateBody,
  type FieldChange,
  type Link,
  type Live,
  type Step,
  type StepKind,
} from './plan.js';
import type { CreatePayload, EventTypes, RememberedLink, RemoteEventType, RunEnd, SyncStore, Target } from './ports.js';
import { defaultRetryPolicy, retrying, type RetryPolicy } from './retry.js';
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

/** The key owner's event types, read once by a bulk run (`GET /event-types`, not paginated). */
export interface ListSnapshot {
  byId: ReadonlyMap<number, RemoteEventType>;
  bySlug: ReadonlyMap<string, RemoteEventType>;
}

export function snapshotOf(list: readonly RemoteEventType[]): ListSnapshot {
  return { byId: new Map(list.map((e) => [e.id, e])), bySlug: new Map(list.map((e) => [e.slug, e])) };
}

/** What Cal.com has for this service according to a list read earlier; undefined where only a GET can tell. */
export function liveFromList(service: Pick<Service, 'id' | 'name'>, link: Link, listed: ListSnapshot): Live | undefined {
  if (link.eventTypeId !== null) {
    const found = listed.byId.get(link.eventTypeId);
    // Missing from the list is not yet proof (SPEC §3.7): the engine confirms it with a GET.
    return found ? { kind: 'found', eventType: found } : undefined;
  }
  const bySlug = listed.bySlug.get(slugToCreate(service, link));
  return bySlug ? { kind: 'found', eventType: bySlug } : { kind: 'absent' };
}

/** What one sync learns as it goes; it survives from one attempt to the next. */
interface Progress {
  link: Link;
  oldEventTypeId: number | null; // set when the linked event type turned out to be gone
  movedFrom: number | null; // set when the linked event type of another target was left behind (step move)
  /** The request allows a move (`--move`); without it a move step is refused. */
  mayMove: boolean;
  adopted: boolean;
  created: boolean;
  postMayHaveLanded: boolean; // an ambiguous POST failure: look before creating again
  lastAction: 'create' | 'update' | null;
  step: StepKind | null;
  changes: FieldChange[] | null;
  /** An update whose answer never came (timeout, 5xx): if the next read finds it in step, it landed. */
  maybeSent: FieldChange[] | null;
}

/** Why a sync failed, as recorded on the service and in the audit row. */
interface Failure {
  message: string;
  status: number | null;
}

/** A failure no retry mends, decided by the engine; `cause` keeps the Cal.com error it was decided from, if any. */
class FatalSyncError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
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

  function toOutcome(service: Service, p: Progress, attempts: number): SyncOutcome {
    const base = { serviceId: service.id, serviceName: service.name, attempts };
    const id = p.link.eventTypeId!;
    const changes = p.changes ?? [];
    if (p.movedFrom !== null && p.adopted) return { ...base, kind: 'adopted', eventTypeId: id, changes, movedFrom: p.movedFrom };
    if (p.movedFrom !== null) return { ...base, kind: 'created', eventTypeId: id, movedFrom: p.movedFrom };
    if (p.oldEventTypeId !== null && (p.created || p.adopted))
      return { ...base, kind: 'recreated', eventTypeId: id, oldEventTypeId: p.oldEventTypeId };
    if (p.adopted) return { ...base, kind: 'adopted', eventTypeId: id, changes };
    if (p.created) return { ...base, kind: 'created', eventTypeId: id };
    if (p.step === 'in-sync' && p.maybeSent) return { ...base, kind: 'updated', eventTypeId: id, changes: p.maybeSent };
    if (p.step === 'in-sync') return { ...base, kind: 'unchanged', eventTypeId: id };
    return { ...base, kind: 'updated', eventTypeId: id, changes };
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
      return { attempts, failure: describe(err) };
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

/**
 * A service's link as calsync remembers it: the slug (kept for a recreate even once unlinked) and, when the
 * remembered link is the one in the catalogue, the target it was made under.
 */
export function linkOf(service: Pick<Service, 'calcomEventTypeId'>, remembered: RememberedLink | undefined): Link {
  const link: Link = { eventTypeId: service.calcomEventTypeId, slug: remembered?.slug ?? null };
  if (remembered && remembered.eventTypeId === service.calcomEventTypeId) link.linkedUnder = remembered.teamId;
  return link;
}

const whose = (t: Target) => (t === null ? 'personal' : `team ${t}'s`);
const onto = (t: Target) => (t === null ? 'as a personal event type' : `on team ${t}`);

/** Why a move was not carried out, and the way on; the first 100 characters (Slack's snippet) say both. */
export function moveRefused(serviceId: number, step: Extract<Step, { step: 'move' }>, to: Target = step.to): string {
  return (
    `Not moved: event type ${step.eventTypeId} is ${whose(step.from)}, not ${whose(to)}; \`calsync sync ${serviceId} --move\` ` +
    `creates it ${onto(to)} as "${step.payload.slug}" and leaves ${step.eventTypeId} as it is. Nothing was created.`
  );
}

/** The audit row's end of one run. */
function runEnd(service: Service, p: Progress, outcome: SyncOutcome, failure: Failure | null): RunEnd {
  return {
    action: p.lastAction,
    step: p.step,
    changes: 'changes' in outcome && outcome.changes?.length ? outcome.changes : p.changes?.length ? p.changes : null,
    outcome: outcome.kind,
    newEventTypeId: p.link.eventTypeId,
    oldEventTypeId: p.oldEventTypeId ?? service.calcomEventTypeId,
    httpStatus: failure?.status ?? null,
    error: failure?.message ?? null,
    attempts: outcome.attempts,
    payloadHash: outcome.kind !== 'failed' ? payloadHash(payloadFor(service)) : null,
  };
}

function describe(err: unknown): Failure {
  if (err instanceof FatalSyncError) return { message: err.message, status: err.status };
  if (isApiFailure(err)) return { message: err.message, status: err.status || null };
  return { message: `Internal error: ${(err as Error)?.message ?? String(err)}`, status: null };
}
