// The benchmark's output: one table of metric, value, target and whether it was met (✓/✗, or · for a
// figure given for context), a second table of how each cost grows with the catalogue, and the JSON.
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import type { AckRun } from './ack.js';
import type { AppFigures } from './app-figures.js';
import type { ColdStartResult } from './cold-start.js';
import { appRows, coldRows } from './report-db.js';
import { ackRows, digestRows, engineRows, kindLabel, n, planRows, throughputRows } from './report-rows.js';
import type { DigestCost } from './digest-cost.js';
import type { EngineCostResult } from './engine-cost.js';
import type { PlanCostResult } from './plan-cost.js';
import type { StackCostResult } from './stack-cost.js';
import { round } from './stats.js';
import type { ThroughputResult } from './throughput.js';

export interface Row {
  metric: string;
  value: string;
  target: string;
  /** true met, false missed, null: context only. */
  met: boolean | null;
}

export interface Results {
  plan?: PlanCostResult;
  ack?: AckRun[];
  throughput?: ThroughputResult;
  engine?: EngineCostResult[];
  stack?: StackCostResult[];
  digest?: DigestCost;
  cold?: ColdStartResult;
  app?: AppFigures[];
}

export function machine() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${platform()} ${release()}`,
    date: new Date().toISOString(),
    loadAverage1m: round(loadavg()[0] ?? 0),
  };
}

export function rows(r: Results): Row[] {
  return [
    ...(r.plan ? planRows(r.plan) : []),
    ...(r.ack ? ackRows(r.ack) : []),
    ...(r.throughput ? throughputRows(r.throughput) : []),
    ...(r.engine ? engineRows(r.engine, r.stack ?? []) : []),
    ...(r.digest ? digestRows(r.digest, r.stack ?? []) : []),
    ...(r.cold ? coldRows(r.cold) : []),
    ...(r.app ? appRows(r.app) : []),
  ];
}

/** How each cost grows between the two largest sizes measured: the exponent k in cost ∝ size^k. */
export interface Growth {
  metric: string;
  unit: string;
  bySize: Record<string, number>;
  exponent: number | null;
  reads: string;
}

function grow(metric: string, unit: string, points: [number, number][], perItem: boolean): Growth {
  const bySize = Object.fromEntries(points.map(([s, v]) => [String(s), round(v)]));
  const [lo, hi] = [...points].sort((x, y) => x[0] - y[0]).slice(-2);
  const k = lo && hi && lo[1] > 0 && hi[1] > 0 ? Math.log(hi[1] / lo[1]) / Math.log(hi[0] / lo[0]) : null;
  const reads =
    k === null
      ? '—'
      : Math.abs(k) < 0.15
        ? perItem
          ? 'constant per service'
          : 'constant'
        : Math.abs(k - 1) < 0.15
          ? 'linear'
          : `∝ size^${round(k)}`;
  return { metric, unit, bySize, exponent: k === null ? null : round(k), reads };
}

export function growth(r: Results): Growth[] {
  const out: Growth[] = [];
  const e = r.engine ?? [];
  const s = r.stack ?? [];
  if (e.length) {
    out.push(
      grow(
        'engine CPU per sync (update)',
        'µs',
        e.map((x) => [x.size, x.updateCpuUsPerSync]),
        true,
      ),
    );
    out.push(
      grow(
        'engine heap per service',
        'B',
        e.filter((x) => x.size >= 1000).map((x) => [x.size, x.heapPerServiceBytes]),
        true,
      ),
    );
  }
  if (s.length) {
    out.push(
      grow(
        'PGlite CPU per sync (update)',
        'µs',
        s.map((x) => [x.size, x.pgliteUpdate.cpuUs]),
        true,
      ),
    );
    out.push(
      grow(
        'full-stack CPU per create',
        'µs',
        s.map((x) => [x.size, x.httpCreate.cpuUs]),
        true,
      ),
    );
    out.push(
      grow(
        'process RSS with PGlite',
        'MiB',
        s.map((x) => [x.size, x.rssBytes / 2 ** 20]),
        false,
      ),
    );
    const withDigest = s.filter((x) => !('error' in x.digest));
    if (withDigest.length)
      out.push(
        grow(
          'digest from PGlite, total',
          'ms',
          withDigest.map((x) => [x.size, (x.digest as { totalMs: number }).totalMs]),
          false,
        ),
      );
  }
  if (r.digest && 'rows' in r.digest)
    out.push(
      grow(
        'digest compose + message',
        'ms',
        r.digest.rows.map((x) => [x.size, x.totalMs]),
        false,
      ),
    );
  if (r.ack) {
    for (const kind of ['command', 'click'] as const) {
      // p50, not p99: the tail on a shared machine moves more with the neighbours than with the catalogue.
      const runs = r.ack.filter((a) => a.kind === kind && a.mode === 'sustained');
      if (runs.length)
        out.push(
          grow(
            `ack p50, ${kindLabel[kind]}`,
            'ms',
            runs.map((a) => [a.size, a.p50]),
            false,
          ),
        );
    }
  }
  return out;
}

function pad(cells: string[][]): string {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((c) => [...(c[i] ?? '')].length)));
  return cells
    .map((c) =>
      c
        .map((x, i) => x + ' '.repeat(widths[i]! - [...x].length))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function formatTable(table: Row[]): string {
  const mark = (m: boolean | null) => (m === null ? '·' : m ? '✓' : '✗');
  return pad([['metric', 'value', 'target', 'met'], ...table.map((r) => [r.metric, r.value, r.target, mark(r.met)])]);
}

export function formatGrowth(g: Growth[]): string {
  const sizes = [...new Set(g.flatMap((x) => Object.keys(x.bySize)))].sort((a, b) => Number(a) - Number(b));
  return pad([
    ['how it grows', 'unit', ...sizes.map((s) => n(Number(s))), 'growth (two largest sizes)'],
    ...g.map((x) => [x.metric, x.unit, ...sizes.map((s) => (x.bySize[s] === undefined ? '—' : String(x.bySize[s]))), x.reads]),
  ]);
}
