// The embedded database: migrations from an empty directory, idempotent, the directory lock, and the store.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backends, POSTGRES_URL, withBackend } from '../support/servers.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';

const dir = mkdtempSync(join(tmpdir(), 'calsync-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migrations on PGlite', () => {
  it('apply to an empty directory, are a no-op the second time, and a second process is refused', async () => {
    const first = await openDatabase({ dataDir: dir });
    const all = readdirSync(new URL('../../prisma/migrations', import.meta.url), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(all[0]).toBe('20261124000000_init');
    expect(first.applied).toEqual(all);
    const columns = await first.prisma.$queryRaw<
      { column_name: string }[]
    >`SELECT column_name FROM information_schema.columns WHERE table_name = 'services' ORDER BY ordinal_position`;
    expect(columns.map((c) => c.column_name)).toEqual([
      'id',
      'name',
      'description',
      'duration_minutes',
      'price_cents',
      'currency',
      'active',
      'calcom_event_type_id',
      'sync_status',
      'sync_error',
      'sync_attempts',
      'last_sync_success',
      'last_calcom_sync',
      'updated_at',
    ]);
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/in use by this calsync process/);
    await first.close();

    // A lock left by a live process (our parent stands in for a running `calsync serve`) is respected.
    writeFileSync(join(dir, 'calsync.lock'), String(process.ppid));
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(
      new RegExp(`in use by another calsync process \\(pid ${process.ppid}\\).*DATABASE_URL`),
    );
    // A lock left by a dead process is taken over.
    writeFileSync(join(dir, 'calsync.lock'), '999999');

    const again = await openDatabase({ dataDir: dir });
    expect(again.applied).toEqual([]);
    expect(await again.ping()).toBe(true);
    await again.close();
  });
});

describe.each(backends)('store on $name', (backend) => {
  let db: Database;
  withBackend(backend, (opened) => (db = opened));

  it('updated_at follows direct SQL writes by other systems', async () => {
    await db.prisma.$executeRaw`INSERT INTO services (id, name, duration_minutes, updated_at) VALUES (1, 'Schnitt', 30, '2020-01-01')`;
    await db.prisma.$executeRaw`UPDATE services SET name = 'Schnitt neu' WHERE id = 1`;
    const [row] = await db.prisma.$queryRaw<{ updated_at: Date }[]>`SELECT updated_at FROM services WHERE id = 1`;
    expect(row!.updated_at.getFullYear()).toBeGreaterThan(2020);
  });

  it('claims a service once; a second claim sees who holds it; release frees it', async () => {
    const store = createStore(db.prisma);
    await db.prisma.service.create({ data: { id: 2, name: 'Farbe', durationMinutes: 60 } });
    expect(await store.claim(2, 'a', { channel: 'C1', threadTs: '1.2' })).toEqual({ ok: true });
    const second = await store.claim(2, 'b');
    expect(second).toMatchObject({ ok: false, slack: { channel: 'C1', threadTs: '1.2' } });
    await store.release(2, 'b'); // not the holder: nothing happens
    expect((await store.claim(2, 'c')).ok).toBe(false);
    await store.release(2, 'a');
    expect(await store.claim(2, 'c')).toEqual({ ok: true });
  });

  it('takes over a claim whose lease expired (a crashed holder)', async () => {
    const store = createStore(db.prisma);
    await db.prisma.service.create({ data: { id: 3, name: 'Föhnen', durationMinutes: 15 } });
    await db.prisma.syncLock.create({ data: { serviceId: 3, holder: 'dead', expiresAt: new Date(Date.now() - 1000) } });
    expect(await store.claim(3, 'alive')).toEqual({ ok: true });
  });

  it('records runs and results', async () => {
    const store = createStore(db.prisma);
    const runId = await store.startRun({ serviceId: 2, trigger: 'cli', requestedBy: 'me', oldEventTypeId: null });
    await store.link(2, 77, 'farbe-2');
    await store.recordSuccess(2, 77, 1);
    await store.finishRun(runId, {
      action: 'create',
      step: 'create',
      changes: null,
      outcome: 'created',
      newEventTypeId: 77,
      oldEventTypeId: null,
      httpStatus: null,
      error: null,
      attempts: 1,
      payloadHash: 'abc',
    });
    const synced = await store.getService(2);
    expect(synced).toMatchObject({ calcomEventTypeId: 77, syncStatus: 'synced', syncAttempts: 1 });
    // Stamped by the clock that stamps updated_at, in the same statement: the digest sees no edit since.
    expect(synced!.lastSyncSuccess).toEqual(synced!.updatedAt);
    expect(synced!.lastCalcomSync).toEqual(synced!.updatedAt);
    const [run] = await store.recentRuns(2);
    expect(run).toMatchObject({
      trigger: 'cli',
      step: 'create',
      changes: null,
      outcome: 'created',
      newEventTypeId: 77,
      payloadHash: 'abc',
    });
    expect(run!.finishedAt).toBeInstanceOf(Date);

    const second = await store.startRun({ serviceId: 2, trigger: 'cli', oldEventTypeId: 77 });
    const changes = [{ field: 'lengthInMinutes' as const, from: 45, to: 60 }];
    await store.finishRun(second, {
      action: 'update',
      step: 'update',
      changes,
      outcome: 'updated',
      newEventTypeId: 77,
      oldEventTypeId: 77,
      httpStatus: null,
      error: null,
      attempts: 1,
      payloadHash: 'def',
    });
    expect((await store.recentRuns(2))[0]).toMatchObject({ step: 'update', changes });
  });

  it('remembers the slug of a linked event type, and keeps it when the link is cleared', async () => {
    const store = createStore(db.prisma);
    await db.prisma.service.create({ data: { id: 4, name: 'Schnitt', durationMinutes: 30 } });
    expect(await store.rememberedSlugs([4])).toEqual(new Map());
    await store.link(4, 500, 'schnitt-4');
    expect(await store.rememberedSlugs([4, 2])).toEqual(
      new Map([
        [4, 'schnitt-4'],
        [2, 'farbe-2'],
      ]),
    );
    await store.link(4, null);
    expect(await store.getService(4)).toMatchObject({ calcomEventTypeId: null });
    expect(await store.rememberedSlugs([4])).toEqual(new Map([[4, 'schnitt-4']]));
    await store.rememberSlug(4, 501, 'hand-made');
    expect(await store.rememberedSlugs([4])).toEqual(new Map([[4, 'hand-made']]));
  });

  it('an import remembers the slugs of the event types it links and the services it creates', async () => {
    const store = createStore(db.prisma);
    await db.prisma.service.create({ data: { id: 5, name: 'Waschen', durationMinutes: 10 } });
    await store.applyImport({
      link: [{ serviceId: 5, eventTypeId: 600, slug: 'waschen-5' }],
      create: [{ id: 6, name: 'Beratung', durationMinutes: 20, description: null, active: true, eventTypeId: 601, slug: 'beratung' }],
      alreadyLinked: 0,
      skipped: [],
    });
    expect(await store.rememberedSlugs([5, 6])).toEqual(
      new Map([
        [5, 'waschen-5'],
        [6, 'beratung'],
      ]),
    );
    // Created as synced, with updated_at from the same instant: not an edit after the sync.
    const created = await store.getService(6);
    expect(created!.lastSyncSuccess).toEqual(created!.updatedAt);
  });

  it('remembers the target a link was made under: a team, or personal (null, as every link before issue 13)', async () => {
    const store = createStore(db.prisma);
    await db.prisma.service.createMany({
      data: [
        { id: 7, name: 'Team', durationMinutes: 10 },
        { id: 8, name: 'Import', durationMinutes: 10 },
      ],
    });
    await store.link(7, 9001, 'team-7', 4242);
    expect((await store.rememberedLinks([7])).get(7)).toEqual({ eventTypeId: 9001, slug: 'team-7', teamId: 4242 });
    await store.rememberSlug(7, 700, 'personal-7', null);
    expect((await store.rememberedLinks([7])).get(7)).toEqual({ eventTypeId: 700, slug: 'personal-7', teamId: null });
    await store.applyImport({
      teamId: 4242,
      link: [{ serviceId: 8, eventTypeId: 9002, slug: 'import-8' }],
      create: [],
      alreadyLinked: 0,
      skipped: [],
    });
    expect((await store.rememberedLinks([8, 5])).get(8)).toEqual({ eventTypeId: 9002, slug: 'import-8', teamId: 4242 });
    expect((await store.rememberedLinks([8, 5])).get(5)).toEqual({ eventTypeId: 600, slug: 'waschen-5', teamId: null });
  });
});

describe.each(backends)('services import on $name', (backend) => {
  let db: Database;
  withBackend(backend, (opened) => (db = opened));

  it('creates with defaults, changes only the columns a row gives, and counts new and updated', async () => {
    const store = createStore(db.prisma);
    await db.prisma.service.create({
      data: { id: 10, name: 'Alt', durationMinutes: 30, calcomEventTypeId: 555, syncStatus: 'synced', priceCents: 100 },
    });
    const at = new Date('2026-11-20T08:00:00.123Z');
    const counts = await store.importRows([
      { id: 10, name: 'Neu', duration_minutes: 45 },
      {
        id: 11,
        name: 'Farbe',
        duration_minutes: 60,
        price_cents: null,
        currency: 'EUR',
        active: false,
        last_sync_success: at,
        description: "O'Brien; DROP TABLE services",
      },
      { id: 12, name: 'Föhnen', duration_minutes: 15 },
    ]);
    expect(counts).toEqual({ created: 2, updated: 1 });
    const rows = await db.prisma.service.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.id, r.name, r.durationMinutes, r.calcomEventTypeId, r.syncStatus, r.priceCents, r.active])).toEqual([
      [10, 'Neu', 45, 555, 'synced', 100, true],
      [11, 'Farbe', 60, null, 'pending', null, false],
      [12, 'Föhnen', 15, null, 'pending', null, true],
    ]);
    expect(rows[1]).toMatchObject({ currency: 'EUR', lastSyncSuccess: at, description: "O'Brien; DROP TABLE services", syncAttempts: 0 });
  });

  it('writes nothing when a row fails in the database (rows giving other columns included)', async () => {
    const store = createStore(db.prisma);
    const before = await db.prisma.service.count();
    await expect(
      store.importRows([
        { id: 22, name: 'Gut', duration_minutes: 30 },
        { id: 23, name: 'Schlecht', duration_minutes: 30, description: 'NUL \u0000' },
      ]),
    ).rejects.toThrow();
    expect(await db.prisma.service.count()).toBe(before);
  });
});

describe.skipIf(!POSTGRES_URL)('two processes on one PostgreSQL', () => {
  it('migrations apply once; two instances racing for one service: exactly one claim wins', async () => {
    const { freshPostgres } = await import('../support/servers.js');
    const server = await freshPostgres();
    const [a, b] = await Promise.all([
      openDatabase({ url: server.url, dataDir: 'x' }),
      openDatabase({ url: server.url, dataDir: 'x' }),
    ]).catch(async (err) => {
      // Two fresh migrators may race on CREATE TABLE; the loser finds everything applied on a retry.
      throw err;
    });
    try {
      await a.prisma.service.create({ data: { id: 1, name: 'A', durationMinutes: 30 } });
      for (let round = 0; round < 20; round++) {
        const claims = await Promise.all([createStore(a.prisma).claim(1, 'a'), createStore(b.prisma).claim(1, 'b')]);
        expect(claims.filter((c) => c.ok)).toHaveLength(1);
        await createStore(a.prisma).release(1, 'a');
        await createStore(b.prisma).release(1, 'b');
      }
    } finally {
      await a.close();
      await b.close();
      await server.drop();
    }
  });
});
