// The digest against a real (in-memory) database: exactly once per channel and day, catch-up, retry
// after a failed post, forced posts, and the queries it reads.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createDigests } from '../../src/db/digests.js';
import type { Digest } from '../../src/digest/compose.js';
import type { Digests } from '../../src/digest/ports.js';
import { digestText } from '../../src/digest/print.js';
import { t } from '../../src/i18n/index.js';
import { digestMessage, type SlackMessage } from '../../src/slack/messages/index.js';
import { loadDigest, runDigest, type RunDigestOptions } from '../../src/usecases/digest.js';
import { hashOf, row } from './fixtures.js';

let db: Database;
let digests: Digests;
beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://' });
  digests = createDigests(db.prisma);
  const { prisma } = db;
  await prisma.service.createMany({
    data: [
      { ...row(1), name: 'In step' },
      { ...row(2), name: 'Renamed since' },
      {
        ...row(3),
        syncStatus: 'error',
        syncError: 'Cal.com API error 400: duplicate slug',
        lastCalcomSync: new Date('2026-11-23T17:00:00Z'),
      },
      { ...row(4), syncStatus: 'pending', lastSyncSuccess: null, lastCalcomSync: null, calcomEventTypeId: null },
    ],
  });
  const ok = (serviceId: number, payloadHash: string | null) => ({
    serviceId,
    trigger: 'cli',
    outcome: 'updated',
    payloadHash,
    finishedAt: new Date(),
  });
  await prisma.syncRun.createMany({
    data: [
      ok(1, 'stale-old-hash'),
      ok(1, hashOf({ ...row(1), name: 'In step' })), // the latest success is what counts
      { serviceId: 1, trigger: 'cli', outcome: 'failed', payloadHash: null, error: 'boom' }, // a later failure is not a success
      ok(2, hashOf({ ...row(2), name: 'Old name' })),
    ],
  });
});
afterAll(() => db?.close());

const BERLIN = 'Europe/Berlin';
const AFTER_HOUR = new Date('2026-11-24T10:00:00Z'); // 11:00 in Berlin
const BEFORE_HOUR = new Date('2026-11-24T07:30:00Z'); // 08:30 in Berlin

function setup(channel: string, overrides: Partial<RunDigestOptions> = {}) {
  const posted: SlackMessage[] = [];
  // Rendered as the Slack side renders it (slack/digest.ts), so the texts below are what the channel reads.
  const post = vi.fn(async (digest: Digest) => {
    posted.push(digestMessage(digest, 'en'));
    return { ts: `1764000000.${String(posted.length).padStart(6, '0')}` };
  });
  const opts = (more: Partial<RunDigestOptions> = {}): RunDigestOptions => ({
    digests,
    channel,
    timezone: BERLIN,
    time: '09:00',
    holder: 'host-a',
    now: () => AFTER_HOUR,
    post,
    ...overrides,
    ...more,
  });
  return { posted, post, opts };
}

describe('digests.services', () => {
  it('pairs each service with the hash of its last successful run', async () => {
    const services = await digests.services();
    expect(services.map((s) => [s.id, s.lastSyncedHash])).toEqual([
      [1, hashOf({ ...row(1), name: 'In step' })],
      [2, hashOf({ ...row(2), name: 'Old name' })],
      [3, null],
      [4, null],
    ]);
  });

  it('an unchanged sync is a success too: its hash counts', async () => {
    const run = await db.prisma.syncRun.create({
      data: { serviceId: 1, trigger: 'cli', outcome: 'unchanged', step: 'in-sync', payloadHash: 'unchanged-hash', finishedAt: new Date() },
    });
    try {
      expect((await digests.services()).find((s) => s.id === 1)!.lastSyncedHash).toBe('unchanged-hash');
    } finally {
      await db.prisma.syncRun.delete({ where: { id: run.id } });
    }
  });
});

describe('runDigest', () => {
  it('two runs racing for the same channel and date post exactly once', async () => {
    const { post, opts } = setup('C_RACE');
    const results = await Promise.all([runDigest(opts({ holder: 'host-a' })), runDigest(opts({ holder: 'host-b' }))]);
    expect(post).toHaveBeenCalledTimes(1);
    expect(results.filter((r) => r.posted)).toHaveLength(1);
    expect(results.find((r) => !r.posted)?.reason).toMatch(/^(already-posted|claimed-elsewhere)$/);
  });

  it('after the hour with nothing posted it posts once, then not again', async () => {
    const { posted, opts } = setup('C_ONCE');
    const first = await runDigest(opts());
    expect(first).toMatchObject({
      posted: true,
      ts: '1764000000.000001',
      counts: { synced: 1, stale: 1, error: 1, neverSynced: 1, total: 4 },
    });
    expect(posted[0]!.text).toBe('calsync digest 2026-11-24: 1 failing, 1 stale, 1 never synced, 1 in sync');
    expect(await digests.find('C_ONCE', '2026-11-24')).toMatchObject({ messageTs: '1764000000.000001', claimedBy: 'host-a' });
    expect(await runDigest(opts({ holder: 'host-b' }))).toEqual({ posted: false, reason: 'already-posted' });
    expect(await runDigest(opts())).toEqual({ posted: false, reason: 'already-posted' });
    expect(posted).toHaveLength(1);
  });

  it('before the hour it is not due', async () => {
    const { post, opts } = setup('C_EARLY', { now: () => BEFORE_HOUR });
    expect(await runDigest(opts())).toEqual({ posted: false, reason: 'not-due' });
    expect(post).not.toHaveBeenCalled();
    expect(await digests.find('C_EARLY', '2026-11-24')).toBeNull();
  });

  it('a failed post releases the claim, and the next run posts', async () => {
    const { post, opts } = setup('C_FAIL');
    post.mockRejectedValueOnce(new Error('slack: ratelimited'));
    await expect(runDigest(opts())).rejects.toThrow('ratelimited');
    expect(await digests.find('C_FAIL', '2026-11-24')).toBeNull();
    expect(await runDigest(opts({ holder: 'host-b' }))).toMatchObject({ posted: true });
    expect(post).toHaveBeenCalledTimes(2);
  });

  it('a forced run posts without using up the day, before the hour too', async () => {
    const { post, opts } = setup('C_FORCE');
    expect(await runDigest(opts({ force: true, now: () => BEFORE_HOUR }))).toMatchObject({ posted: true });
    expect(await digests.find('C_FORCE', '2026-11-24')).toBeNull();
    expect(await runDigest(opts())).toMatchObject({ posted: true });
    expect(await runDigest(opts({ force: true }))).toMatchObject({ posted: true });
    expect(await runDigest(opts())).toEqual({ posted: false, reason: 'already-posted' });
    expect(post).toHaveBeenCalledTimes(3);
  });

  it('a fresh unposted claim blocks; one older than 10 minutes is taken over', async () => {
    const { post, opts } = setup('C_CRASH');
    expect(await digests.claim('C_CRASH', '2026-11-24', 'crashed-host')).toBe(true);
    expect(await runDigest(opts())).toEqual({ posted: false, reason: 'claimed-elsewhere' });
    await db.prisma.$executeRaw`UPDATE digests SET claimed_at = now() - interval '11 minutes' WHERE channel = 'C_CRASH'`;
    expect(await runDigest(opts())).toMatchObject({ posted: true });
    expect(post).toHaveBeenCalledTimes(1);
    expect(await digests.find('C_CRASH', '2026-11-24')).toMatchObject({ claimedBy: 'host-a' });
  });

  it('a posted digest is never taken over, however old', async () => {
    await db.prisma.$executeRaw`UPDATE digests SET claimed_at = now() - interval '3 hours' WHERE channel = 'C_ONCE'`;
    expect(await digests.claim('C_ONCE', '2026-11-24', 'host-c')).toBe(false);
  });

  it('compares with the previous day and keys the day in DIGEST_TIMEZONE', async () => {
    const { posted, opts } = setup('C_DAYS');
    await runDigest(opts({ now: () => new Date('2026-11-23T10:00:00Z') }));
    await db.prisma.service.update({
      where: { id: 4 },
      data: { syncStatus: 'error', syncError: 'Cal.com timed out after 10 s', lastCalcomSync: new Date('2026-11-24T06:00:00Z') },
    });
    try {
      // 23:30 UTC on the 24th is 00:30 on the 25th in Berlin: with DIGEST_TIME 00:15 that day's digest is due.
      expect(await runDigest(opts({ time: '00:15', now: () => new Date('2026-11-24T23:30:00Z') }))).toMatchObject({ posted: true });
      expect(await digests.find('C_DAYS', '2026-11-25')).not.toBeNull();
      expect(await digests.previousCounts('C_DAYS', '2026-11-25')).toMatchObject({ error: 1, neverSynced: 1 });
      expect(posted[1]!.text).toBe('calsync digest 2026-11-25: 2 failing, 1 stale, 1 in sync');
      expect(JSON.stringify(posted[1]!.blocks)).toContain('2 (+1)');
    } finally {
      await db.prisma.service.update({ where: { id: 4 }, data: { syncStatus: 'pending', syncError: null, lastCalcomSync: null } });
    }
  });

  it('loads the whole report without posting or claiming', async () => {
    const digest = await loadDigest({ digests, timezone: BERLIN, now: () => AFTER_HOUR, channel: 'C_PRINT' });
    // Rendered as `calsync digest --print` renders it.
    const text = digestText(digest, t('de'));
    expect(text).toContain('calsync-Digest 2026-11-24: 1 fehlerhaft, 1 veraltet, 1 nie synchronisiert, 1 synchron');
    expect(text).toContain('Dienstleistung 3 · Service 3 · letzter Versuch 2026-11-23 17:00 UTC');
    expect(text).toContain('Cal.com API error 400: duplicate slug');
    expect(await digests.find('C_PRINT', '2026-11-24')).toBeNull();
  });
});

describe('at scale', () => {
  it('reads 10,000 services with their last hashes in two queries', async () => {
    const { prisma } = db;
    await prisma.$executeRaw`INSERT INTO services (id, name, duration_minutes, sync_status, last_sync_success)
      SELECT g, 'Service ' || g, 30, CASE WHEN g % 5 = 0 THEN 'error' ELSE 'synced' END, now() FROM generate_series(10001, 20000) g`;
    await prisma.$executeRaw`INSERT INTO sync_runs (service_id, trigger, outcome, payload_hash)
      SELECT g, 'bulk', o, o || g FROM generate_series(10001, 20000) g, unnest(ARRAY['created', 'updated', 'failed']) o`;
    try {
      const services = await digests.services();
      expect(services).toHaveLength(10_004);
      expect(services.at(-1)).toMatchObject({ id: 20000, syncStatus: 'error', lastSyncedHash: 'updated20000' });
    } finally {
      await prisma.service.deleteMany({ where: { id: { gt: 10_000 } } });
    }
  });
});
