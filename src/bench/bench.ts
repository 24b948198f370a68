// `npm run bench`: every figure of SPEC §10 and the "how cost grows", in one run of a few minutes
// on a 2-core machine. Phases run one after another (never two at once: they would measure each other);
// those that report memory or generate load run in child processes (fork.ts).
import { ackLatency, type AckOptions } from './ack.js';
import type { AppFigures, AppFiguresArgs } from './app-figures.js';
import { coldStart, type ColdStartOptions } from './cold-start.js';
import { digestCost } from './digest-cost.js';
import type { EngineCostArgs, EngineCostResult } from './engine-cost.js';
import { runInChild } from './fork.js';
import { planCost, type PlanCostArgs } from './plan-cost.js';
import { growth, machine, rows, type Growth, type Results, type Row } from './report.js';
import type { StackCostArgs, StackCostResult } from './stack-cost.js';
import { throughput, type ThroughputOptions } from './throughput.js';

export const PHASES = ['plan', 'digest', 'engine', 'stack', 'ack', 'throughput', 'cold', 'app'] as const;
export type Phase = (typeof PHASES)[number];

export interface Profile {
  plan: PlanCostArgs;
  ack: Omit<AckOptions, 'log'>;
  throughput: ThroughputOptions;
  engine: { sizes: number[]; rounds: number };
  stack: { sizes: number[]; sample: number; digestRuns: number; warmup: number };
  digest: { sizes: number[]; runs: number };
  cold: ColdStartOptions;
  app: Omit<AppFiguresArgs, 'postgresUrl'>;
}

export const FULL: Profile = {
  plan: { services: 1000, changed: 10, limitPerMinute: 120, baselineLimitPerMinute: 60_000 },
  ack: { sizes: [100, 1000], amount: 2000, warmup: 50, connections: 50, drainTimeoutMs: 120_000, bursts: true },
  // 1,000 creates at 600/min take 100 s; the first 90 s show the rate just as well.
  throughput: { services: 1000, limitPerMinute: 600, latencyMs: 30, windowMs: 90_000 },
  engine: { sizes: [100, 1000, 10_000], rounds: 5 },
  stack: { sizes: [100, 1000, 10_000], sample: 200, digestRuns: 3, warmup: 100 },
  digest: { sizes: [100, 1000, 10_000], runs: 9 },
  cold: { rounds: 9 },
  app: {
    services: 1000,
    steady: { ratePerSecond: 50, durationS: 20 },
    flood: { amount: 2000, connections: 50 },
    warmup: 100,
    drainTimeoutMs: 120_000,
  },
};

/** `--quick`: every phase, shrunk to seconds, for the smoke test. Its figures mean little. */
export const QUICK: Profile = {
  plan: { services: 100, changed: 3, limitPerMinute: 120, baselineLimitPerMinute: 60_000 },
  ack: { sizes: [100], amount: 100, warmup: 0, connections: 20, drainTimeoutMs: 30_000, bursts: false },
  throughput: { services: 100, limitPerMinute: 600, latencyMs: 30, windowMs: 2000 },
  engine: { sizes: [1000], rounds: 2 },
  stack: { sizes: [100], sample: 20, digestRuns: 1, warmup: 10 },
  digest: { sizes: [100, 1000], runs: 3 },
  cold: { rounds: 1 },
  app: {
    services: 100,
    steady: { ratePerSecond: 20, durationS: 2 },
    flood: { amount: 100, connections: 20 },
    warmup: 0,
    drainTimeoutMs: 30_000,
  },
};

export interface BenchReport {
  machine: ReturnType<typeof machine>;
  /** Other work on the machine shows here: above the core count, figures are noisy. */
  loadAverageAtEnd1m: number;
  quick: boolean;
  profiled: boolean;
  durationS: number;
  phasesS: Partial<Record<Phase, number>>;
  table: Row[];
  growth: Growth[];
  results: Results;
}

export async function runBench(
  opts: { quick?: boolean; only?: Phase[]; profile?: boolean; log?: (line: string) => void; postgresUrl?: string } = {},
): Promise<BenchReport> {
  const profile = opts.quick ? QUICK : FULL;
  const log = opts.log ?? (() => {});
  const wanted = (p: Phase) => !opts.only?.length || opts.only.includes(p);
  const started = performance.now();
  const phasesS: BenchReport['phasesS'] = {};
  const results: Results = {};
  const info = machine();

  const phase = async (name: Phase, what: string, run: () => Promise<void>) => {
    if (!wanted(name)) return;
    log(`▸ ${what}`);
    const t0 = performance.now();
    await run();
    phasesS[name] = Math.round((performance.now() - t0) / 100) / 10;
  };

  await phase(
    'plan',
    `plan, then apply: bulk runs over ${profile.plan.services} services (unchanged, then ${profile.plan.changed} changed) at ${profile.plan.limitPerMinute}/min, and the every-service-PATCHed baseline`,
    async () => {
      results.plan = await planCost(profile.plan);
    },
  );
  await phase('digest', `digest compose at ${profile.digest.sizes.join(', ')} services`, async () => {
    results.digest = await digestCost(profile.digest.sizes, profile.digest.runs);
  });
  await phase('engine', `engine CPU and memory at ${profile.engine.sizes.join(', ')} services (one child process each)`, async () => {
    results.engine = [];
    for (const size of profile.engine.sizes)
      results.engine.push(await runInChild<EngineCostResult>('engine', { size, rounds: profile.engine.rounds } satisfies EngineCostArgs));
  });
  await phase(
    'stack',
    `PGlite and full-stack sync cost, memory, digest from the database at ${profile.stack.sizes.join(', ')} services`,
    async () => {
      results.stack = [];
      const { sizes, ...each } = profile.stack;
      for (const size of sizes) results.stack.push(await runInChild<StackCostResult>('stack', { size, ...each } satisfies StackCostArgs));
    },
  );
  await phase(
    'ack',
    `ack latency: ${profile.ack.amount} signed requests per kind, ${profile.ack.connections} concurrent, at ${profile.ack.sizes.join(', ')} services`,
    async () => {
      results.ack = await ackLatency({ ...profile.ack, profile: opts.profile, log });
    },
  );
  await phase(
    'throughput',
    `bulk throughput vs the naive loop: ${profile.throughput.services} services, ${profile.throughput.limitPerMinute}/min, ${profile.throughput.latencyMs} ms latency, ${profile.throughput.windowMs / 1000} s window`,
    async () => {
      results.throughput = await throughput(profile.throughput);
    },
  );
  await phase(
    'cold',
    `cold CLI read vs PGlite opening the directory alone, ${profile.cold.rounds} rounds; the same read beside the running app; the first migrate`,
    async () => {
      results.cold = await coldStart(profile.cold);
    },
  );
  await phase(
    'app',
    `the app on PGlite${opts.postgresUrl ? ' and on PostgreSQL' : ''}: acks open loop at ${profile.app.steady.ratePerSecond}/s and in a flood of ${profile.app.flood.connections}; memory idle and after a bulk run`,
    async () => {
      results.app = [];
      for (const postgresUrl of [undefined, opts.postgresUrl].filter((u, i) => i === 0 || u)) {
        results.app.push(
          await runInChild<AppFigures>('app', { ...profile.app, postgresUrl } satisfies AppFiguresArgs, { timeoutMs: 900_000 }),
        );
      }
    },
  );

  return {
    machine: info,
    loadAverageAtEnd1m: machine().loadAverage1m,
    quick: !!opts.quick,
    profiled: !!opts.profile,
    durationS: Math.round((performance.now() - started) / 100) / 10,
    phasesS,
    table: rows(results),
    growth: growth(results),
    results,
  };
}
