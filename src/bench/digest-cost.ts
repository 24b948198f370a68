// Digest cost (SPEC §10: 10,000 services with 2,000 failing composed in ≤ 200 ms): composeDigest and the
// Slack message builder over plain data, no database (stack-cost.ts times the read from PGlite). The
// digest modules are imported on demand, so a missing or renamed one marks the row n/a instead of
// stopping the whole benchmark.
import { digestServices } from './catalogue.js';
import { median } from './stats.js';

export interface DigestCostRow {
  size: number;
  failing: number;
  composeMs: number;
  messageMs: number;
  totalMs: number;
  blocks: number;
  runs: number;
}

export type DigestCost = { rows: DigestCostRow[] } | { error: string };

export async function digestCost(sizes: number[], runs: number): Promise<DigestCost> {
  let compose: typeof import('../digest/compose.js').composeDigest;
  let toMessage: typeof import('../slack/messages/digest.js').digestMessage;
  try {
    compose = (await import('../digest/compose.js')).composeDigest;
    toMessage = (await import('../slack/messages/digest.js')).digestMessage;
    if (typeof compose !== 'function' || typeof toMessage !== 'function') throw new Error('composeDigest or digestMessage is not exported');
  } catch (err) {
    return { error: `n/a (digest module missing: ${(err as Error).message.split('\n')[0]})` };
  }
  const once = (services: ReturnType<typeof digestServices>) => {
    const t0 = performance.now();
    const digest = compose({
      services,
      previous: { error: 1500, stale: 800, neverSynced: 900, synced: 6800, total: 10_000 },
      localDate: '2026-11-02',
      now: new Date('2026-11-02T09:00:00Z'),
    });
    const t1 = performance.now();
    const message = toMessage(digest, 'en');
    const t2 = performance.now();
    return { composeMs: t1 - t0, messageMs: t2 - t1, totalMs: t2 - t0, blocks: message.blocks.length, failing: digest.counts.error };
  };
  const warm = digestServices(1000, 200);
  for (let i = 0; i < 5; i++) once(warm);
  const rows: DigestCostRow[] = [];
  for (const size of sizes) {
    const services = digestServices(size, Math.round(size / 5));
    const samples = Array.from({ length: runs }, () => once(services));
    rows.push({
      size,
      failing: samples[0]!.failing,
      blocks: samples[0]!.blocks,
      runs,
      composeMs: median(samples.map((s) => s.composeMs)),
      messageMs: median(samples.map((s) => s.messageMs)),
      totalMs: median(samples.map((s) => s.totalMs)),
    });
  }
  return { rows };
}
