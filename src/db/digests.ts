// The digest's rows (SPEC §5 "exactly once per channel and local date"). The unique (channel, local_date)
// key is the whole guarantee: whoever inserts the row posts. A claimer that died before posting leaves a
// row that would block the day, so an unposted claim older than CLAIM_TTL may be taken over.
import { z } from 'zod';
import type { DigestCounts, DigestService } from '../digest/compose.js';
import type { DigestRecord, Digests } from '../digest/ports.js';
import type { Prisma } from './database.js';
import { toService } from './rows.js';

/** A post to Slack takes seconds; a claim this old without a post is a crashed claimer's. */
export const CLAIM_TTL_MINUTES = 10;

/** The digest's rows on this database, made once by the composition root. */
export function createDigests(prisma: Prisma): Digests {
  return {
    services: () => digestServices(prisma),
    claim: (channel, localDate, holder) => claimDigest(prisma, channel, localDate, holder),
    markPosted: (channel, localDate, messageTs, counts) => markPosted(prisma, channel, localDate, messageTs, counts),
    release: (channel, localDate, holder) => releaseClaim(prisma, channel, localDate, holder),
    find: (channel, localDate) => findDigest(prisma, channel, localDate),
    previousCounts: (channel, beforeDate, inclusive) => previousCounts(prisma, channel, beforeDate, inclusive),
  };
}

/** Two queries, whatever the size. */
async function digestServices(prisma: Prisma): Promise<DigestService[]> {
  const [rows, hashes, links] = await Promise.all([
    prisma.service.findMany({ orderBy: { id: 'asc' } }),
    prisma.$queryRaw<{ service_id: number; payload_hash: string | null }[]>`
      SELECT DISTINCT ON (service_id) service_id, payload_hash FROM sync_runs
      WHERE outcome IN ('created', 'updated', 'unchanged', 'recreated', 'adopted') ORDER BY service_id, id DESC`,
    prisma.eventTypeLink.findMany({ select: { serviceId: true, eventTypeId: true, teamId: true } }),
  ]);
  const hashOf = new Map(hashes.map((h) => [h.service_id, h.payload_hash]));
  // The target a link was made under counts only while that link is the one in the catalogue.
  const linkOf = new Map(links.map((l) => [l.serviceId, l]));
  return rows.map((row) => {
    const link = linkOf.get(row.id);
    const linkedUnder = link && link.eventTypeId === row.calcomEventTypeId ? { linkedUnder: link.teamId } : {};
    return { ...toService(row), lastSyncedHash: hashOf.get(row.id) ?? null, ...linkedUnder };
  });
}

async function claimDigest(prisma: Prisma, channel: string, localDate: string, holder: string): Promise<boolean> {
  // Concurrent takeovers serialise on the row lock; the loser re-checks the WHERE and sees a fresh claim.
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    INSERT INTO digests (channel, local_date, claimed_by, claimed_at) VALUES (${channel}, ${localDate}, ${holder}, now())
    ON CONFLICT (channel, local_date) DO UPDATE SET claimed_by = EXCLUDED.claimed_by, claimed_at = EXCLUDED.claimed_at
    WHERE digests.posted_at IS NULL AND digests.claimed_at < now() - ${CLAIM_TTL_MINUTES} * interval '1 minute'
    RETURNING id`;
  return rows.length > 0;
}

async function markPosted(prisma: Prisma, channel: string, localDate: string, messageTs: string, counts: DigestCounts): Promise<void> {
  // The database's clock, as for claimed_at: the claim's expiry is judged by it.
  await prisma.$executeRaw`UPDATE digests SET posted_at = now(), message_ts = ${messageTs}, counts = ${JSON.stringify(counts)}::jsonb
    WHERE channel = ${channel} AND local_date = ${localDate}`;
}

async function releaseClaim(prisma: Prisma, channel: string, localDate: string, holder: string): Promise<void> {
  await prisma.digest.deleteMany({ where: { channel, localDate, claimedBy: holder, postedAt: null } });
}

async function findDigest(prisma: Prisma, channel: string, localDate: string): Promise<DigestRecord | null> {
  return prisma.digest.findUnique({
    where: { channel_localDate: { channel, localDate } },
    select: { claimedBy: true, claimedAt: true, postedAt: true, messageTs: true },
  });
}

// Validated on the way in: the column is JSON another version of calsync may have written.
const Counts = z.object({
  synced: z.number().int(),
  error: z.number().int(),
  neverSynced: z.number().int(),
  stale: z.number().int(),
  total: z.number().int(),
  // Rows whose sync_status another system wrote in a spelling calsync doesn't know; absent in older digests.
  unknown: z.number().int().optional(),
});

async function previousCounts(prisma: Prisma, channel: string, beforeDate: string, inclusive = false): Promise<DigestCounts | null> {
  const row = await prisma.digest.findFirst({
    where: { channel, localDate: inclusive ? { lte: beforeDate } : { lt: beforeDate }, postedAt: { not: null } },
    orderBy: { localDate: 'desc' },
    select: { counts: true },
  });
  const parsed = Counts.safeParse(row?.counts);
  return parsed.success ? parsed.data : null;
}
