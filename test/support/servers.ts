// Real PostgreSQL and Redis for the tests that need them. `.ci/run` starts both (see .ci/services.sh) and
// sets TEST_DATABASE_URL / TEST_REDIS_URL; without them those tests are skipped, and say why in their name.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';

export const POSTGRES_URL = process.env.TEST_DATABASE_URL;
export const REDIS_URL = process.env.TEST_REDIS_URL;
export const NEEDS_POSTGRES = POSTGRES_URL ? 'PostgreSQL' : 'PostgreSQL (skipped: set TEST_DATABASE_URL, as .ci/run does)';
export const NEEDS_REDIS = REDIS_URL ? 'Redis' : 'Redis (skipped: set TEST_REDIS_URL, as .ci/run does)';

/** A new empty database on the test server; drop() removes it. */
export async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `calsync_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface Backend {
  name: string;
  enabled: boolean;
  /** Opens a fresh, migrated database; close() also drops a PostgreSQL one. */
  open(): Promise<Database>;
}

export const backends: Backend[] = [
  { name: 'PGlite', enabled: true, open: () => openDatabase({ dataDir: 'memory://' }) },
  {
    name: NEEDS_POSTGRES,
    enabled: Boolean(POSTGRES_URL),
    async open() {
      const server = await freshPostgres();
      const db = await openDatabase({ url: server.url, dataDir: 'unused' });
      return {
        ...db,
        close: async () => {
          await db.close();
          await server.drop();
        },
      };
    },
  },
];

/**
 * For a `describe.each(backends)` block: opens the backend's database before the block's tests and hands it to
 * `use`, closes it after them, and skips each test where the backend is not configured.
 */
export function withBackend(backend: Backend, use: (db: Database) => void): void {
  let db: Database | undefined;
  beforeAll(async () => {
    if (!backend.enabled) return;
    db = await backend.open();
    use(db);
  });
  beforeEach((t) => {
    if (!backend.enabled) t.skip();
  });
  afterAll(() => db?.close());
}
