// Plan, then apply (issue 10; SPEC §10: a bulk run over an unchanged catalogue of 1,000 sends at most 2
// requests, one with 10 changed at most 12). The real stack at CALCOM_RATE_LIMIT=120 against the emulator
// (embedded database, HTTP client, limiter): requests sent and wall time, for an unchanged catalogue and
// for one with some services changed. The baseline is the old behaviour, a PATCH of every service: its
// request count is measured at a high limit (so the bench doesn't take 8 minutes) and its wall time at
// 120/min computed from the limiter's pacing, which is what bounds it.
import pLimit from 'p-limit';
import { createContext } from '../app/context.js';
import { minGapMs } from '../calcom/limiter.js';
import { loadConfig } from '../config.js';
import { startEmulator, type Emulator } from '../sandbox/emulator.js';
import { runBulk, type BulkCounts } from '../sync/bulk.js';
import { payloadFor } from '../sync/payload.js';
import type { Service } from '../sync/types.js';
import { row } from './catalogue.js';

export interface PlanCostArgs {
  services: number;
  changed: number;
  limitPerMinute: number;
  /** The limit the baseline's PATCHes are actually sent at. */
  baselineLimitPerMinute: number;
}

export interface BulkFigures {
  requests: number;
  byMethod: Record<string, number>;
  wallMs: number;
  counts: BulkCounts;
}

export interface PlanCostResult extends PlanCostArgs {
  unchanged: BulkFigures;
  someChanged: BulkFigures;
  baseline: { requests: number; measuredWallMs: number; wallMsAtLimit: number };
}

const KEY = 'cal_bench_plan_key';

async function measured(emulator: Emulator, run: () => Promise<{ counts: BulkCounts }>): Promise<BulkFigures> {
  const before = emulator.requests().length;
  const started = performance.now();
  const { counts } = await run();
  const wallMs = performance.now() - started;
  const sent = emulator.requests().slice(before);
  const byMethod: Record<string, number> = {};
  for (const r of sent) byMethod[r.method] = (byMethod[r.method] ?? 0) + 1;
  return { requests: sent.length, byMethod, wallMs, counts };
}

async function withStack<T>(
  emulator: Emulator,
  perMinute: number,
  fn: (ctx: Awaited<ReturnType<typeof createContext>>) => Promise<T>,
): Promise<T> {
  const config = loadConfig({
    CALCOM_API_KEY: KEY,
    CALCOM_API_URL: emulator.url,
    CALCOM_RATE_LIMIT: String(perMinute),
    CALSYNC_DATA_DIR: 'memory://',
    LOG_LEVEL: 'silent',
  });
  const ctx = await createContext(config);
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

/** A catalogue of `count` services, each linked to its event type in the emulator, everything in step. */
async function seedInStep(ctx: Awaited<ReturnType<typeof createContext>>, emulator: Emulator, count: number): Promise<number[]> {
  const ids = Array.from({ length: count }, (_, i) => i + 1);
  const rows = ids.map((id) => {
    const r = row(id);
    const p = payloadFor({ ...r, active: true } as Service);
    const et = emulator.seed(KEY, {
      title: p.title,
      slug: p.slug,
      lengthInMinutes: p.lengthInMinutes,
      description: p.description ?? null,
      hidden: p.hidden,
    });
    return { ...r, calcomEventTypeId: et.id, syncStatus: 'synced' };
  });
  for (let i = 0; i < rows.length; i += 1000) await ctx.db.prisma.service.createMany({ data: rows.slice(i, i + 1000) });
  return ids;
}

export async function planCost(args: PlanCostArgs): Promise<PlanCostResult> {
  const emulator = await startEmulator({ rateLimitPerMinute: false });
  try {
    const { unchanged, someChanged } = await withStack(emulator, args.limitPerMinute, async (ctx) => {
      const ids = await seedInStep(ctx, emulator, args.services);
      const engine = ctx.requireEngine().engine;
      const unchanged = await measured(emulator, () => runBulk(engine, ids, { trigger: 'bulk', requestedBy: 'bench' }));
      // A few services change in the catalogue, the way a business's own system writes them.
      await ctx.db.prisma.service.updateMany({ where: { id: { lte: args.changed } }, data: { durationMinutes: { increment: 15 } } });
      const someChanged = await measured(emulator, () => runBulk(engine, ids, { trigger: 'bulk', requestedBy: 'bench' }));
      return { unchanged, someChanged };
    });
    emulator.reset();
    // The old behaviour, every service PATCHed with every managed field, through the same client and limiter.
    const baseline = await withStack(emulator, args.baselineLimitPerMinute, async (ctx) => {
      await seedInStep(ctx, emulator, args.services);
      const { calcom } = ctx.requireEngine();
      const services = await ctx.store.listServices();
      const slots = pLimit(8);
      const before = emulator.requests().length;
      const started = performance.now();
      await Promise.all(
        services.map((s) =>
          slots(() => {
            const { slug: _slug, ...body } = payloadFor(s);
            return calcom.update(s.calcomEventTypeId!, body);
          }),
        ),
      );
      const requests = emulator.requests().length - before;
      return {
        requests,
        measuredWallMs: performance.now() - started,
        wallMsAtLimit: Math.max(0, requests - 1) * minGapMs(args.limitPerMinute),
      };
    });
    return { ...args, unchanged, someChanged, baseline };
  } finally {
    await emulator.close();
  }
}
