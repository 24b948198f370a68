// What one sync learns while it runs (Progress), and what it reports at the end: the outcome the caller gets,
// the failure recorded on the service, and the audit row's end. Kept apart from the engine so the engine
// reads as the steps it takes.
import { isApiFailure } from './classify.js';
import { payloadFor, payloadHash } from './payload.js';
import type { FieldChange, Link, Step, StepKind } from './plan.js';
import type { RememberedLink, RunEnd, Target } from './ports.js';
import type { Service, SyncOutcome } from './types.js';

/** What one sync learns as it goes; it survives from one attempt to the next. */
export interface Progress {
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
export interface Failure {
  message: string;
  status: number | null;
}

/** A failure no retry mends, decided by the engine; `cause` keeps the Cal.com error it was decided from, if any. */
export class FatalSyncError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The outcome a sync that did not fail reports, from what it learned. */
export function toOutcome(service: Service, p: Progress, attempts: number): SyncOutcome {
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
export function runEnd(service: Service, p: Progress, outcome: SyncOutcome, failure: Failure | null): RunEnd {
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

export function failureOf(err: unknown): Failure {
  if (err instanceof FatalSyncError) return { message: err.message, status: err.status };
  if (isApiFailure(err)) return { message: err.message, status: err.status || null };
  return { message: `Internal error: ${(err as Error)?.message ?? String(err)}`, status: null };
}
