// The catalogue and audit trail in the database: implements the engine's SyncStore port and the
// queries the CLI and Slack need. The only module besides database.ts that touches Prisma.
// The trap in time: the trigger stamps updated_at with the database's clock, so the timestamps compared
// with it (last_sync_success) are stamped by the database too, or written in the same statement as it.
import { type Clock, systemClock } from '../lib/clock.js';
import type { CatalogueRow } from '../catalogue/parse.js';
import type { ImportPlan } from '../sync/import.js';
import type { FieldChange } from '../sync/plan.js';
import type { Claim, RunEnd, RunStart, SyncStore } from '../sync/ports.js';
import {
  readSyncStatus,
  type OutcomeKind,
  type RunRecord,
  type Service,
  type SlackTarget,
  type SyncStatus,
  type Trigger,
} from '../sync/types.js';
import type { Prisma } from './database.js';
import { Prisma as P, type Service as Row, type SyncRun } from './generated/client.js';

/** A claim older than this is a crashed holder's: a sync never legitimately runs this long. */
const LEASE_MS = 15 * 60_000;

/** The row as the domain reads it: other systems' spellings of sync_status normalised (sync/types.ts). */
export function toService(row: Row): Service {
  const syncStatus = readSyncStatus(row.syncStatus);
  return { ...row, syncStatus, ...(syncStatus === 'unknown' ? { syncStatusRaw: row.syncStatus } : {}) };
}

export function createStore(prisma: Prisma, clock: Clock = systemClock): SyncStore & CatalogueQueries & Takeover {
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
      return {
        ok: false,
        since: held.acquiredAt,
        slack: held.slackChannel ? { channel: held.slackChannel, threadTs: held.slackThreadTs ?? undefined } : undefined,
      };
    },

    async release(serviceId, holder) {
      await prisma.syncLock.deleteMany({ where: { serviceId, holder } });
    },

    async startRun(run: RunStart) {
      const row = await prisma.syncRun.create({
        // Started and finished by the same clock, so a run's duration is never the skew between two.
        data: {
          serviceId: run.serviceId,
          trigger: run.trigger,
          requestedBy: run.requestedBy,
          oldEventTypeId: run.oldEventTypeId,
          slackChannel: run.slack?.channel,
          slackThreadTs: run.slack?.threadTs,
          jobId: run.jobId,
          startedAt: clock.now(),
        },
      });
      return row.id;
    },

    async finishRun(runId, end: RunEnd) {
      const { changes, ...rest } = end;
      await prisma.syncRun.update({
        where: { id: runId },
        data: { ...rest, changes: changes === null ? P.DbNull : (changes as unknown as P.InputJsonValue), finishedAt: clock.now() },
      });
    },

    async link(serviceId, eventTypeId, slug, teamId = null) {
      const linkService = prisma.service.update({ where: { id: serviceId }, data: { calcomEventTypeId: eventTypeId } });
      if (eventTypeId === null || slug === undefined) return void (await linkService);
      await prisma.$transaction([linkService, upsertSlug(prisma, serviceId, eventTypeId, slug, teamId, clock.now())]);
    },

    async rememberedSlugs(serviceIds) {
      const rows = await prisma.eventTypeLink.findMany({
        where: { serviceId: { in: [...serviceIds] } },
        select: { serviceId: true, slug: true },
      });
      return new Map(rows.map((r) => [r.serviceId, r.slug]));
    },

    async rememberedLinks(serviceIds) {
      const rows = await prisma.eventTypeLink.findMany({
        where: { serviceId: { in: [...serviceIds] } },
        select: { serviceId: true, eventTypeId: true, slug: true, teamId: true },
      });
      return new Map(rows.map((r) => [r.serviceId, { eventTypeId: r.eventTypeId, slug: r.slug, teamId: r.teamId }]));
    },

    async rememberSlug(serviceId, eventTypeId, slug, teamId = null) {
      await upsertSlug(prisma, serviceId, eventTypeId, slug, teamId, clock.now());
    },

    // now() is the statement's own time, the one the trigger gives updated_at: equal for the sync's own write.
    async recordSuccess(serviceId, eventTypeId, attempts) {
      await updateService(
        prisma,
        serviceId,
        P.sql`calcom_event_type_id = ${eventTypeId}, sync_status = 'synced', sync_error = NULL,
        sync_attempts = ${attempts}, last_sync_success = now(), last_calcom_sync = now()`,
      );
    },

    async recordFailure(serviceId, error, attempts) {
      await updateService(
        prisma,
        serviceId,
        P.sql`sync_status = 'error', sync_error = ${error}, sync_attempts = ${attempts},
        last_calcom_sync = now()`,
      );
    },

    // A status filter reads every row's status and normalises it here, so `ERROR` and `failed` count as
    // error by the same rule as everywhere else (a WHERE on the column would miss them).
    async listServices(filter = {}) {
      const rows = (await prisma.service.findMany({ orderBy: { id: 'asc' } })).map(toService);
      return filter.status ? rows.filter((s) => s.syncStatus === filter.status) : rows;
    },

    async serviceIds(filter = {}) {
      const rows = await prisma.service.findMany({ select: { id: true, syncStatus: true }, orderBy: { id: 'asc' } });
      return rows.filter((r) => !filter.status || readSyncStatus(r.syncStatus) === filter.status).map((r) => r.id);
    },

    async importRows(rows, onProgress?: (done: number, total: number) => void) {
      // One transaction: a failure half-way writes nothing. Only the columns a row gives are changed on an
      // existing service, so an import never unlinks an event type by omission. One statement per set of
      // columns given (a CSV has one): beside the running app, this transaction holds the embedded
      // database's only session, so it must be short (1,000 rows: tens of milliseconds; one upsert each took about 1 s).
      const existing = new Set(
        (await prisma.service.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: { id: true } })).map((r) => r.id),
      );
      const groups = new Map<string, { columns: Column[]; rows: Record<string, unknown>[] }>();
      for (const row of rows) {
        const columns = COLUMNS.filter((c) => row[c] !== undefined);
        const key = columns.join(',');
        const group = groups.get(key) ?? groups.set(key, { columns, rows: [] }).get(key)!;
        group.rows.push(Object.fromEntries([['id', row.id], ...columns.map((c) => [c, row[c]])]));
      }
      await prisma.$transaction([...groups.values()].map((g) => prisma.$executeRawUnsafe(upsertSql(g.columns), JSON.stringify(g.rows))));
      onProgress?.(rows.length, rows.length);
      return { created: rows.filter((r) => !existing.has(r.id)).length, updated: rows.filter((r) => existing.has(r.id)).length };
    },

    async applyImport(plan) {
      // Imported as synced: updated_at is written with the same instant, so the digest sees no edit since.
      const at = clock.now();
      // In chunks (see IMPORT_CHUNK). Only unlinked services are linked: the WHERE makes a concurrent link win.
      // A new service whose id was taken meanwhile is left out; its event type stays unlinked for the next import.
      // Linked and imported event types keep their own slugs (their booking URLs): remember them, for the rows
      // really written. A crash between the two statements leaves a link without a slug, which the engine
      // learns from Cal.com on its next read.
      for (const links of chunks(plan.link)) {
        const done = await prisma.$transaction(
          links.map((l) =>
            prisma.service.updateMany({ where: { id: l.serviceId, calcomEventTypeId: null }, data: { calcomEventTypeId: l.eventTypeId } }),
          ),
        );
        await prisma.$transaction(
          links
            .filter((_l, i) => done[i]!.count === 1)
            .map((l) => upsertSlug(prisma, l.serviceId, l.eventTypeId, l.slug, plan.teamId ?? null, at)),
        );
        await giveWay();
      }
      for (const creates of chunks(plan.create)) {
        await prisma.service.createMany({
          data: creates.map((c) => ({
            id: c.id,
            name: c.name,
            durationMinutes: c.durationMinutes,
            description: c.description,
            active: c.active,
            calcomEventTypeId: c.eventTypeId,
            syncStatus: 'synced',
            lastSyncSuccess: at,
            lastCalcomSync: at,
            updatedAt: at,
          })),
          skipDuplicates: true,
        });
        const written = await prisma.service.findMany({
          where: { id: { in: creates.map((c) => c.id) } },
          select: { id: true, calcomEventTypeId: true },
        });
        const ours = new Set(written.map((w) => `${w.id}:${w.calcomEventTypeId}`));
        await prisma.$transaction(
          creates
            .filter((c) => ours.has(`${c.id}:${c.eventTypeId}`))
            .map((c) => upsertSlug(prisma, c.id, c.eventTypeId, c.slug, plan.teamId ?? null, at)),
        );
        await giveWay();
      }
    },

    async recentRuns(serviceId, take = 5) {
      const rows = await prisma.syncRun.findMany({ where: { serviceId }, orderBy: { id: 'desc' }, take });
      return rows.map(toRunRecord);
    },

    async releaseClaimsOf(holder) {
      await prisma.syncLock.deleteMany({ where: { holder } });
    },
  };
}

/**
 * Rows per transaction on imports. On the embedded database every other statement waits for the transaction
 * in progress, and PGlite runs on the app's own thread: one transaction of 3,000 rows held Slack's acks and
 * /healthz for seconds. A hundred rows take tens of milliseconds.
 */
export const IMPORT_CHUNK = 100;

function* chunks<T>(items: readonly T[], size = IMPORT_CHUNK): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Between chunks, let waiting requests run: PGlite's promises resolve without ever yielding to I/O. */
const giveWay = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The link's slug and the target it was made under (teamId null: the key owner's personal event types). */
function upsertSlug(prisma: Prisma, serviceId: number, eventTypeId: number, slug: string, teamId: number | null, at: Date) {
  return prisma.eventTypeLink.upsert({
    where: { serviceId },
    create: { serviceId, eventTypeId, slug, teamId, linkedAt: at },
    update: { eventTypeId, slug, teamId, linkedAt: at },
  });
}

/** One service's columns set in SQL (Prisma cannot write the database's now()); throws, as update does, when it is gone. */
async function updateService(prisma: Prisma, serviceId: number, set: P.Sql): Promise<void> {
  const count = await prisma.$executeRaw`UPDATE services SET ${set} WHERE id = ${serviceId}`;
  if (count === 0) throw new Error(`Service ${serviceId} no longer exists`);
}

/** The columns a catalogue file may give (SPEC §6), with their SQL types; fixed names, safe to interpolate. */
const COLUMN_TYPES = {
  name: 'text',
  description: 'text',
  duration_minutes: 'integer',
  price_cents: 'integer',
  currency: 'text',
  active: 'boolean',
  calcom_event_type_id: 'integer',
  sync_status: 'text',
  sync_error: 'text',
  sync_attempts: 'integer',
  last_sync_success: 'timestamptz',
  last_calcom_sync: 'timestamptz',
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
  /** `onProgress` after each chunk, so a terminal can show how far a big file has got. */
  importRows(rows: CatalogueRow[], onProgress?: (done: number, total: number) => void): Promise<{ created: number; updated: number }>;
  applyImport(plan: ImportPlan): Promise<void>;
  listServices(filter?: { status?: SyncStatus }): Promise<Service[]>;
  serviceIds(filter?: { status?: SyncStatus }): Promise<number[]>;
  recentRuns(serviceId: number, take?: number): Promise<RunRecord[]>;
}

/** For whoever takes over a stopped process's work. */
export interface Takeover {
  /** Drops every claim on services `holder` still has, so the resumed syncs need not wait for the lease to run out. */
  releaseClaimsOf(holder: string): Promise<void>;
}

/** An audit row as the domain reads it: the one mapping of sync_runs, for the status views and resumed jobs. */
export function toRunRecord(row: SyncRun): RunRecord {
  const changes = row.changes as unknown as FieldChange[] | null;
  return { ...row, trigger: row.trigger as Trigger, outcome: row.outcome as OutcomeKind | null, changes };
}

export type Store = ReturnType<typeof createStore>;
