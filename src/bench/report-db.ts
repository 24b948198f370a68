// The benchmark's rows for the embedded database shared well (issue 12): the cold CLI read against PGlite
// opening the same directory alone, the read beside the running app, the first migrate, the app's acks
// open loop and in the flood, and its memory, on PGlite and on PostgreSQL.
import type { AppFigures } from './app-figures.js';
import type { ColdStartResult } from './cold-start.js';
import type { Row } from './report.js';
import { mib, round } from './stats.js';

const ms = (x: number) => `${round(x)} ms`;

export function coldRows(c: ColdStartResult): Row[] {
  return [
    {
      metric: `Cold CLI read (\`calsync status 85\`) ÷ PGlite alone opening the same directory (median of ${c.rounds}, each a fresh process)`,
      value: `${round(c.ratio)} (${ms(c.cli.medianMs)} vs ${ms(c.pglite.medianMs)})`,
      target: '≤ 1.3',
      met: c.ratio <= 1.3,
    },
    {
      metric: "  same read ÷ PGlite alone with the CLI's settings (16 MB shared buffers, baseline wasm compiler only)",
      value: `${round(c.ratioTuned)} (${ms(c.cli.medianMs)} vs ${ms(c.pgliteTuned.medianMs)})`,
      target: 'context',
      met: null,
    },
    {
      metric: '  peak RSS: cold read / PGlite alone / PGlite alone, CLI settings',
      value: `${mib(c.cli.rssBytes)} / ${mib(c.pglite.rssBytes)} / ${mib(c.pgliteTuned.rssBytes)} MiB`,
      target: 'context',
      met: null,
    },
    {
      metric: 'CLI read beside the running app (through its socket), median',
      value: `${ms(c.besideApp.medianMs)}, peak RSS ${mib(c.besideApp.rssBytes)} MiB`,
      target: 'context',
      met: null,
    },
    {
      metric: 'First `calsync migrate` on a new directory: time / peak RSS',
      value: `${ms(c.firstMigrate.medianMs)} / ${mib(c.firstMigrate.rssBytes)} MiB`,
      target: 'context',
      met: null,
    },
  ];
}

export function appRows(apps: AppFigures[]): Row[] {
  const rows: Row[] = [];
  for (const a of apps) {
    const db = a.backend === 'pglite' ? 'PGlite' : 'PostgreSQL';
    const fails = (run: AppFigures['steady'] | AppFigures['flood']) => {
      const how = Object.entries(run.statuses ?? {})
        .filter(([s]) => !s.startsWith('2'))
        .map(([s, n]) => `${n} × ${s}`);
      return run.failed ? ` (${run.failed} failed${how.length ? `: ${how.join(', ')}` : ''})` : '';
    };
    rows.push({
      metric: `Ack \`/calsync N\` open loop at ${a.steady.ratePerSecond}/s, ${db}, ${a.services.toLocaleString('en-US')} services, ${a.steady.n} requests: p50 / p99 / max`,
      value: `${round(a.steady.p50)} / ${round(a.steady.p99)} / ${round(a.steady.max)} ms${fails(a.steady)}`,
      target: 'p99 ≤ 50 ms',
      met: a.steady.p99 <= 50 && a.steady.failed === 0,
    });
    rows.push({
      metric: `Ack \`/calsync N\` in the flood (${a.flood.connections} connections, ${a.flood.n} requests, ${round(a.flood.requestsPerSecond)}/s), ${db}: p50 / p99 / max`,
      value: `${round(a.flood.p50)} / ${round(a.flood.p99)} / ${round(a.flood.max)} ms${fails(a.flood)}; drained ${round(a.flood.drainS)} s after${a.flood.drained ? '' : ' (NOT drained)'}`,
      target: 'max ≤ 3,000 ms',
      met: a.flood.max <= 3000 && a.flood.failed === 0,
    });
    rows.push({
      metric: `Memory of the app, ${db}: RSS idle / after a bulk run of ${a.memory.bulkServices.toLocaleString('en-US')} services / peak`,
      value: `${mib(a.memory.idleRssBytes)} / ${mib(a.memory.afterBulkRssBytes)} / ${mib(a.memory.peakRssBytes)} MiB`,
      target: 'context',
      met: null,
    });
  }
  return rows;
}
