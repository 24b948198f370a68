// Smoke test of `npm run bench -- --quick`: every phase runs and produces figures. Speed is never asserted
// here (shared, noisy machines); only that the numbers exist and the table names each target.
import { describe, expect, it } from 'vitest';
import { runBench } from '../../src/bench/bench.js';
import { formatGrowth, formatTable } from '../../src/bench/report.js';
import { percentile, summarize } from '../../src/bench/stats.js';
import { POSTGRES_URL } from '../support/servers.js';

describe('stats', () => {
  it.each([
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 100, 10],
    [[7], 99, 7],
  ])('percentile(%j, %i) = %i (nearest rank)', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('summarizes every sample, unsorted input', () => {
    expect(summarize([3, 1, 2])).toEqual({ n: 3, p50: 2, p99: 3, max: 3, mean: 2 });
  });
});

describe('npm run bench -- --quick', () => {
  it('produces every figure and the table with its targets', { timeout: 300_000 }, async () => {
    const report = await runBench({ quick: true, postgresUrl: POSTGRES_URL });
    const { ack, throughput, engine, stack, digest, plan, cold, app } = report.results;

    // Request counts are exact, not timings: the plan-then-apply targets hold even in --quick.
    expect(plan?.unchanged).toMatchObject({ requests: 1, byMethod: { GET: 1 }, counts: { unchanged: 100 } });
    expect(plan?.someChanged).toMatchObject({ requests: 4, byMethod: { GET: 1, PATCH: 3 }, counts: { unchanged: 97, updated: 3 } });
    expect(plan?.baseline.requests).toBe(100);

    expect(ack?.map((a) => `${a.kind} ${a.mode}`)).toEqual(['help sustained', 'command sustained', 'click sustained']);
    for (const a of ack ?? []) {
      expect(a.n).toBeGreaterThan(0);
      expect(Number.isFinite(a.p99)).toBe(true);
      expect(a.non2xx + a.errors).toBe(0);
    }
    expect(ack?.filter((a) => a.kind !== 'help').every((a) => a.drained)).toBe(true);

    expect(throughput?.calsync.useful).toBeGreaterThan(0);
    expect(throughput?.calsync.tooMany).toBe(0);
    expect(throughput?.naive.useful).toBeGreaterThan(0);

    expect(engine?.map((e) => e.size)).toEqual([1000]);
    for (const e of engine ?? []) expect(e.updateCpuUsPerSync).toBeGreaterThan(0);
    expect(stack?.[0]?.httpCreate.cpuUs).toBeGreaterThan(0);
    expect(digest && 'rows' in digest ? digest.rows.map((r) => r.failing) : digest).toEqual([20, 200]);

    // The cold read against PGlite alone, beside the app, and the first migrate: each timed and measured.
    for (const t of [cold?.cli, cold?.pglite, cold?.pgliteTuned, cold?.besideApp, cold?.firstMigrate]) {
      expect(t?.medianMs).toBeGreaterThan(0);
      expect(t?.rssBytes).toBeGreaterThan(0);
    }
    expect(cold?.ratio).toBeGreaterThan(0);
    // The app's acks open loop and in the flood, and its memory, on PGlite and (with a server) PostgreSQL.
    expect(app?.map((a) => a.backend)).toEqual(POSTGRES_URL ? ['pglite', 'postgres'] : ['pglite']);
    for (const a of app ?? []) {
      for (const run of [a.steady, a.flood]) {
        expect(run.n).toBeGreaterThan(0);
        expect(run.failed).toBe(0);
        expect(run.drained).toBe(true);
      }
      expect(a.memory.idleRssBytes).toBeGreaterThan(0);
      expect(a.memory.afterBulkRssBytes).toBeGreaterThan(0);
    }

    const table = formatTable(report.table);
    for (const target of ['p99 ≤ 50 ms', '≥ 0.95', '≤ 2 ms', '≤ 2 requests', '≤ 12 requests', '≤ 1.3', 'max ≤ 3,000 ms'])
      expect(table).toContain(target);
    expect(report.table.every((r) => r.value.length > 0)).toBe(true);
    expect(formatGrowth(report.growth)).toContain('digest compose + message');
    expect(report.machine.cores).toBeGreaterThan(0);
  });
});
