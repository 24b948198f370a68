// The fault suite (SPEC §10 "No loss, no duplicates"): a bulk run of 200 services through the real engine, client
// and limiter against the Cal.com emulator with random faults — 20 % of responses 5xx, timeouts after Cal.com
// already created the event type, connection resets — and one burst of 429s. Every service must end synced or
// with a recorded error, no service may get a second event type, and our own pacing must cause no 429.
// Seeded: FAULT_SEED=<n> replays a run exactly (same faults for the same request order).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type Context } from '../../src/app/context.js';
import { loadConfig } from '../../src/config.js';
import { startEmulator, type Emulator, type FaultRule } from '../../src/sandbox/emulator.js';
import { runBulk } from '../../src/sync/bulk.js';
import { slugFor } from '../../src/sync/slug.js';
import type { SyncResult } from '../../src/sync/types.js';

const KEY = 'cal_test_faults';
const N = 200;
const FIRST_ID = 1000;
const TIMEOUT_MS = 300; // CALCOM_TIMEOUT_MS: low, so a timeout costs little
const DELAY_MS = 1000; // > TIMEOUT_MS: the client gives up before the emulator answers
const WINDOW_MS = 2000; // the emulator's rate-limit window and block, small so a 429 costs 2 s, not 60
const EMULATOR_LIMIT = 100; // per key per 2 s window (= 3000/min) …
const OUR_RATE = 2400; // … and our limiter's pace (per minute): at most ~77 requests in any 2 s
const SEED = Number(process.env.FAULT_SEED ?? 20261124);

interface Logged {
  method: string;
  path: string;
  status: number;
  ms: number;
}

async function start(log: Logged[]): Promise<{ emulator: Emulator; ctx: Context }> {
  const emulator = await startEmulator({
    rateLimitPerMinute: EMULATOR_LIMIT,
    windowMs: WINDOW_MS,
    blockMs: WINDOW_MS,
    // The emulator logs every answered (or reset) request with how long it took: that is how the injected
    // faults are counted afterwards (a delay shows as ms ≥ DELAY_MS, a reset as status 0).
    logger: { info: (o: object) => void ('method' in o && log.push(o as Logged)) },
  });
  const ctx = await createContext(
    loadConfig({
      CALSYNC_DATA_DIR: 'memory://',
      CALCOM_API_URL: emulator.url,
      CALCOM_API_KEY: KEY,
      CALCOM_RATE_LIMIT: String(OUR_RATE),
      CALCOM_TIMEOUT_MS: String(TIMEOUT_MS),
      LOG_LEVEL: 'silent',
    }),
  );
  return { emulator, ctx };
}

function faultKind(r: Logged): string | null {
  if (r.status === 0) return 'reset';
  if (r.ms >= DELAY_MS - 20) return 'delay (client timeout)';
  if (r.status === 429) return '429';
  if (r.status >= 500) return '5xx';
  return null;
}

describe('bulk run of 200 services under random faults', () => {
  const log: Logged[] = [];
  let emulator: Emulator;
  let ctx: Context;
  const ids = Array.from({ length: N }, (_, i) => FIRST_ID + i);
  const services = new Map<number, { name: string; slug: string; kind: 'new' | 'existing' | 'stale' }>();

  beforeAll(async () => {
    ({ emulator, ctx } = await start(log));
    // 150 new services (create), 30 whose event type already exists unlinked (adopt), 20 linked to event
    // types deleted in Cal.com (recreate). Some share a name: their slugs differ by the id suffix.
    const names = ['Ansatz + Längenausgleich', 'Herrenschnitt', 'Balayage', 'Föhnen & Stylen', 'Maniküre', 'Straße Ø 2'];
    for (const id of ids) {
      const i = id - FIRST_ID;
      const name = `${names[i % names.length]}${i % 3 === 0 ? '' : ` ${i}`}`;
      const kind = i < 150 ? 'new' : i < 180 ? 'existing' : 'stale';
      services.set(id, { name, slug: slugFor({ id, name }), kind });
      if (kind === 'existing') emulator.seed(KEY, { title: name, slug: slugFor({ id, name }), lengthInMinutes: 15 });
      await ctx.db.prisma.service.create({
        data: {
          id,
          name,
          durationMinutes: 15 + (i % 8) * 15,
          description: i % 2 ? `Service ${i}` : null,
          calcomEventTypeId: kind === 'stale' ? 9_000_000 + i : null,
        },
      });
    }
  }, 60_000);

  afterAll(async () => {
    await ctx?.close();
    await emulator?.close();
  });

  it('every service ends synced or with a recorded error; zero duplicates; no 429 of our own', { timeout: 120_000 }, async () => {
    const faults: FaultRule[] = [
      ...[500, 502, 503, 504, 500, 502, 503, 504].map(
        (status): FaultRule => ({ kind: 'status', status, message: 'injected server error' }),
      ),
      { kind: 'delay', after: true, ms: DELAY_MS }, // Cal.com did the work, the client timed out
      { kind: 'delay', after: false, ms: DELAY_MS }, // the client timed out, then Cal.com does the work
      { kind: 'reset' }, // connection reset before Cal.com did anything
      { kind: 'reset', after: true }, // connection reset after Cal.com did the work
    ];
    // rate 0.3 × 8/12 = 20 % of responses 5xx; 5 % timeouts; 5 % resets.
    emulator.setRandomFaults({ rate: 0.3, kinds: faults, seed: SEED });
    const baseline = emulator.requests().length;
    let burstAt = -1;

    const { results, counts } = await runBulk(
      ctx.engine!,
      ids,
      { trigger: 'bulk', requestedBy: 'fault-suite' },
      {
        concurrency: 8,
        onResult: (_r, p) => {
          if (p.done === 50) {
            burstAt = emulator.requests().length;
            emulator.inject({ kind: 'rateLimit', times: 5 }); // one burst of 429s, mid-run
          }
        },
      },
    );
    emulator.setRandomFaults(null);
    // A request delayed before Cal.com acted may still land after its client gave up: count after it has.
    await emulator.idle();

    // ---- the numbers ----
    const requests = log.slice();
    const injected: Record<string, number> = {};
    for (const r of requests) {
      const kind = faultKind(r);
      if (kind) injected[kind] = (injected[kind] ?? 0) + 1;
    }
    const rows = await ctx.db.prisma.service.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } });
    const eventTypes = emulator.eventTypes(KEY);
    const perService = new Map<number, number>(ids.map((id) => [id, eventTypes.filter((e) => e.slug.endsWith(`-${id}`)).length]));
    const duplicates = [...perService.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const stats = emulator.stats();
    const tooManyOfOurOwn = stats.tooMany - 5;
    const whyFailed: Record<string, number> = {};
    for (const r of rows.filter((x) => x.syncStatus === 'error')) {
      const why =
        /^Cal\.com API error (\d+)|^Cal\.com (timed out|unreachable)/
          .exec(r.syncError ?? '')
          ?.slice(1)
          .find(Boolean) ?? (r.syncError ?? '').slice(0, 40);
      whyFailed[why] = (whyFailed[why] ?? 0) + 1;
    }
    const orphans = rows.filter(
      (r) => r.syncStatus === 'error' && (perService.get(r.id) ?? 0) > 0 && !eventTypes.some((e) => e.id === r.calcomEventTypeId),
    );
    console.log(
      [
        `fault suite (seed ${SEED}): ${N} services (150 new, 30 existing unlinked, 20 stale links)`,
        `  Cal.com requests: ${requests.length - baseline}, by status ${JSON.stringify(stats.byStatus)}`,
        `  faults injected by kind: ${JSON.stringify(injected)} (the 429 burst started at request ${burstAt})`,
        `  outcomes: ${JSON.stringify(counts)}; last error of the failed ones: ${JSON.stringify(whyFailed)}`,
        `  services: ${rows.filter((r) => r.syncStatus === 'synced').length} synced, ${rows.filter((r) => r.syncStatus === 'error').length} error, ${rows.filter((r) => r.syncStatus === 'pending').length} pending`,
        `  event types in Cal.com: ${eventTypes.length}; duplicates found: ${duplicates}; unlinked event types of services in error: ${orphans.length}`,
        `  429s: ${stats.tooMany} (${Math.min(5, stats.tooMany)} injected, ${tooManyOfOurOwn} caused by our own pacing); busiest 60 s: ${stats.maxPerWindow} requests`,
      ].join('\n'),
    );

    // ---- no loss ----
    expect(results.every((r: SyncResult) => ['created', 'updated', 'recreated', 'adopted', 'failed'].includes(r.kind))).toBe(true);
    for (const row of rows) {
      expect(['synced', 'error'], `service ${row.id} is ${row.syncStatus}`).toContain(row.syncStatus);
      expect(row.syncAttempts, `service ${row.id}`).toBeGreaterThanOrEqual(1);
      if (row.syncStatus === 'error') expect(row.syncError, `service ${row.id}`).toMatch(/\S/);
      else expect(row.syncError).toBeNull();
    }
    const runs = await ctx.db.prisma.syncRun.findMany({ where: { serviceId: { in: ids } } });
    expect(runs).toHaveLength(N);
    expect(runs.every((r) => r.trigger === 'bulk' && r.finishedAt !== null && r.outcome !== null)).toBe(true);
    expect(await ctx.db.prisma.syncLock.count()).toBe(0);

    // ---- no duplicates ----
    for (const row of rows) {
      const { slug } = services.get(row.id)!;
      const withSlug = eventTypes.filter((e) => e.slug === slug);
      expect(withSlug.length, `service ${row.id}: event types with slug ${slug}`).toBeLessThanOrEqual(1);
      expect(perService.get(row.id), `service ${row.id}: event types ending in -${row.id}`).toBeLessThanOrEqual(1);
      if (row.syncStatus === 'synced') {
        expect(withSlug, `synced service ${row.id} has exactly one event type`).toHaveLength(1);
        expect(row.calcomEventTypeId, `service ${row.id} is linked to its event type`).toBe(withSlug[0]!.id);
      }
    }
    expect(duplicates).toBe(0);
    // Nothing in Cal.com that is not one of ours.
    expect(eventTypes.every((e) => ids.some((id) => e.slug === services.get(id)!.slug))).toBe(true);

    // ---- rate limit: only the injected 429s ----
    expect(stats.tooMany).toBe(5);
    expect(tooManyOfOurOwn).toBe(0);
    // The mix actually happened (otherwise this suite proves nothing).
    expect(injected['5xx'] ?? 0).toBeGreaterThan(20);
    expect(injected['delay (client timeout)'] ?? 0).toBeGreaterThan(3);
    expect(injected.reset ?? 0).toBeGreaterThan(3);
    expect(counts.failed ?? 0).toBeLessThan(N / 2);
  });

  it('afterwards, with Cal.com healthy again, re-syncing the failures leaves exactly one event type per service', {
    timeout: 60_000,
  }, async () => {
    emulator.clearFaults();
    const failed = (await ctx.db.prisma.service.findMany({ where: { id: { in: ids }, syncStatus: 'error' }, select: { id: true } })).map(
      (r) => r.id,
    );
    const { counts } = await runBulk(ctx.engine!, failed, { trigger: 'bulk' }, { concurrency: 8 });
    const rows = await ctx.db.prisma.service.findMany({ where: { id: { in: ids } } });
    const eventTypes = emulator.eventTypes(KEY);
    console.log(
      `recovery: ${failed.length} failed services re-synced → ${JSON.stringify(counts)}; ${eventTypes.length} event types for ${N} services`,
    );
    expect(rows.every((r) => r.syncStatus === 'synced')).toBe(true);
    expect(eventTypes).toHaveLength(N);
    for (const row of rows) {
      const mine = eventTypes.filter((e) => e.slug === services.get(row.id)!.slug);
      expect(mine).toHaveLength(1);
      expect(row.calcomEventTypeId).toBe(mine[0]!.id);
    }
    expect(emulator.stats().tooMany).toBe(5);
  });
});

describe('one fault at a time, at the moments that matter', () => {
  const log: Logged[] = [];
  let emulator: Emulator;
  let ctx: Context;
  let nextId = 5000;

  beforeAll(async () => {
    ({ emulator, ctx } = await start(log));
  }, 60_000);
  afterAll(async () => {
    await ctx?.close();
    await emulator?.close();
  });

  async function service(opts: { linkedTo?: number; existing?: boolean } = {}) {
    const id = nextId++;
    const name = `Single fault ${id}`;
    if (opts.existing) emulator.seed(KEY, { title: name, slug: slugFor({ id, name }), lengthInMinutes: 15 });
    await ctx.db.prisma.service.create({ data: { id, name, durationMinutes: 45, calcomEventTypeId: opts.linkedTo ?? null } });
    return { id, slug: slugFor({ id, name }) };
  }
  const mine = (slug: string) => emulator.eventTypes(KEY).filter((e) => e.slug === slug);

  it.each<[string, FaultRule, string]>([
    ['POST answered 503', { kind: 'status', status: 503, method: 'POST' }, 'created'],
    ['POST timed out after Cal.com created it', { kind: 'delay', after: true, ms: DELAY_MS, method: 'POST' }, 'adopted'],
    ['POST timed out before Cal.com created it', { kind: 'delay', ms: DELAY_MS, method: 'POST' }, 'created|adopted'],
    ['POST connection reset after Cal.com created it', { kind: 'reset', after: true, method: 'POST' }, 'adopted'],
    ['POST connection reset before', { kind: 'reset', method: 'POST' }, 'created'],
    ['429 on the POST', { kind: 'rateLimit', method: 'POST' }, 'created'],
  ])('%s → one event type, linked', { timeout: 20_000 }, async (_name, rule, outcome) => {
    const s = await service();
    emulator.inject(rule);
    const result = await ctx.engine!.sync({ serviceId: s.id, trigger: 'cli' });
    await emulator.idle(); // a delayed request lands before counting
    expect(result.kind).toMatch(new RegExp(`^(${outcome})$`));
    expect(mine(s.slug)).toHaveLength(1);
    expect((await ctx.store.getService(s.id))!.calcomEventTypeId).toBe(mine(s.slug)[0]!.id);
  });

  it('the lookup after an ambiguous POST fails too (5xx on GET /event-types) → retried, still one event type', {
    timeout: 20_000,
  }, async () => {
    const s = await service();
    emulator.inject({ kind: 'reset', after: true, method: 'POST' }, { kind: 'status', status: 502, method: 'GET' });
    const result = await ctx.engine!.sync({ serviceId: s.id, trigger: 'cli' });
    expect(result.kind).toBe('adopted');
    expect(mine(s.slug)).toHaveLength(1);
  });

  it('every attempt fails ambiguously after Cal.com created the event type → error recorded, still at most one', {
    timeout: 20_000,
  }, async () => {
    const s = await service();
    emulator.inject({ kind: 'reset', after: true, method: 'POST' }, { kind: 'status', status: 500, times: 10 });
    const result = await ctx.engine!.sync({ serviceId: s.id, trigger: 'cli' });
    emulator.clearFaults();
    expect(result.kind).toBe('failed');
    const row = (await ctx.store.getService(s.id))!;
    expect(row.syncStatus).toBe('error');
    expect(row.syncError).toMatch(/Cal.com API error 500/);
    expect(mine(s.slug)).toHaveLength(1);
    // The next sync adopts it instead of creating a second one.
    expect((await ctx.engine!.sync({ serviceId: s.id, trigger: 'cli' })).kind).toBe('adopted');
    expect(mine(s.slug)).toHaveLength(1);
  });

  it('a PATCH that times out on a linked event type → the retry reads it in step: updated, never a create', {
    timeout: 20_000,
  }, async () => {
    const linked = emulator.seed(KEY, { title: 'x', slug: `single-fault-${nextId}`, lengthInMinutes: 15 });
    const s = await service({ linkedTo: linked.id });
    emulator.inject({ kind: 'delay', after: true, ms: DELAY_MS, method: 'PATCH' });
    const result = await ctx.engine!.sync({ serviceId: s.id, trigger: 'cli' });
    expect(result).toMatchObject({ kind: 'updated', eventTypeId: linked.id });
    // An update never sends the slug: the event type keeps its own, and none was made under the service's.
    expect(mine(linked.slug).map((e) => e.id)).toEqual([linked.id]);
    expect(mine(s.slug)).toHaveLength(0);
  });

  // The read that finds a linked event type gone may fail transiently too: that failure is retried (SPEC §3.8), and
  // only Cal.com's own 404 leads to a new event type. A 5xx here must neither fail the sync nor count as gone.
  it('a transient 5xx on the GET that confirms a deleted event type → retried, ends recreated', { timeout: 20_000 }, async () => {
    const s = await service({ linkedTo: 3_757_698 });
    emulator.inject({ kind: 'status', status: 503, method: 'GET', path: '/event-types/3757698' });
    const result = await ctx.engine!.sync({ serviceId: s.id, trigger: 'cli' });
    expect(result).toMatchObject({ kind: 'recreated', oldEventTypeId: 3_757_698 });
  });

  it('(the same without the fault: recreated)', { timeout: 20_000 }, async () => {
    const s = await service({ linkedTo: 3_757_699 });
    const result = await ctx.engine!.sync({ serviceId: s.id, trigger: 'cli' });
    expect(result).toMatchObject({ kind: 'recreated', oldEventTypeId: 3_757_699 });
    expect(mine(s.slug)).toHaveLength(1);
  });
});
