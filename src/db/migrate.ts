// Applies prisma/migrations the way `prisma migrate deploy` does (same `_prisma_migrations` table), through
// the wasm schema engine, so `calsync migrate` and every start work offline on PGlite and PostgreSQL alike.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { openSchemaEngine } from './schema-engine.js';

/** The package root: the nearest folder above this module that has prisma/schema.prisma (works from src/ and dist/). */
export function prismaDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'prisma', 'schema.prisma'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('prisma/schema.prisma not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return join(dir, 'prisma');
}

const noFilter = { externalTables: [], externalEnums: [] };

async function migrationsList(baseDir: string) {
  const names = existsSync(baseDir) ? (await readdir(baseDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
  const lockPath = join(baseDir, 'migration_lock.toml');
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: await readFile(join(baseDir, name, 'migration.sql'), 'utf8') } },
      })),
    ),
  };
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
