// The running app, on PGlite or on PostgreSQL, in a process of its own (fork.ts): its memory idle and
// after a bulk run, and its acks of `/calsync N` measured two ways (SPEC §10): open loop at a steady rate
// (a request every 1/rate s whatever happened to the last), and the flood (50 connections, each sending
// its next request as soon as the last was answered). Every request starts a real sync in the
// background, so acks are measured while the app works through what they asked for.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryUsage } from 'node:process';
import pg from 'pg';
import { SANDBOX_SIGNING_SECRET, startSandbox } from '../sandbox/sandbox.js';
import { runBulk } from '../sync/bulk.js';
import { drain, replyCounter } from './ack.js';
import { seedCatalogue } from './catalogue.js';
import { collectGarbage, runInChild } from './fork.js';
import { peakRss } from './peak-rss.js';
import type { LoadArgs, LoadResult } from './load.js';
import type { OpenLoadArgs } from './open-load.js';
import { summarize, type Summary } from './stats.js';

export interface AppFiguresArgs {
  /** A PostgreSQL server to create a scratch database on; without it, PGlite in a temporary directory. */
  postgresUrl?: string;
  services: number;
  steady: { ratePerSecond: number; durationS: number };
  flood: { amount: number; connections: number };
  warmup: number;
  drainTimeoutMs: number;
}

export interface AckFigures extends Summary {
  failed: number;
  /** Answers by HTTP status, and requests with no answer by error code. */
  statuses: Record<string, number>;
  requestsPerSecond: number;
  drainS: number;
  drained: boolean;
}

export interface AppFigures {
  backend: 'pglite' | 'postgres';
  services: number;
  steady: AckFigures & { ratePerSecond: number };
  flood: AckFigures & { connections: number };
  /** peak: Linux's VmHWM (this process's own), else getrusage's maxRSS. */
  memory: { idleRssBytes: number; afterBulkRssBytes: number; peakRssBytes: number; bulkServices: number };
}

async function scratchPostgres(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `calsync_bench_${process.pid}_${Date.now()}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await admin(`CREATE DATABASE ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return { url: scratch.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

function rss(): number {
  collectGarbage();
  return memoryUsage().rss;
}

export async function appFigures(args: AppFiguresArgs): Promise<AppFigures> {
  const server = args.postgresUrl ? await scratchPostgres(args.postgresUrl) : null;
  const dir = server ? null : mkdtempSync(join(tmpdir(), 'calsync-bench-app-'));
  // The limiter and the emulator's limit are out of the way: this measures the app, not Cal.com's budget.
  const sb = await startSandbox({
    env: { CALCOM_RATE_LIMIT: '100000', ...(server ? { DATABASE_URL: server.url } : { CALSYNC_DATA_DIR: join(dir!, 'data') }) },
    emulator: { rateLimitPerMinute: false },
    shareDatabase: !server,
  });
  try {
    const ids = await seedCatalogue(sb.ctx.db.prisma, args.services);
    const idleRssBytes = rss();
    const replies = replyCounter(sb);
    let expected = 0;
    let runTag = 1_796_000_000;
    const base = {
      url: sb.appUrl,
      secret: SANDBOX_SIGNING_SECRET,
      serviceIds: ids,
      channel: 'C0BENCH',
      responseUrl: sb.slack.responseUrl('bench'),
    };

    const figures = async (result: LoadResult) => {
      expected += result.latenciesMs.length;
      const drained = await drain(sb, replies, expected, args.drainTimeoutMs);
      const failed =
        result.errors +
        result.timeouts +
        Object.entries(result.statuses)
          .filter(([s]) => !s.startsWith('2'))
          .reduce((a, [, n]) => a + n, 0);
      return {
        ...summarize(result.latenciesMs),
        failed,
        statuses: result.statuses,
        requestsPerSecond: result.requestsPerSecond,
        drainS: drained.s,
        drained: drained.drained,
      };
    };
    const nextTag = () => {
      runTag += 10;
      return runTag;
    };
    const open = (ratePerSecond: number, durationS: number) =>
      runInChild<LoadResult>('open-load', { ...base, runTag: nextTag(), ratePerSecond, durationS } satisfies OpenLoadArgs, {
        timeoutMs: 600_000,
      });

    if (args.warmup > 0) await figures(await open(args.steady.ratePerSecond, args.warmup / args.steady.ratePerSecond));
    const steady = {
      ...(await figures(await open(args.steady.ratePerSecond, args.steady.durationS))),
      ratePerSecond: args.steady.ratePerSecond,
    };
    const floodLoad = await runInChild<LoadResult>(
      'load',
      { ...base, kind: 'command', amount: args.flood.amount, connections: args.flood.connections, runTag: nextTag() } satisfies LoadArgs,
      { timeoutMs: 600_000 },
    );
    const flood = { ...(await figures(floodLoad)), connections: args.flood.connections };

    // A bulk run over the whole catalogue, through the app's own engine.
    await runBulk(sb.ctx.requireEngine().engine, ids, { trigger: 'cli', requestedBy: 'bench' });
    const afterBulkRssBytes = rss();
    return {
      backend: server ? 'postgres' : 'pglite',
      services: args.services,
      steady,
      flood,
      memory: { idleRssBytes, afterBulkRssBytes, peakRssBytes: peakRss(), bulkServices: ids.length },
    };
  } finally {
    await sb.close();
    await server?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
