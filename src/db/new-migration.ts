// Developer tool: `npm run db:migration -- add_something` writes prisma/migrations/<timestamp>_add_something
// with the SQL that takes the committed migrations to the current schema.prisma (offline, like everything else).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { pendingSchemaSql, prismaDir } from './migrate.js';

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_').toLowerCase();
if (!name) {
  console.error('usage: npm run db:migration -- <name>');
  process.exit(2);
}
const pglite = await PGlite.create();
const sql = await pendingSchemaSql(new PrismaPGlite(pglite));
await pglite.close();
if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
  console.log('schema.prisma matches the migrations: nothing to write');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = join(prismaDir(), 'migrations', `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'migration.sql'), sql);
console.log(`wrote ${dir}/migration.sql`);
