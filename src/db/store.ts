// The catalogue and audit trail in the database: implements the engine's SyncStore port and the
// queries the CLI and Slack need. The only module besides database.ts that touches Prisma.
import type { CatalogueRow } from '../catalogue/parse.js';
import type { ImportPlan } from '../sync/import.js';
import type { Claim, RunEnd, RunStart, SyncStore } from '../sync/ports.js';
import type { OutcomeKind, Service, SlackTarget, SyncStatus, Trigger } from '../sync/types.js';
import type { Prisma } from './database.js';
import type { Service as Row, SyncRun } from './generated/client.js';

/** A claim older than this is a crashed holder's: a sync never legitimately runs this long. */
const LEASE_MS = 15 * 60_000;

export function toService(row: Row): Service {
  return { ...row, syncStatus: row.syncStatus as SyncStatus };
}

export type RunRow = Omit<SyncRun, 'trigger' | 'outcome'> & { trigger: Trigger; outcome: OutcomeKind | null };

export function createStore(prisma: Prisma): SyncStore & CatalogueQueries {
  return {
    async getService(id) {
      const row = await prisma.service.findUnique({ where: { id } });
      return row ? toService(row) : null;
    },

    async claim(serviceId, holder, slack?: SlackTarget): Promise<Claim> {
      // One statement, atomic on PGlite and PostgreSQL alike: insert the claim, or take over an expired one.
      const rows = await prisma.$queryRaw<{ service_id: number }[]>`
        INSERT INTO sync_locks (service_id, holder, slack_channel, slack_thread_ts, acquired_at, expires_at)
        VALUES (${serviceId}, ${holder}, ${slack?.channel ?? null}, ${slack?.threadTs ?? null}, now(), now() + ${LEASE_MS} * interval '1 millisecond')
        ON CONFLICT (service_id) DO UPDATE SET holder = EXCLUDED.holder, slack_channel = EXCLUDED.slack_channel,
          slack_thread_ts = EXCLUDED.slack_thread_ts, acquired_at = EXCLUDED.acquired_at, expires_at = EXCLUDED.expires_at
        WHERE sync_locks.expires_at < now()
        RETURNING service_id`;
      if (rows.length > 0) return { ok: true };
      const held = await prisma.syncLock.findUnique({ where: { serviceId } });
      if (!held) return this.claim(serviceId, holder, slack); // released between the two statements
      return { ok: false, since: held.acquiredAt, slack: held.slackChannel ? { channel: held.slackChannel, threadTs: held.slackThreadTs ?? undefined } : undefined };
    },

    async release(serviceId, holder) {
      await prisma.syncLock.deleteMany({ where: { serviceId, holder } });
    },

    async startRun(run: RunStart) {
      const row = await prisma.syncRun.create({
        data: { serviceId: run.serviceId, trigger: run.trigger, requestedBy: run.requestedBy, oldEventTypeId: run.oldEventTypeId, slackChannel: run.slack?.channel, slackThreadTs: run.slack?.threadTs, jobId: run.jobId },
      });
      return row.id;
    },

    async finishRun(runId, end: RunEnd) {
      await prisma.syncRun.update({ where: { id: runId }, data: { ...end, finishedAt: new Date() } });
    },

    async link(serviceId, eventTypeId) {
      await prisma.service.update({ where: { id: serviceId }, data: { calcomEventTypeId: eventTypeId } });
    },

    async recordSuccess(serviceId, eventTypeId, attempts, at) {
      await prisma.service.update({
        where: { id: serviceId },
        data: { calcomEventTypeId: eventTypeId, syncStatus: 'synced', syncError: null, syncAttempts: attempts, lastSyncSuccess: at, lastCalcomSync: at },
      });
    },

    async recordFailure(serviceId, error, attempts, at) {
      await prisma.service.update({ where: { id: serviceId }, data: { syncStatus: 'error', syncError: error, syncAttempts: attempts, lastCalcomSync: at } });
    },

    async listServices(filter = {}) {
      const rows = await prisma.service.findMany({ where: filter.status ? { syncStatus: filter.status } : {}, orderBy: { id: 'asc' } });
      return rows.map(toService);
    },

    async serviceIds(filter = {}) {
      const rows = await prisma.service.findMany({ where: filter.status ? { syncStatus: filter.status } : {}, select: { id: true }, orderBy: { id: 'asc' } });
      return rows.map((r) => r.id);
    },

    async importRows(rows) {
      // One transaction: a failure half-way writes nothing. Only the columns a row gives are changed on an
      // existing service, so an import never unlinks an event type by omission. One statement per set of
      // columns given (a CSV has one): beside the running app, this transaction holds the embedded
      // database's only session, so it must be short (1,000 rows: about 1 s as one upsert each).
      const existing = new Set((await prisma.service.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: { id: true } })).map((r) => r.id));
      const groups = new Map<string, { columns: Column[]; rows: Record<string, unknown>[] }>();
      for (const row of rows) {
        const columns = COLUMNS.filter((c) => row[c] !== undefined);
        const key = columns.join(',');
        const group = groups.get(key) ?? groups.set(key, { columns, rows: [] }).get(key)!;
        group.rows.push(Object.fromEntries([['id', row.id], ...columns.map((c) => [c, row[c]])]));
      }
      await prisma.$transaction([...groups.values()].map((g) => prisma.$executeRawUnsafe(upsertSql(g.columns), JSON.stringify(g.rows))));
      return { created: rows.filter((r) => !existing.has(r.id)).length, updated: rows.filter((r) => existing.has(r.id)).length };
    },

    async applyImport(plan) {
      const at = new Date();
      // Only unlinked services are linked (the WHERE makes a concurrent link win), all in one transaction.
      await prisma.$transaction([
        ...plan.link.map((l) => prisma.service.updateMany({ where: { id: l.serviceId, calcomEventTypeId: null }, data: { calcomEventTypeId: l.eventTypeId } })),
        ...plan.create.map((c) =>
          prisma.service.create({
            data: { id: c.id, name: c.name, durationMinutes: c.durationMinutes, description: c.description, active: c.active, calcomEventTypeId: c.eventTypeId, syncStatus: 'synced', lastSyncSuccess: at, lastCalcomSync: at },
          }),
        ),
      ]);
    },

    async recentRuns(serviceId, take = 5) {
      const rows = await prisma.syncRun.findMany({ where: { serviceId }, orderBy: { id: 'desc' }, take });
      return rows.map((r) => ({ ...r, trigger: r.trigger as Trigger, outcome: r.outcome as OutcomeKind | null }));
    },
  };
}

/** The columns a catalogue file may give (SPEC §6), with their SQL types; fixed names, safe to interpolate. */
const COLUMN_TYPES = {
  name: 'text', description: 'text', duration_minutes: 'integer', price_cents: 'integer', currency: 'text', active: 'boolean',
  calcom_event_type_id: 'integer', sync_status: 'text', sync_error: 'text', sync_attempts: 'integer',
  last_sync_success: 'timestamptz', last_calcom_sync: 'timestamptz',
} as const;
type Column = keyof typeof COLUMN_TYPES;
const COLUMNS = Object.keys(COLUMN_TYPES) as Column[];

/** Upserts every row of a JSON array ($1) that gives exactly `columns` (besides id). */
function upsertSql(columns: Column[]): string {
  const all = ['id', ...columns];
  const types = ['id integer', ...columns.map((c) => `${c} ${COLUMN_TYPES[c]}`)];
  return `INSERT INTO services (${all.join(', ')}) SELECT ${all.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${types.join(', ')})
    ON CONFLICT (id) DO UPDATE SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`;
}

export interface CatalogueQueries {
  importRows(rows: CatalogueRow[]): Promise<{ created: number; updated: number }>;
  applyImport(plan: ImportPlan): Promise<void>;
  listServices(filter?: { status?: SyncStatus }): Promise<Service[]>;
  serviceIds(filter?: { status?: SyncStatus }): Promise<number[]>;
  recentRuns(serviceId: number, take?: number): Promise<RunRow[]>;
}

export type Store = ReturnType<typeof createStore>;
