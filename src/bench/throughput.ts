// Throughput against Cal.com's limit (SPEC §10: a bulk run reaches ≥ 95 % of CALCOM_RATE_LIMIT with zero
// 429s). calsync's real bulk path (runBulk → engine → limiter → HTTP client → PGlite) against one emulator,
// and beside it, at the same time, the naive loop calsync replaces (sequential create-or-update, no
// limiter, whatever failed tried again on the next pass) against a second emulator with the same limit
// and latency. Both are cut off after the same window, so the run stays within a few minutes.
import type { RequestRecord } from '../sandbox/emulator.js';
import { startEmulator } from '../sandbox/emulator.js';
import { SANDBOX_CALCOM_KEY, startSandbox } from '../sandbox/sandbox.js';
import { runBulk } from '../sync/bulk.js';
import { payloadFor } from '../sync/payload.js';
import type { SyncRequest, SyncResult } from '../sync/types.js';
import { row, seedCatalogue } from './catalogue.js';
import { benchService } from './fakes.js';

export interface ThroughputOptions {
  services: number;
  limitPerMinute: number;
  latencyMs: number;
  windowMs: number;
}

export interface LoopFigures {
  /** Requests that arrived within the window, refused ones included. */
  requests: number;
  /** Requests Cal.com carried out (not refused with 429) within the window. */
  useful: number;
  usefulPerMinute: number;
  /** useful per minute ÷ the limit. */
  ratio: number;
  /** 429s over the whole run. */
  tooMany: number;
  otherErrors: number;
  /** The most requests (refused ones too) that arrived in any sliding 60 s, ÷ the limit. */
  peakRatio: number;
  /** Services synced when the window closed. */
  synced: number;
  /** Seconds of the window between the first and the last 429: how long the key was refused. */
  blockedS: number;
  /** Mean time between two requests that Cal.com carried out (the limiter's spacing is 60000/limit + 1 ms). */
  meanGapMs: number;
}

export interface ThroughputResult {
  services: number;
  limitPerMinute: number;
  latencyMs: number;
  windowS: number;
  calsync: LoopFigures;
  naive: LoopFigures;
}

const SUCCESS = new Set<SyncResult['kind']>(['created', 'updated', 'unchanged', 'adopted', 'recreated']);

function figures(log: RequestRecord[], start: number, windowMs: number, limit: number, peak: number, synced: number): LoopFigures {
  const inWindow = log.filter((r) => r.at >= start && r.at < start + windowMs);
  const useful = inWindow.filter((r) => r.status !== 429 && r.status > 0).length;
  const usefulPerMinute = (useful * 60_000) / windowMs;
  const refused = inWindow.filter((r) => r.status === 429);
  const carried = inWindow.filter((r) => r.status !== 429 && r.status > 0);
  return {
    meanGapMs: carried.length > 1 ? (carried.at(-1)!.at - carried[0]!.at) / (carried.length - 1) : NaN,
    blockedS: refused.length ? (refused.at(-1)!.at - refused[0]!.at) / 1000 : 0,
    requests: inWindow.length,
    useful,
    usefulPerMinute,
    ratio: usefulPerMinute / limit,
    tooMany: log.filter((r) => r.status === 429).length,
    otherErrors: log.filter((r) => r.status !== 429 && (r.status >= 400 || r.status === 0)).length,
    peakRatio: peak / limit,
    synced,
  };
}

/** The loop calsync replaces: one request after another, no limiter, no idea of Cal.com's budget. */
async function naiveLoop(apiUrl: string, apiKey: string, ids: number[], until: number): Promise<number> {
  const headers = { authorization: `Bearer ${apiKey}`, 'cal-api-version': '2024-06-14', 'content-type': 'application/json' };
  const linked = new Map<number, number>();
  const synced = new Set<number>();
  while (Date.now() < until && synced.size < ids.length) {
    for (const id of ids) {
      if (Date.now() >= until) break;
      if (synced.has(id)) continue;
      const payload = payloadFor(benchService(id, row(id)));
      const eventTypeId = linked.get(id);
      try {
        const res = await fetch(eventTypeId ? `${apiUrl}/event-types/${eventTypeId}` : `${apiUrl}/event-types`, {
          method: eventTypeId ? 'PATCH' : 'POST',
          headers,
          body: JSON.stringify(payload),
        });
        const body = (await res.json().catch(() => null)) as { data?: { id?: number } } | null;
        if (res.ok && body?.data?.id) {
          linked.set(id, body.data.id);
          synced.add(id);
        }
      } catch {
        // A transport failure is one more failed service for this pass; the next pass tries it again.
      }
    }
  }
  return synced.size;
}

export async function throughput(opts: ThroughputOptions): Promise<ThroughputResult> {
  const limit = opts.limitPerMinute;
  const sb = await startSandbox({
    env: { CALCOM_RATE_LIMIT: String(limit) },
    emulator: { rateLimitPerMinute: limit, latencyMs: opts.latencyMs },
  });
  const naiveCalcom = await startEmulator({ rateLimitPerMinute: limit, latencyMs: opts.latencyMs });
  try {
    const ids = await seedCatalogue(sb.ctx.db.prisma, opts.services);
    const { engine } = sb.ctx.requireEngine();
    const start = Date.now();
    const until = start + opts.windowMs;
    // After the window, workers stop picking up services; syncs already under way finish but don't count.
    let synced = 0;
    const windowed = {
      async sync(r: SyncRequest): Promise<SyncResult> {
        if (Date.now() >= until) return { kind: 'unknown', serviceId: r.serviceId };
        const result = await engine.sync(r);
        if (Date.now() < until && SUCCESS.has(result.kind)) synced++;
        return result;
      },
    };
    const [, naiveSynced] = await Promise.all([
      runBulk(windowed, ids, { trigger: 'bulk', requestedBy: 'bench' }),
      naiveLoop(naiveCalcom.url, SANDBOX_CALCOM_KEY, ids, until),
    ]);
    return {
      services: opts.services,
      limitPerMinute: limit,
      latencyMs: opts.latencyMs,
      windowS: opts.windowMs / 1000,
      calsync: figures(sb.emulator.requests(), start, opts.windowMs, limit, sb.emulator.stats().maxPerWindow, synced),
      naive: figures(naiveCalcom.requests(), start, opts.windowMs, limit, naiveCalcom.stats().maxPerWindow, naiveSynced),
    };
  } finally {
    await naiveCalcom.close();
    await sb.close();
  }
}
