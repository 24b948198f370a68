// The same syncs through the real store on embedded PGlite, so the report can say how much of a sync's
// cost is the engine and how much the database: (a) PGlite + Cal.com answering in process, (b) PGlite +
// the real HTTP client and limiter against the emulator with no latency (the emulator runs in this
// process, so (b) includes its CPU: an upper bound). The catalogue has `size` services, all but a sample
// already synced (seeded, not synced one by one, which would take minutes at 10,000); the sample is what
// is synced and timed. Then the memory of the whole process and the digest read from the database.
import { hostname } from 'node:os';
import { cpuUsage, memoryUsage } from 'node:process';
import { createContext } from '../app/context.js';
import { loadConfig } from '../config.js';
import { startEmulator } from '../sandbox/emulator.js';
import { runBulk } from '../sync/bulk.js';
import { createEngine, type Engine } from '../sync/engine.js';
import { FAILURE_TEXT, seedCatalogue, seedSynced } from './catalogue.js';
import { instantEventTypes } from './fakes.js';
import { collectGarbage } from './fork.js';
import { median } from './stats.js';

export interface StackCostArgs {
  size: number;
  /** How many services are synced and timed (each variant). */
  sample: number;
  digestRuns: number;
  /** Services synced (twice) before measuring, so the JIT and Prisma's caches are warm. */
  warmup: number;
}

export interface PerSync {
  cpuUs: number;
  wallUs: number;
}

export interface DbDigest {
  loadMs: number;
  composeMs: number;
  messageMs: number;
  totalMs: number;
  failing: number;
  blocks: number;
}

export interface StackCostResult {
  size: number;
  sample: number;
  seedMs: number;
  pgliteCreate: PerSync;
  pgliteUpdate: PerSync;
  httpCreate: PerSync;
  rssBytes: number;
  heapUsedBytes: number;
  externalBytes: number;
  digest: DbDigest | { error: string };
}

async function timed(engine: Pick<Engine, 'sync'>, ids: number[]): Promise<PerSync> {
  const cpu = cpuUsage();
  const started = performance.now();
  const { counts } = await runBulk(engine, ids, { trigger: 'bulk', requestedBy: 'bench' });
  const wallUs = ((performance.now() - started) * 1000) / ids.length;
  const d = cpuUsage(cpu);
  const ok = (counts.created ?? 0) + (counts.updated ?? 0) + (counts.unchanged ?? 0);
  if (ok !== ids.length) throw new Error(`expected ${ids.length} successful syncs, got ${JSON.stringify(counts)}`);
  return { cpuUs: (d.user + d.system) / ids.length, wallUs };
}

async function digestFromDatabase(prisma: Parameters<typeof seedCatalogue>[0], runs: number): Promise<DbDigest | { error: string }> {
  try {
    const { createDigests } = await import('../db/digests.js');
    const { composeDigest } = await import('../digest/compose.js');
    const { digestMessage } = await import('../slack/messages/digest.js');
    const digests = createDigests(prisma);
    const samples: DbDigest[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const services = await digests.services();
      const t1 = performance.now();
      const digest = composeDigest({ services, previous: null, localDate: '2026-11-02', now: new Date() });
      const t2 = performance.now();
      const message = digestMessage(digest, 'en');
      const t3 = performance.now();
      samples.push({
        loadMs: t1 - t0,
        composeMs: t2 - t1,
        messageMs: t3 - t2,
        totalMs: t3 - t0,
        failing: digest.counts.error,
        blocks: message.blocks.length,
      });
    }
    const pick = (k: 'loadMs' | 'composeMs' | 'messageMs' | 'totalMs') => median(samples.map((r) => r[k]));
    return {
      loadMs: pick('loadMs'),
      composeMs: pick('composeMs'),
      messageMs: pick('messageMs'),
      totalMs: pick('totalMs'),
      failing: samples[0]!.failing,
      blocks: samples[0]!.blocks,
    };
  } catch (err) {
    return { error: `n/a (digest module missing or changed: ${(err as Error).message.split('\n')[0]})` };
  }
}

export async function stackCost(args: StackCostArgs): Promise<StackCostResult> {
  const emulator = await startEmulator({ rateLimitPerMinute: false });
  const config = loadConfig({
    CALCOM_API_KEY: 'cal_bench_key',
    CALCOM_API_URL: emulator.url,
    CALCOM_RATE_LIMIT: '100000',
    CALSYNC_DATA_DIR: 'memory://',
    LOG_LEVEL: 'silent',
  });
  const ctx = await createContext(config);
  try {
    const prisma = ctx.db.prisma;
    const instant = createEngine({ calcom: instantEventTypes(), store: ctx.store, holder: `${hostname()}:bench` });
    // Warm-up on ids far from the measured ones, then removed, so the JIT and Prisma's caches are warm.
    const warmIds = await seedCatalogue(prisma, args.warmup, 900_001);
    await runBulk(instant, warmIds, { trigger: 'bulk' });
    await runBulk(ctx.engine!, warmIds, { trigger: 'bulk' });
    await prisma.syncRun.deleteMany({});
    await prisma.service.deleteMany({});

    const sample = Math.min(args.sample, args.size);
    const seedStarted = performance.now();
    const ids = await seedCatalogue(prisma, sample);
    await seedSynced(prisma, args.size - sample, sample + 1);
    const seedMs = performance.now() - seedStarted;

    const pgliteCreate = await timed(instant, ids);
    // A real update (one field changed), not a skip of an unchanged service.
    await prisma.service.updateMany({ where: { id: { lte: sample } }, data: { durationMinutes: { increment: 15 } } });
    const pgliteUpdate = await timed(instant, ids);
    await prisma.service.updateMany({ where: { id: { lte: sample } }, data: { calcomEventTypeId: null } });
    const httpCreate = await timed(ctx.engine!, ids);
    collectGarbage();
    const mem = memoryUsage();

    // A fifth of the catalogue failing, as the digest target asks (2,000 of 10,000).
    await prisma.service.updateMany({
      where: { id: { lte: Math.round(args.size / 5) } },
      data: { syncStatus: 'error', syncError: FAILURE_TEXT },
    });
    const digest = await digestFromDatabase(prisma, args.digestRuns);
    return {
      size: args.size,
      sample,
      seedMs,
      pgliteCreate,
      pgliteUpdate,
      httpCreate,
      rssBytes: mem.rss,
      heapUsedBytes: mem.heapUsed,
      externalBytes: mem.external,
      digest,
    };
  } finally {
    await ctx.close();
    await emulator.close();
  }
}
