// Usage: node dist/src/bench/main.js [--quick] [--profile] [--only plan,digest,engine,stack,ack,throughput,cold,app] [--out FILE]
// [--postgres URL] (default TEST_DATABASE_URL: the app figures are also taken on a scratch database there)
// Prints the table (each SPEC §10 target and whether it was met) and writes every figure as JSON to
// bench-results/latest.json. Exits 0 whether or not targets are met: speed is measured, never asserted.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PHASES, runBench, type Phase } from './bench.js';
import { formatGrowth, formatTable } from './report.js';

function parseArgs(argv: string[]): { quick: boolean; profile: boolean; only: Phase[]; out: string; postgres?: string } | string {
  let postgres = process.env.TEST_DATABASE_URL || undefined;
  let quick = false;
  let profile = false;
  let only: Phase[] = [];
  let out = 'bench-results/latest.json';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : (argv[++i] ?? ''));
    if (a === '--quick') quick = true;
    else if (a === '--profile') profile = true;
    else if (a.startsWith('--only')) {
      only = value().split(',').filter(Boolean) as Phase[];
      const bad = only.filter((p) => !PHASES.includes(p));
      if (bad.length) return `unknown phase ${bad.join(', ')} (phases: ${PHASES.join(', ')})`;
    } else if (a.startsWith('--out')) out = value();
    else if (a.startsWith('--postgres')) postgres = value();
    else if (a === '--help' || a === '-h') return '';
    else return `unknown option ${a}`;
  }
  return { quick, profile, only, out, postgres };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    if (args) console.error(args);
    console.error(`usage: npm run bench -- [--quick] [--profile] [--only ${PHASES.join(',')}] [--out FILE] [--postgres URL]`);
    return args ? 2 : 0;
  }
  const report = await runBench({
    quick: args.quick,
    profile: args.profile,
    only: args.only,
    postgresUrl: args.postgres,
    log: (line) => console.log(line),
  });
  const m = report.machine;
  console.log(
    `\ncalsync bench${report.quick ? ' (--quick: shrunk, figures are not comparable)' : ''}: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}, ${m.date}`,
  );
  console.log(
    `load average ${m.loadAverage1m} at the start, ${report.loadAverageAtEnd1m} at the end${Math.max(m.loadAverage1m, report.loadAverageAtEnd1m) > m.cores ? ' (busy machine: other work competed with the benchmark)' : ''}`,
  );
  console.log(
    `ran ${report.durationS} s (${Object.entries(report.phasesS)
      .map(([p, s]) => `${p} ${s} s`)
      .join(', ')})\n`,
  );
  console.log(formatTable(report.table));
  if (report.growth.length) console.log(`\n${formatGrowth(report.growth)}`);
  const missed = report.table.filter((r) => r.met === false).length;
  const met = report.table.filter((r) => r.met === true).length;
  console.log(
    `\ntargets: ${met} met, ${missed} missed (✓ met, ✗ missed, · context). Latency figures are medians/percentiles of every request; ratios over the stated window.`,
  );
  const file = resolve(args.out);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`figures written to ${file}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('bench failed:', err);
    process.exit(1);
  },
);
