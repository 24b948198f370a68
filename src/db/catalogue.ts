// The catalogue as the CLI and Slack read and write it: lists, a file import, a Cal.com import, a service's
// recent runs. Imports are short transactions in chunks: beside the running app, the embedded database
// answers one statement at a time, and Slack's acks wait behind whatever is in progress.
import type { CatalogueRow } from '../catalogue/parse.js';
import type { Clock } from '../lib/clock.js';
import type { ImportPlan } from '../sync/import.js';
import { readSyncStatus, type RunRecord, type Service, type SyncStatus } from '../sync/types.js';
import type { Prisma } from './database.js';
import { toRunRecord, toService, upsertSlug } from './rows.js';

export interface CatalogueQueries {
  /** `onProgress` after each chunk, so a terminal can show how far a big file has got. */
  importRows(rows: CatalogueRow[], onProgress?: (done: number, total: number) => void): Promise<{ created: number; updated: number }>;
  applyImport(plan: ImportPlan): Promise<void>;
  listServices(filter?: { status?: SyncStatus }): Promise<Service[]>;
  serviceIds(filter?: { status?: SyncStatus }): Promise<number[]>;
  recentRuns(serviceId: number, take?: number): Promise<RunRecord[]>;
}

export function createCatalogueQueries(prisma: Prisma, clock: Clock): CatalogueQueries {
  return {
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
