// The daily digest's content (SPEC §5), from plain data: no Prisma, no Slack. The trap is "stale": the
// database trigger bumps updated_at on every write, the engine's own success included, so comparing
// timestamps would call nearly everything stale. The hash of the payload last sent is the real test.
import { invalidReason, payloadFor, payloadHash } from '../sync/payload.js';
import type { RemoteEventType } from '../sync/ports.js';
import type { Service } from '../sync/types.js';
import { findDrift, type DriftItem } from './drift.js';

export const DIGEST_STATES = ['error', 'stale', 'neverSynced', 'unknown', 'synced'] as const;
export type DigestState = (typeof DIGEST_STATES)[number];

/**
 * A type alias, not an interface, so it is a JSON value as far as Prisma is concerned. `unknown` (a
 * sync_status another system wrote that calsync can't read) is there only when such rows exist, so
 * digests stored before it existed compare as they are.
 */
export type DigestCounts = Record<Exclude<DigestState, 'unknown'> | 'total', number> & { unknown?: number };

/** A service as the digest sees it: the row plus the payload hash of its last successful sync. */
/** `linkedUnder`: the target calsync linked the event type under (a team, null: personal), when it knows. */
export type DigestService = Service & { lastSyncedHash: string | null; linkedUnder?: number | null };

export interface DigestFailure {
  serviceId: number;
  serviceName: string;
  /** The full error text; builders cut it to the 100-character snippet only for what they show. */
  error: string;
  lastAttempt: Date | null;
}

export interface Digest {
  localDate: string;
  generatedAt: Date;
  counts: DigestCounts;
  /** Change per state since the previous digest; null when there is none to compare with. */
  changes: DigestCounts | null;
  /** Newest attempt first. */
  failures: DigestFailure[];
  /** Event types edited or deleted by hand in Cal.com (empty when Cal.com was not read). */
  drift: DriftItem[];
  /** Why Cal.com could not be read for the drift check; null when it was read (or not asked). */
  driftError: string | null;
  /** Everything in step: nothing failing, stale, never synced or drifted, and Cal.com read if asked. */
  quiet: boolean;
}

export interface ComposeInput {
  services: readonly DigestService[];
  previous: DigestCounts | null;
  localDate: string;
  now: Date;
  /** The owner's event types (one read), or why they could not be read; absent: no drift check. */
  live?: readonly RemoteEventType[] | { error: string };
  /** Whose list `live` is: a team (CALCOM_TEAM_ID), or null (the default) for the key owner's own. */
  target?: number | null;
}

export function stateOf(s: DigestService): DigestState {
  if (s.syncStatus === 'error') return 'error';
  if (s.syncStatus === 'unknown') return 'unknown';
  if (s.lastSyncSuccess === null) return 'neverSynced';
  // A row made invalid after a good sync differs from what Cal.com has by definition.
  if (invalidReason(s) !== null) return 'stale';
  if (s.lastSyncedHash !== null) return payloadHash(payloadFor(s)) === s.lastSyncedHash ? 'synced' : 'stale';
  // No stored hash (synced before hashes were kept, or imported as synced): only timestamps are left. The store
  // stamps last_sync_success with the database's clock in the statement that stamps updated_at (an import writes
  // both with one instant): equal for calsync's own write, so anything later is an edit.
  return s.updatedAt.getTime() > s.lastSyncSuccess.getTime() ? 'stale' : 'synced';
}

export function composeDigest(input: ComposeInput): Digest {
  const counts: DigestCounts = { error: 0, stale: 0, neverSynced: 0, synced: 0, total: input.services.length };
  const failures: DigestFailure[] = [];
  for (const s of input.services) {
    const state = stateOf(s);
    counts[state] = (counts[state] ?? 0) + 1;
    if (state === 'error') failures.push({ serviceId: s.id, serviceName: s.name, error: s.syncError ?? '', lastAttempt: s.lastCalcomSync });
  }
  failures.sort(newestFirst);
  const live = input.live;
  const drift =
    live && Array.isArray(live)
      ? findDrift(input.services, live, (s) => s.syncStatus === 'synced' && stateOf(s) === 'synced', input.target ?? null)
      : [];
  const driftError = live && !Array.isArray(live) ? (live as { error: string }).error : null;
  return {
    localDate: input.localDate,
    generatedAt: input.now,
    counts,
    changes: input.previous ? changesSince(counts, input.previous) : null,
    failures,
    drift,
    driftError,
    quiet: counts.synced === counts.total && drift.length === 0 && driftError === null,
  };
}

function changesSince(now: DigestCounts, before: DigestCounts): DigestCounts {
  const delta = (k: keyof DigestCounts) => (now[k] ?? 0) - (before[k] ?? 0);
  const changes: DigestCounts = {
    error: delta('error'),
    stale: delta('stale'),
    neverSynced: delta('neverSynced'),
    synced: delta('synced'),
    total: delta('total'),
  };
  if (now.unknown !== undefined || before.unknown !== undefined) changes.unknown = delta('unknown');
  return changes;
}

/** The states a digest shows: `unknown` only when some row has (or had, last time) such a status. */
export function shownStates(digest: Pick<Digest, 'counts' | 'changes'>): DigestState[] {
  return DIGEST_STATES.filter((s) => s !== 'unknown' || (digest.counts.unknown ?? 0) > 0 || (digest.changes?.unknown ?? 0) !== 0);
}

/** Newest attempt first; never-attempted last; ties by id so the order is stable. */
function newestFirst(a: DigestFailure, b: DigestFailure): number {
  const ta = a.lastAttempt?.getTime() ?? -Infinity;
  const tb = b.lastAttempt?.getTime() ?? -Infinity;
  return ta === tb ? a.serviceId - b.serviceId : tb - ta;
}
