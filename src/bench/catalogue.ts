// Synthetic catalogues for the benchmark: rows in the database (the way a business's own system writes
// them), and plain DigestService values for composing a digest without one.
import type { DigestService } from '../digest/compose.js';
import type { Prisma } from '../db/database.js';
import { payloadFor, payloadHash } from '../sync/payload.js';
import { benchService } from './fakes.js';

const NAMES = [
  'Ansatz + Längenausgleich',
  'Herrenschnitt',
  'Balayage',
  'Föhnen & Styling',
  'Dauerwelle',
  'Glätten',
  'Strähnchen',
  'Kopfmassage',
];

export function row(id: number) {
  return {
    id,
    name: `${NAMES[id % NAMES.length]} ${id}`,
    description: 'Inklusive Beratung, Waschen und Föhnen',
    durationMinutes: 30 + (id % 7) * 15,
    priceCents: 2500 + (id % 40) * 100,
    currency: 'EUR',
  };
}

/** Inserts services firstId … firstId+count-1 in batches (one statement per 1,000 rows). */
export async function seedCatalogue(prisma: Prisma, count: number, firstId = 1): Promise<number[]> {
  const ids = Array.from({ length: count }, (_, i) => firstId + i);
  for (let i = 0; i < ids.length; i += 1000) await prisma.service.createMany({ data: ids.slice(i, i + 1000).map(row) });
  return ids;
}

export const FAILURE_TEXT =
  'Cal.com API error 503: {"status":"error","timestamp":"2026-11-02T08:59:12.123Z","path":"/v2/event-types","error":{"code":"ServiceUnavailableException","message":"Service Unavailable"}}';

/**
 * `size` services for the digest: `failing` in error, and of the rest a tenth never synced, a tenth
 * stale (edited since the hash was taken), the others synced with a matching hash, which is the path
 * that costs most (a payload and its SHA-256 per service).
 */
export function digestServices(size: number, failing: number): DigestService[] {
  const day = Date.UTC(2026, 10, 2, 8, 0, 0);
  return Array.from({ length: size }, (_, i) => {
    const id = i + 1;
    const s = benchService(id, { name: row(id).name, calcomEventTypeId: 3_800_000 + id, syncAttempts: 1 });
    const at = new Date(day - (id % 1440) * 60_000);
    if (i < failing) return { ...s, syncStatus: 'error', syncError: `${FAILURE_TEXT} (${id})`, lastCalcomSync: at, lastSyncedHash: null };
    const bucket = id % 10;
    if (bucket === 0) return { ...s, calcomEventTypeId: null, lastSyncedHash: null };
    const synced = {
      ...s,
      syncStatus: 'synced' as const,
      lastSyncSuccess: at,
      lastCalcomSync: at,
      lastSyncedHash: payloadHash(payloadFor(s)),
    };
    return bucket === 1 ? { ...synced, durationMinutes: s.durationMinutes + 5 } : synced;
  });
}

/**
 * Services firstId … firstId+count-1 as if synced long ago: linked, `synced`, with the audit row whose
 * payload hash the digest compares. Builds a large catalogue's database state without syncing it.
 */
export async function seedSynced(prisma: Prisma, count: number, firstId: number): Promise<void> {
  const at = new Date('2026-11-01T06:00:00Z');
  for (let i = 0; i < count; i += 1000) {
    const ids = Array.from({ length: Math.min(1000, count - i) }, (_, k) => firstId + i + k);
    await prisma.service.createMany({
      data: ids.map((id) => ({
        ...row(id),
        calcomEventTypeId: 3_800_000 + id,
        syncStatus: 'synced',
        syncAttempts: 1,
        lastSyncSuccess: at,
        lastCalcomSync: at,
      })),
    });
    await prisma.syncRun.createMany({
      data: ids.map((id) => ({
        serviceId: id,
        trigger: 'bulk',
        action: 'create',
        outcome: 'created',
        newEventTypeId: 3_800_000 + id,
        attempts: 1,
        payloadHash: payloadHash(payloadFor(benchService(id, row(id)))),
        startedAt: at,
        finishedAt: at,
      })),
    });
  }
}
