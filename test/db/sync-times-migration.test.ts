// The migration that moves sync times onto the database's clock: rows stamped by the app's clock before the
// upgrade, a little before their updated_at, must not read as edited since their sync (the digest's "stale").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { backends, withBackend } from '../support/servers.js';

const MIGRATION = new URL('../../prisma/migrations/20261129203000_sync_times_from_database/migration.sql', import.meta.url);
const statements = readFileSync(MIGRATION, 'utf8')
  .replace(/^--.*$/gm, '')
  .split(';')
  .map((s) => s.trim())
  .filter(Boolean);

describe.each(backends)('sync times migration on $name', (backend) => {
  let db: Database;
  withBackend(backend, (opened) => (db = opened));

  it('closes a skew of up to a minute, keeps a real later edit, and leaves the trigger on', async () => {
    const synced = new Date('2026-11-20T09:00:00.000Z');
    const at = (ms: number) => new Date(synced.getTime() + ms);
    // As an older calsync wrote them: last_sync_success from JS time, updated_at from the trigger a moment later.
    for (const [id, updatedAt] of [
      [1, at(93)],
      [2, at(59_000)],
      [3, at(120_000)],
      [4, at(0)],
    ] as const) {
      await db.prisma.service.create({ data: { id, name: `S${id}`, durationMinutes: 30, lastSyncSuccess: synced, updatedAt } });
    }
    await db.prisma.service.create({ data: { id: 5, name: 'never synced', durationMinutes: 30, updatedAt: at(93) } });

    for (const sql of statements) await db.prisma.$executeRawUnsafe(sql);

    const rows = await db.prisma.service.findMany({ orderBy: { id: 'asc' }, select: { id: true, updatedAt: true } });
    expect(rows.map((r) => [r.id, r.updatedAt.getTime() - synced.getTime()])).toEqual([
      [1, 0],
      [2, 0],
      [3, 120_000],
      [4, 0],
      [5, 93],
    ]);
    await db.prisma.service.update({ where: { id: 1 }, data: { name: 'edited' } });
    const edited = await db.prisma.service.findUniqueOrThrow({ where: { id: 1 } });
    expect(edited.updatedAt.getTime()).toBeGreaterThan(synced.getTime());
  });
});
