// Ack latency (SPEC §10: ≤ 50 ms at p99, 50 concurrent, loopback): the real app in the sandbox, signed
// `/calsync N` commands and Retry clicks from a load generator in another process. Every request starts a
// real sync in the background (PGlite, the Cal.com emulator, the Slack fake), so the acks are measured
// while the app is busy with the work they asked for. Between runs the background work is drained, so
// one run's backlog never slows the next; how long the drain took is reported as the work's throughput.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Server } from 'node:http';
import { cpuUsage } from 'node:process';
import { SANDBOX_SIGNING_SECRET, startSandbox, type Sandbox } from '../sandbox/sandbox.js';
import { seedCatalogue } from './catalogue.js';
import { runInChild } from './fork.js';
import { profiled, type CpuShare } from './profile.js';
import type { LoadArgs, LoadResult } from './load.js';
import { summarize, type Summary } from './stats.js';

export interface AckOptions {
  sizes: number[];
  amount: number;
  warmup: number;
  connections: number;
  drainTimeoutMs: number;
  /** Also measure one burst of `connections` simultaneous requests per kind before the sustained run. */
  bursts: boolean;
  /** Sample the app's CPU during each measured run and report it by package (slows the run). */
  profile?: boolean;
  log: (line: string) => void;
}

/** `help` is answered in the ack and starts nothing: the cost of Bolt and the handler alone. */
export type AckKind = 'help' | 'command' | 'click';

export interface AckRun extends Summary {
  size: number;
  kind: AckKind;
  /** `burst`: one request per connection, all at once; `sustained`: `amount` requests back to back. */
  mode: 'burst' | 'sustained';
  connections: number;
  non2xx: number;
  errors: number;
  requestsPerSecond: number;
  /** Seconds until every background sync the run started had posted its result in Slack. */
  drainS: number;
  drained: boolean;
  /** The app process's CPU per request, ack and background sync together (the fakes run in it too). */
  cpuMsPerRequest: number;
  /**
   * The app's event-loop delay during the load (ms): when it is far below the measured latency, the time
   * went elsewhere (queued in the app's sockets, or the machine descheduled the load generator).
   */
  loopDelay: { p50: number; p99: number; max: number };
  /**
   * Inside the app: from Node dispatching the request (headers parsed) to the response handed to the
   * socket. The rest of the measured latency is the request waiting to be read by a busy event loop.
   */
  inApp?: Summary;
  /** With --profile: the app's CPU during the run and its drain, by package. */
  cpuShares?: CpuShare[];
}

const CHANNEL = 'C0BENCH';

/** Counts thread replies posted to the Slack fake, scanning only what is new since the last call. */
export function replyCounter(sb: Sandbox) {
  let scanned = 0;
  let replies = 0;
  return () => {
    const calls = sb.slack.calls;
    for (; scanned < calls.length; scanned++) {
      const c = calls[scanned]!;
      if (c.method === 'chat.postMessage' && c.body.thread_ts) replies++;
    }
    return replies;
  };
}

export async function drain(
  sb: Sandbox,
  replies: () => number,
  expected: number,
  timeoutMs: number,
): Promise<{ s: number; drained: boolean }> {
  const started = performance.now();
  for (;;) {
    if (replies() >= expected && (await sb.ctx.db.prisma.syncLock.count()) === 0)
      return { s: (performance.now() - started) / 1000, drained: true };
    if (performance.now() - started > timeoutMs) return { s: (performance.now() - started) / 1000, drained: false };
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Times every request inside the app's HTTP server. Bolt keeps its server private, so this reaches in;
 * when a Bolt upgrade moves it, the figure is simply left out.
 */
function inAppTimer(sb: Sandbox): () => number[] {
  const server = (sb.server.app as unknown as { receiver?: { server?: Server } }).receiver?.server;
  let times: number[] = [];
  server?.prependListener('request', (_req, res) => {
    const started = performance.now();
    res.once('finish', () => times.push(performance.now() - started));
  });
  return () => {
    const taken = times;
    times = [];
    return server ? taken : [];
  };
}

/** One load run against the sandbox, then the drain of the background work it started. */
function loader(sb: Sandbox, ids: number[], opts: AckOptions, nextRunTag: () => number) {
  const replies = replyCounter(sb);
  const inApp = inAppTimer(sb);
  let expected = 0;
  return async (kind: AckKind, amount: number) => {
    const args: LoadArgs = {
      url: sb.appUrl,
      secret: SANDBOX_SIGNING_SECRET,
      kind: kind === 'click' ? 'click' : 'command',
      amount,
      connections: opts.connections,
      serviceIds: ids,
      channel: CHANNEL,
      responseUrl: sb.slack.responseUrl('bench'),
      runTag: nextRunTag(),
      text: kind === 'help' ? 'help' : undefined,
    };
    const cpu = cpuUsage();
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    inApp();
    const result = await runInChild<LoadResult>('load', args, { timeoutMs: 300_000 });
    delay.disable();
    const inAppMs = inApp();
    const loopDelay = { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 };
    // `help` is answered in the ack itself; every other request ends in one reply in a thread.
    if (kind !== 'help') expected += result.latenciesMs.length;
    const drained = await drain(sb, replies, expected, opts.drainTimeoutMs);
    const used = cpuUsage(cpu);
    return {
      result,
      drained,
      loopDelay,
      inApp: inAppMs.length ? summarize(inAppMs) : undefined,
      cpuMsPerRequest: (used.user + used.system) / 1000 / Math.max(1, result.latenciesMs.length),
    };
  };
}

const KINDS = ['help', 'command', 'click'] as const;

async function measureSize(size: number, opts: AckOptions, nextRunTag: () => number): Promise<AckRun[]> {
  // The limiter and the emulator are out of the way: this measures the app, not Cal.com's budget.
  const sb = await startSandbox({ env: { CALCOM_RATE_LIMIT: '100000' }, emulator: { rateLimitPerMinute: false } });
  try {
    const load = loader(sb, await seedCatalogue(sb.ctx.db.prisma, size), opts, nextRunTag);
    const out: AckRun[] = [];
    for (const kind of KINDS) if (opts.warmup > 0) await load(kind, opts.warmup);
    for (const kind of KINDS) {
      const modes = [
        ['burst', opts.connections],
        ['sustained', opts.amount],
      ] as const;
      for (const [mode, amount] of modes.filter(([m]) => opts.bursts || m === 'sustained')) {
        const measured = () => load(kind, amount);
        const {
          value: { result, drained, cpuMsPerRequest, loopDelay, inApp },
          shares,
        } = opts.profile && mode === 'sustained' ? await profiled(measured) : { value: await measured(), shares: undefined };
        const run: AckRun = {
          size,
          kind,
          mode,
          connections: opts.connections,
          ...summarize(result.latenciesMs),
          non2xx: Object.entries(result.statuses)
            .filter(([s]) => !s.startsWith('2'))
            .reduce((a, [, n]) => a + n, 0),
          errors: result.errors + result.timeouts,
          requestsPerSecond: result.requestsPerSecond,
          drainS: drained.s,
          drained: drained.drained,
          cpuMsPerRequest,
          loopDelay,
          inApp,
          cpuShares: shares,
        };
        out.push(run);
        opts.log(
          `  ack ${kind} ${mode} @ ${size} services: p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms, max ${run.max.toFixed(1)} ms (${run.n} ok, ${run.non2xx} non-2xx, ${run.requestsPerSecond.toFixed(0)}/s); drained in ${run.drainS.toFixed(1)} s; ${run.cpuMsPerRequest.toFixed(2)} ms CPU per request; app event-loop delay p99 ${loopDelay.p99.toFixed(0)} ms, max ${loopDelay.max.toFixed(0)} ms${inApp ? `; inside the app p99 ${inApp.p99.toFixed(1)} ms` : ''}`,
        );
        if (shares) opts.log(`    app CPU by package: ${shares.map((x) => `${x.category} ${x.percent}%`).join(', ')}`);
      }
    }
    return out;
  } finally {
    await sb.close();
  }
}

export async function ackLatency(opts: AckOptions): Promise<AckRun[]> {
  // Trigger ids and message timestamps stay unique across every run, so the app never deduplicates one.
  let runTag = 1_795_100_000;
  const nextRunTag = () => (runTag += 10);
  const out: AckRun[] = [];
  for (const size of opts.sizes) out.push(...(await measureSize(size, opts, nextRunTag)));
  return out;
}
