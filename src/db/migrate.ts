// Applies prisma/migrations the way `prisma migrate deploy` does (same `_prisma_migrations` table), through
// the wasm schema engine, so `calsync migrate` and every start work offline on PGlite and PostgreSQL alike.
// Loading that engine costs about as much as opening PGlite, so every command first compares the table
// with the folder and loads it only when something is pending.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

/** The package root: the nearest folder above this module that has prisma/schema.prisma (works from src/ and dist/). */
export function prismaDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'prisma', 'schema.prisma'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`prisma/schema.prisma not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return join(dir, 'prisma');
}

const noFilter = { externalTables: [], externalEnums: [] };

async function migrationsList(baseDir: string) {
  const names = existsSync(baseDir)
    ? (await readdir(baseDir, { withFileTypes: true }))
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = join(baseDir, 'migration_lock.toml');
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: { tag: 'ok' as const, value: await readFile(join(baseDir, name, 'migration.sql'), 'utf8') },
        },
      })),
    ),
  };
}

async function openSchemaEngine(schema: string, adapter: SqlMigrationAwareDriverAdapterFactory) {
  const { openSchemaEngine: open } = await import('./schema-engine.js');
  return open(schema, adapter);
}

/** Names of the migrations finished in the database; throws when it has no `_prisma_migrations` yet. */
export type ReadApplied = (sql: string) => Promise<string[]>;

export const APPLIED_SQL = 'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL';

/** Whether prisma/migrations holds a migration the database has not finished (a new database: yes). */
export async function migrationsPending(readApplied: ReadApplied): Promise<boolean> {
  const dir = resolve(prismaDir(), 'migrations');
  const names = existsSync(dir) ? (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name) : [];
  let applied: Set<string>;
  try {
    applied = new Set(await readApplied(APPLIED_SQL));
  } catch {
    return true; // no table yet, or unreadable: the engine decides and explains
  }
  return names.some((name) => !applied.has(name));
}

/** Applies pending migrations (checking cheaply first); returns the names applied. */
export async function migrateIfPending(adapter: SqlMigrationAwareDriverAdapterFactory, readApplied: ReadApplied): Promise<string[]> {
  return (await migrationsPending(readApplied)) ? applyMigrations(adapter) : [];
}

/** Applies pending migrations; returns the names applied (empty when the database is current). */
export async function applyMigrations(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const dir = prismaDir();
  const schema = await readFile(join(dir, 'schema.prisma'), 'utf8');
  const engine = await openSchemaEngine(schema, adapter);
  try {
    const out = await engine.applyMigrations({ migrationsList: await migrationsList(resolve(dir, 'migrations')), filters: noFilter });
    return out.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/** The SQL that takes the migrations as they are to the schema as it is: what a new migration should contain. */
export async function pendingSchemaSql(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const dir = prismaDir();
  const schema = await readFile(join(dir, 'schema.prisma'), 'utf8');
  const engine = await openSchemaEngine(schema, adapter);
  try {
    const out = await engine.diff({
      from: { tag: 'migrations', ...(await migrationsList(resolve(dir, 'migrations'))) },
      to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] },
      script: true,
      exitCode: null,
      filters: noFilter,
    });
    return out.stdout ?? '';
  } finally {
    engine.free();
  }
}
