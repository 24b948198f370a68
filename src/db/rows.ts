// How rows read and write for the domain, shared by the store, the catalogue queries, jobs and digests: one
// mapping of `services` and of `sync_runs`, and one way to remember a link's slug.
import { readSyncStatus, type OutcomeKind, type RunRecord, type Service, type Trigger } from '../sync/types.js';
import type { FieldChange } from '../sync/plan.js';
import type { Prisma } from './database.js';
import type { Service as Row, SyncRun } from './generated/client.js';

/** The row as the domain reads it: other systems' spellings of sync_status normalised (sync/types.ts). */
export function toService(row: Row): Service {
  const syncStatus = readSyncStatus(row.syncStatus);
  return { ...row, syncStatus, ...(syncStatus === 'unknown' ? { syncStatusRaw: row.syncStatus } : {}) };
}

/** An audit row as the domain reads it: the one mapping of sync_runs, for the status views and resumed jobs. */
export function toRunRecord(row: SyncRun): RunRecord {
  const changes = row.changes as unknown as FieldChange[] | null;
  return { ...row, trigger: row.trigger as Trigger, outcome: row.outcome as OutcomeKind | null, changes };
}

/** The link's slug and the target it was made under (teamId null: the key owner's personal event types). */
export function upsertSlug(prisma: Prisma, serviceId: number, eventTypeId: number, slug: string, teamId: number | null, at: Date) {
  return prisma.eventTypeLink.upsert({
    where: { serviceId },
    create: { serviceId, eventTypeId, slug, teamId, linkedAt: at },
    update: { eventTypeId, slug, teamId, linkedAt: at },
  });
}
