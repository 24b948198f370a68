// `--profile`: where the app's CPU goes during an ack run, by package (PGlite, Prisma, Bolt, calsync's
// own folders…), from V8's sampling profiler in this process. Answers "is it our code, the database,
// Bolt or the machine?" without an external tool. Off by default: profiling slows what it measures.
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface CpuShare {
  category: string;
  ms: number;
  percent: number;
}

function category(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (functionName === '(garbage collector)') return 'V8 garbage collector';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'V8/native (program)';
  if (url.startsWith('wasm://')) return "WebAssembly (PGlite's Postgres)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/(?:dist\/)?src\/([^/]+)\//.exec(url);
  if (own) return `calsync src/${own[1]}`;
  if (url.startsWith('node:')) return 'Node core (http, streams, timers…)';
  return url ? 'other' : `native: ${functionName || '(anonymous)'}`;
}

export async function profiled<T>(run: () => Promise<T>): Promise<{ value: T; shares: CpuShare[] }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    const value = await run();
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    return { value, shares: aggregate(profile) };
  } finally {
    session.disconnect();
  }
}

export function aggregate(profile: CpuProfile, top = 12): CpuShare[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const us = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    const c = category(node);
    if (c === 'idle') return;
    totals.set(c, (totals.get(c) ?? 0) + us);
    all += us;
  });
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([c, us]) => ({ category: c, ms: Math.round(us / 1000), percent: Math.round((1000 * us) / all) / 10 }));
}
