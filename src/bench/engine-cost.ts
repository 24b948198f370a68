// The engine's own cost (SPEC §10: ≤ 2 ms of CPU per sync): the real engine and bulk runner with both
// ports in memory, so every microsecond counted is calsync's decision, payload, slug and bookkeeping
// code, not a database or a socket. Runs in a child process (fork.ts) so its memory figures are its own.
import { cpuUsage, memoryUsage } from 'node:process';
import { runBulk } from '../sync/bulk.js';
import { createEngine } from '../sync/engine.js';
import { benchService, instantEventTypes, MemoryStore } from './fakes.js';
import { collectGarbage } from './fork.js';
import { median } from './stats.js';

export interface EngineCostArgs {
  size: number;
  /** Update rounds after the first (create) round; the figure is their median. */
  rounds: number;
}

export interface EngineCostResult {
  size: number;
  createCpuUsPerSync: number;
  updateCpuUsPerSync: number;
  updateRoundsCpuUs: number[];
  wallUsPerSync: number;
  heapUsedBytes: number;
  heapPerServiceBytes: number;
  rssBytes: number;
}

const cpuMicros = (since: NodeJS.CpuUsage) => {
  const d = cpuUsage(since);
  return d.user + d.system;
};

async function round(engine: ReturnType<typeof createEngine>, ids: number[]): Promise<{ cpuUs: number; wallUs: number }> {
  const cpu = cpuUsage();
  const started = performance.now();
  const { counts } = await runBulk(engine, ids, { trigger: 'bulk', requestedBy: 'bench' });
  const wallUs = (performance.now() - started) * 1000;
  const cpuUs = cpuMicros(cpu);
  const ok = (counts.created ?? 0) + (counts.updated ?? 0) + (counts.unchanged ?? 0);
  if (ok !== ids.length) throw new Error(`engine round: expected ${ids.length} successful syncs, got ${JSON.stringify(counts)}`);
  return { cpuUs: cpuUs / ids.length, wallUs: wallUs / ids.length };
}

function engineOver(store: MemoryStore) {
  return createEngine({ calcom: instantEventTypes(), store, holder: 'bench', sleep: async () => {}, random: () => 0 });
}

export async function engineCost(args: EngineCostArgs): Promise<EngineCostResult> {
  // Warm-up on a separate catalogue so the JIT has compiled the hot paths before anything is counted.
  const warmStore = new MemoryStore(...Array.from({ length: 500 }, (_, i) => benchService(i + 1)));
  const warm = engineOver(warmStore);
  for (let i = 0; i < 4; i++) await runBulk(warm, [...warmStore.services.keys()], { trigger: 'bulk' });

  collectGarbage();
  const before = memoryUsage();
  const ids = Array.from({ length: args.size }, (_, i) => i + 1);
  const store = new MemoryStore(...ids.map((id) => benchService(id)));
  const engine = engineOver(store);
  const create = await round(engine, ids);
  collectGarbage();
  const after = memoryUsage();

  const updates: number[] = [];
  let wall = create.wallUs;
  for (let r = 0; r < args.rounds; r++) {
    // Each round changes every service, so it measures a real update (read, plan, PATCH of one field), not a skip.
    for (const s of store.services.values()) s.durationMinutes += 15;
    const u = await round(engine, ids);
    updates.push(u.cpuUs);
    wall = Math.min(wall, u.wallUs);
  }
  return {
    size: args.size,
    createCpuUsPerSync: create.cpuUs,
    updateCpuUsPerSync: median(updates),
    updateRoundsCpuUs: updates,
    wallUsPerSync: wall,
    heapUsedBytes: after.heapUsed,
    heapPerServiceBytes: (after.heapUsed - before.heapUsed) / args.size,
    rssBytes: after.rss,
  };
}
