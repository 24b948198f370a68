// The engine's SyncStore port in the database: claims, the audit trail, links and their slugs, a sync's
// result on its service; with the catalogue queries (catalogue.ts) beside it, the Store every surface uses.
// The trap in time: the trigger stamps updated_at with the database's clock, so the timestamps compared
// with it (last_sync_success) are stamped by the database too, or written in the same statement as it.
import { type Clock, systemClock } from '../lib/clock.js';
import type { Claim, RunEnd, RunStart, SyncStore } from '../sync/ports.js';
import type { SlackTarget } from '../sync/types.js';
import { type CatalogueQueries, createCatalogueQueries } from './catalogue.js';
import type { Prisma } from './database.js';
import { toService, upsertSlug } from './rows.js';
import { Prisma as P } from './generated/client.js';

/** A claim older than this is a crashed holder's: a sync never legitimately runs this long. */
const LEASE_MS = 15 * 60_000;

export function createStore(prisma: Prisma, clock: Clock = systemClock): SyncStore & CatalogueQueries & Takeover {
  return {
    ...createCatalogueQueries(prisma, clock),
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

    async releaseClaimsOf(holder) {
      await prisma.syncLock.deleteMany({ where: { holder } });
    },
  };
}

/** One service's columns set in SQL (Prisma cannot write the database's now()); throws, as update does, when it is gone. */
async function updateService(prisma: Prisma, serviceId: number, set: P.Sql): Promise<void> {
  const count = await prisma.$executeRaw`UPDATE services SET ${set} WHERE id = ${serviceId}`;
  if (count === 0) throw new Error(`Service ${serviceId} no longer exists`);
}

/** For whoever takes over a stopped process's work. */
export interface Takeover {
  /** Drops every claim on services `holder` still has, so the resumed syncs need not wait for the lease to run out. */
  releaseClaimsOf(holder: string): Promise<void>;
}

export type Store = ReturnType<typeof createStore>;
