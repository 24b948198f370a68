// Cold CLI read (SPEC §10: a cold `calsync status 85` costs at most 1.3 × opening the embedded database
// alone). Both are fresh Node processes timed from spawn to exit, alternated round by round so a busy
// neighbour slows both alike; the figure is the ratio of the medians. Also measured: the same read while
// the app runs on the directory (through the socket it shares), and the first `calsync migrate` on a new
// directory (time and peak RSS).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../sandbox/sandbox.js';
import { median } from './stats.js';

export interface ColdStartOptions {
  rounds: number;
}

export interface Timed {
  /** Wall time of each run, spawn to exit (ms). */
  runsMs: number[];
  medianMs: number;
  /** Median peak RSS of the process (bytes). */
  rssBytes: number;
}

export interface ColdStartResult {
  rounds: number;
  cli: Timed;
  pglite: Timed;
  /** cli.medianMs ÷ pglite.medianMs */
  ratio: number;
  /** PGlite alone with the CLI's settings (shared buffers, V8's baseline wasm compiler), and the ratio against it. */
  pgliteTuned: Timed;
  ratioTuned: number;
  /** `calsync status 85` while the app holds the directory and shares it. */
  besideApp: Timed;
  firstMigrate: Timed;
}

const fromSource = import.meta.url.endsWith('.ts');
const here = (file: string) => fileURLToPath(new URL(fromSource ? `./${file}.ts` : `./${file}.js`, import.meta.url));
const bin = fileURLToPath(new URL(fromSource ? '../cli/bin.ts' : '../cli/bin.js', import.meta.url));

/** Runs `node [--import tsx] --import rss-probe …args` and returns its wall time and peak RSS. */
function timed(args: string[], env: Record<string, string> = {}): Promise<{ ms: number; rss: number }> {
  const execArgv = [...(fromSource ? ['--import', 'tsx'] : []), '--import', here('rss-probe')];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...execArgv, ...args], {
      env: { ...process.env, ...env, CALSYNC_BENCH_RSS_FD: '3', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let rss = '';
    let err = '';
    child.stdio[3]!.on('data', (d: Buffer) => (rss += d));
    child.stderr!.on('data', (d: Buffer) => (err += d));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`${args.join(' ')} exited ${code}: ${err.trim()}`));
      else resolve({ ms, rss: Number(rss.trim()) || 0 });
    });
  });
}

function summary(runs: { ms: number; rss: number }[]): Timed {
  return { runsMs: runs.map((r) => r.ms), medianMs: median(runs.map((r) => r.ms)), rssBytes: median(runs.map((r) => r.rss)) };
}

export async function coldStart(opts: ColdStartOptions): Promise<ColdStartResult> {
  const root = mkdtempSync(join(tmpdir(), 'calsync-cold-'));
  try {
    // The first command on a new directory creates and migrates it.
    const migrates = [];
    for (let i = 0; i < Math.min(3, opts.rounds); i++)
      migrates.push(await timed([bin, 'migrate'], { CALSYNC_DATA_DIR: join(root, `new-${i}`) }));
    const dir = join(root, 'data');
    await timed([bin, 'migrate'], { CALSYNC_DATA_DIR: dir });
    const seed = join(root, 'seed.json');
    writeFileSync(seed, JSON.stringify([{ id: 85, name: 'Ansatz + Längenausgleich', duration_minutes: 45 }]));
    await timed([bin, 'services', 'import', seed], { CALSYNC_DATA_DIR: dir });

    const cli: { ms: number; rss: number }[] = [];
    const alone: { ms: number; rss: number }[] = [];
    const tuned: { ms: number; rss: number }[] = [];
    // One unmeasured round of each: the file cache is warm for both, as on a machine in use.
    await timed([bin, 'status', '85'], { CALSYNC_DATA_DIR: dir });
    await timed([here('pglite-open'), join(dir, 'pg')]);
    for (let i = 0; i < opts.rounds; i++) {
      cli.push(await timed([bin, 'status', '85'], { CALSYNC_DATA_DIR: dir }));
      alone.push(await timed([here('pglite-open'), join(dir, 'pg')]));
      tuned.push(await timed([here('pglite-open'), join(dir, 'pg'), '--tuned']));
    }

    const beside: { ms: number; rss: number }[] = [];
    const sb = await startSandbox({ env: { CALSYNC_DATA_DIR: dir }, shareDatabase: true });
    try {
      await timed([bin, 'status', '85'], { CALSYNC_DATA_DIR: dir });
      for (let i = 0; i < opts.rounds; i++) beside.push(await timed([bin, 'status', '85'], { CALSYNC_DATA_DIR: dir }));
    } finally {
      await sb.close();
    }
    const result = { cli: summary(cli), pglite: summary(alone), pgliteTuned: summary(tuned) };
    return {
      rounds: opts.rounds,
      ...result,
      ratio: result.cli.medianMs / result.pglite.medianMs,
      ratioTuned: result.cli.medianMs / result.pgliteTuned.medianMs,
      besideApp: summary(beside),
      firstMigrate: summary(migrates),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
