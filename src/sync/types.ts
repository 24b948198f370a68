// The domain's vocabulary: plain data shared by the engine, the CLI, Slack and the digest.
// Nothing here knows about HTTP, Prisma or Slack.
import type { ServiceProblem } from './payload.js';
import type { FieldChange } from './plan.js';

export type Locale = 'en' | 'de';

/**
 * A row's sync state as read. calsync writes `pending`, `synced` and `error`, but other systems write the
 * table too (SPEC §6): their spellings are read case-insensitively (`ERROR`, `failed` → error), and any
 * other value is `unknown`, kept as written in `syncStatusRaw`, counted apart, never guessed at.
 */
export type SyncStatus = 'pending' | 'synced' | 'error' | 'unknown';

const SPELLINGS: Readonly<Record<string, Exclude<SyncStatus, 'unknown'>>> = {
  pending: 'pending',
  synced: 'synced',
  success: 'synced',
  succeeded: 'synced',
  ok: 'synced',
  error: 'error',
  errored: 'error',
  failed: 'error',
  failure: 'error',
  fail: 'error',
};

/** The state a stored `sync_status` means: known spellings whatever their case and spacing, else `unknown`. */
export function readSyncStatus(raw: string): SyncStatus {
  const key = raw.trim().toLowerCase();
  return Object.hasOwn(SPELLINGS, key) ? SPELLINGS[key]! : 'unknown';
}

/** A catalogue row (SPEC §6), in camelCase. */
export interface Service {
  id: number;
  name: string;
  description: string | null;
  durationMinutes: number;
  priceCents: number | null;
  currency: string | null;
  active: boolean;
  calcomEventTypeId: number | null;
  syncStatus: SyncStatus;
  /** The value as stored, when it is none of the known spellings (`syncStatus` is then `unknown`). */
  syncStatusRaw?: string;
  syncError: string | null;
  syncAttempts: number;
  lastSyncSuccess: Date | null;
  lastCalcomSync: Date | null;
  updatedAt: Date;
}

/** Who or what started a sync (SPEC §3.9). */
export type Trigger = 'command' | 'button' | 'bulk' | 'digest' | 'cli';

/** Where a sync reports in Slack, kept on the audit row so a restart can report into the same thread. */
export interface SlackTarget {
  channel: string;
  threadTs?: string;
}

export interface SyncRequest {
  serviceId: number;
  trigger: Trigger;
  requestedBy?: string;
  slack?: SlackTarget;
  /** The durable job it belongs to (Slack work), so a resumed job skips what is done. */
  jobId?: number;
  /** Carry out a `move` step (a link to another target's event type) instead of refusing it. */
  move?: boolean;
}

/** The outcome words of SPEC §3.13; `unchanged` = already in sync, nothing sent. */
export type OutcomeKind = 'created' | 'updated' | 'unchanged' | 'recreated' | 'adopted' | 'failed';

interface Base {
  serviceId: number;
  serviceName: string;
  attempts: number;
}

/** `movedFrom`: the other target's event type the service was linked to before a move, left as it is. */
export type SyncOutcome =
  | (Base & { kind: 'created' | 'unchanged'; eventTypeId: number; movedFrom?: number })
  /** `changes`: the fields sent, each old → new (empty for an adoption that matched already). */
  | (Base & { kind: 'updated' | 'adopted'; eventTypeId: number; changes?: FieldChange[]; movedFrom?: number })
  | (Base & { kind: 'recreated'; eventTypeId: number; oldEventTypeId: number })
  | (Base & {
      kind: 'failed';
      /** The full error text (`Cal.com API error 400: …`); show `snippet(error)` in Slack. */
      error: string;
      httpStatus: number | null;
      /** The event type still linked after the failure, if any. */
      eventTypeId: number | null;
      /** Refused before any API call: the rule the row breaks, for Slack to word in its language. */
      invalid?: ServiceProblem;
    });

/** What a second request gets while a sync of the same service is running (SPEC §3.10). */
export interface AlreadyRunning {
  kind: 'busy';
  serviceId: number;
  since: Date;
  slack?: SlackTarget;
}

/** A service id that is not in the catalogue. */
export interface UnknownService {
  kind: 'unknown';
  serviceId: number;
}

export type SyncResult = SyncOutcome | AlreadyRunning | UnknownService;

/** One row of the audit trail (sync_runs) as the domain reads it; `step` and `changes` are what the plan decided. */
export interface RunRecord {
  id: number;
  serviceId: number;
  trigger: Trigger;
  requestedBy: string | null;
  action: string | null;
  step: string | null;
  changes: FieldChange[] | null;
  outcome: OutcomeKind | null;
  oldEventTypeId: number | null;
  newEventTypeId: number | null;
  httpStatus: number | null;
  error: string | null;
  attempts: number;
  payloadHash: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  slackChannel: string | null;
  slackThreadTs: string | null;
  jobId: number | null;
}
