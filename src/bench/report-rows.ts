// The rows of the benchmark's main table for the phases measured in this process: acks, throughput, the
// sync plan's cost, the engine and the digest. Each figure is shown beside its SPEC §10 target.
import type { AckRun } from './ack.js';
import type { DigestCost } from './digest-cost.js';
import type { EngineCostResult } from './engine-cost.js';
import type { BulkFigures, PlanCostResult } from './plan-cost.js';
import type { Row } from './report.js';
import type { StackCostResult } from './stack-cost.js';
import { mib, round } from './stats.js';
import type { ThroughputResult } from './throughput.js';

export const n = (x: number) => x.toLocaleString('en-US');
const ms = (x: number) => `${round(x)} ms`;
const us = (x: number) => (x >= 1000 ? `${round(x / 1000)} ms` : `${round(x)} µs`);
export const kindLabel = { help: '`/calsync help` (ack only, no sync started)', command: '`/calsync N`', click: 'Retry click' } as const;

export function ackRows(runs: AckRun[]): Row[] {
  const out: Row[] = [];
  for (const r of runs) {
    const errors = r.non2xx + r.errors ? ` (${r.non2xx} non-2xx, ${r.errors} errors)` : '';
    if (r.mode === 'burst') {
      out.push({
        metric: `  one burst of ${r.n} simultaneous ${kindLabel[r.kind]}, ${n(r.size)} services: p50 / max`,
        value: `${round(r.p50)} / ${round(r.max)} ms${errors}`,
        target: 'context',
        met: null,
      });
      continue;
    }
    // A closed-loop flood: SPEC §10 asks that no ack pass Slack's 3 s here; p99 ≤ 50 ms is asked at a steady
    // 50 requests a second, measured open loop (report-db.ts).
    out.push({
      metric: `Ack ${kindLabel[r.kind]} in a flood, ${n(r.size)} services, ${r.connections} concurrent, ${n(r.n)} requests: p50 / p99 / max`,
      value: `${round(r.p50)} / ${round(r.p99)} / ${round(r.max)} ms${errors}`,
      target: r.kind === 'help' ? 'context' : 'max ≤ 3,000 ms',
      met: r.kind === 'help' ? null : r.max <= 3000 && r.non2xx + r.errors === 0,
    });
    const loop = `event-loop delay p99 ${round(r.loopDelay.p99)} ms, max ${round(r.loopDelay.max)} ms`;
    if (r.inApp) {
      out.push({
        metric: `  same run, inside the app (request dispatched → response sent): p50 / p99 / max`,
        value: `${round(r.inApp.p50)} / ${round(r.inApp.p99)} / ${round(r.inApp.max)} ms; the rest is waiting to be read`,
        target: 'context',
        met: null,
      });
    }
    out.push(
      r.kind === 'help'
        ? { metric: '  app during that run', value: `${round(r.requestsPerSecond)} acks/s; ${loop}`, target: 'context', met: null }
        : {
            metric: `  app CPU per ${kindLabel[r.kind]} incl. its sync and Slack posts; acks/s; event loop; backlog`,
            value: `${round(r.cpuMsPerRequest)} ms; ${round(r.requestsPerSecond)}/s; ${loop}; drained ${round(r.drainS)} s after${r.drained ? '' : ' (NOT drained)'}`,
            target: 'context',
            met: null,
          },
    );
    if (r.cpuShares)
      out.push({
        metric: '  app CPU by package (--profile)',
        value: r.cpuShares
          .slice(0, 6)
          .map((x) => `${x.category} ${x.percent}%`)
          .join(', '),
        target: 'context',
        met: null,
      });
  }
  return out;
}

export function throughputRows(t: ThroughputResult): Row[] {
  const where = `${n(t.services)} services, limit ${t.limitPerMinute}/min, ${t.latencyMs} ms latency, first ${t.windowS} s`;
  return [
    {
      metric: `Bulk run (calsync): Cal.com requests/min ÷ limit (${where})`,
      value: `${round(t.calsync.ratio)} (${round(t.calsync.usefulPerMinute)}/min)`,
      target: '≥ 0.95',
      met: t.calsync.ratio >= 0.95,
    },
    { metric: 'Bulk run (calsync): 429s received', value: String(t.calsync.tooMany), target: '0', met: t.calsync.tooMany === 0 },
    {
      metric: 'Bulk run (calsync): busiest 60 s ÷ limit; mean gap between requests; services synced in the window',
      value: `${round(t.calsync.peakRatio)}; ${round(t.calsync.meanGapMs)} ms (exactly at the limit: ${round(60_000 / t.limitPerMinute)} ms); ${n(t.calsync.synced)}`,
      target: 'context',
      met: null,
    },
    {
      metric: 'Naive loop (baseline, no limiter, same window): useful requests/min ÷ limit',
      value: `${round(t.naive.ratio)} (${round(t.naive.usefulPerMinute)}/min)`,
      target: 'baseline',
      met: null,
    },
    {
      metric: 'Naive loop: 429s received; key refused for; busiest 60 s ÷ limit; services synced',
      value: `${n(t.naive.tooMany)}; ${round(t.naive.blockedS)} s of ${t.windowS} s; ${round(t.naive.peakRatio)}; ${n(t.naive.synced)}`,
      target: 'baseline',
      met: null,
    },
  ];
}

export function planRows(p: PlanCostResult): Row[] {
  const where = `${n(p.services)} services, CALCOM_RATE_LIMIT=${p.limitPerMinute}, emulator`;
  const methods = (f: BulkFigures) =>
    Object.entries(f.byMethod)
      .map(([m, c]) => `${c} ${m}`)
      .join(' + ') || 'none';
  const secs = (x: number) => `${round(x / 1000)} s`;
  const baselineTarget = p.limitPerMinute;
  return [
    {
      metric: `Bulk run over an unchanged catalogue (${where}): Cal.com requests; wall time`,
      value: `${p.unchanged.requests} (${methods(p.unchanged)}); ${secs(p.unchanged.wallMs)}`,
      target: '≤ 2 requests',
      met: p.unchanged.requests <= 2,
    },
    {
      metric: `Bulk run with ${p.changed} changed (${where}): Cal.com requests; wall time`,
      value: `${p.someChanged.requests} (${methods(p.someChanged)}); ${secs(p.someChanged.wallMs)}`,
      target: '≤ 12 requests',
      met: p.someChanged.requests <= 12,
    },
    {
      metric: `  baseline, the old behaviour (every service PATCHed): requests; wall time at ${baselineTarget}/min (from the limiter's pacing)`,
      value: `${n(p.baseline.requests)}; ${round(p.baseline.wallMsAtLimit / 60_000)} min (measured ${secs(p.baseline.measuredWallMs)} at ${n(p.baselineLimitPerMinute)}/min)`,
      target: 'baseline',
      met: null,
    },
  ];
}

export function engineRows(engine: EngineCostResult[], stack: StackCostResult[]): Row[] {
  const rows: Row[] = engine.map((e) => ({
    metric: `Engine CPU per sync, Cal.com instant, in-memory store, ${n(e.size)} services: create / update (median of rounds)`,
    value: `${us(e.createCpuUsPerSync)} / ${us(e.updateCpuUsPerSync)}`,
    target: '≤ 2 ms',
    met: Math.max(e.createCpuUsPerSync, e.updateCpuUsPerSync) <= 2000,
  }));
  for (const s of stack) {
    rows.push({
      metric: `  with PGlite store (real), ${n(s.size)} services, ${n(s.sample)} synced: CPU per sync create / update`,
      value: `${us(s.pgliteCreate.cpuUs)} / ${us(s.pgliteUpdate.cpuUs)}`,
      target: 'context',
      met: null,
    });
    rows.push({
      metric: `  full stack: PGlite + HTTP client + limiter + emulator (0 ms), ${n(s.size)} services: CPU / wall per create`,
      value: `${us(s.httpCreate.cpuUs)} / ${us(s.httpCreate.wallUs)}`,
      target: 'context',
      met: null,
    });
  }
  for (const e of engine) {
    rows.push({
      metric: `Memory, engine + in-memory catalogue, ${n(e.size)} services synced: heap / per service / RSS`,
      value: `${mib(e.heapUsedBytes)} MiB / ${e.size >= 1000 ? `${n(Math.round(e.heapPerServiceBytes))} B` : '— (below GC noise)'} / ${mib(e.rssBytes)} MiB`,
      target: 'context',
      met: null,
    });
  }
  for (const s of stack) {
    rows.push({
      metric: `Memory, whole process with PGlite, ${n(s.size)} services: RSS / JS heap / external`,
      value: `${mib(s.rssBytes)} / ${mib(s.heapUsedBytes)} / ${mib(s.externalBytes)} MiB`,
      target: 'context',
      met: null,
    });
  }
  return rows;
}

export function digestRows(d: DigestCost, stack: StackCostResult[]): Row[] {
  if ('error' in d) return [{ metric: 'Digest: compose 10,000 services, 2,000 failing', value: d.error, target: '≤ 200 ms', met: null }];
  const rows: Row[] = d.rows.map((r) => ({
    metric: `Digest: compose + Slack message, ${n(r.size)} services, ${n(r.failing)} failing (median of ${r.runs})`,
    value: `${ms(r.totalMs)} (compose ${ms(r.composeMs)}, message ${ms(r.messageMs)}, ${r.blocks} blocks)`,
    target: r.size >= 10_000 ? '≤ 200 ms' : 'scale',
    met: r.size >= 10_000 ? r.totalMs <= 200 : null,
  }));
  for (const s of stack) {
    const v =
      'error' in s.digest
        ? s.digest.error
        : `${ms(s.digest.totalMs)} (read ${ms(s.digest.loadMs)}, compose ${ms(s.digest.composeMs)}, message ${ms(s.digest.messageMs)})`;
    rows.push({ metric: `  digest read from PGlite + compose + message, ${n(s.size)} services`, value: v, target: 'context', met: null });
  }
  return rows;
}
