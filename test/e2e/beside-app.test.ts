// SPEC §7: `calsync …` works while the Slack app runs on the same embedded database. A real `calsync serve`
// holds the directory and shares it over its socket; the CLI runs as real processes beside it: an import
// and syncs from the CLI and from Slack at the same time, then every row and claim is checked. Killed
// with -9, the app leaves a lock and a socket that the next command detects and removes.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { SOCKET_FILE } from '../../src/db/share.js';
import { startEmulator } from '../../src/sandbox/emulator.js';
import { slackSender, startSlackFake } from '../../src/sandbox/slack-fake.js';
import { freePort, startAppProcess } from '../support/app-process.js';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'calsync-beside-'));
const data = join(dir, 'data');
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

/** `calsync …` as its own process, the way an operator or cron runs it. */
function calsync(env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out, err })));
}

const csv = (ids: number[], name: (id: number) => string) =>
  `id,name,duration_minutes,price_cents,currency\n${ids.map((id) => `${id},${name(id)},${15 + (id % 4) * 15},${1000 + id},EUR`).join('\n')}\n`;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

it('import, sync, status and list beside the running app; transactions and claims hold; a killed app is cleaned up after', {
  timeout: 240_000,
}, async () => {
  const emulator = await startEmulator({ rateLimitPerMinute: false, latencyMs: 5 });
  cleanup.push(() => emulator.close());
  const slack = await startSlackFake();
  cleanup.push(() => slack.close());
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-beside',
    SLACK_SIGNING_SECRET: 'beside-secret',
    SLACK_API_URL: slack.apiUrl,
    PORT: String(await freePort()),
    CALCOM_API_KEY: 'cal_test_beside',
    CALCOM_API_URL: emulator.url,
    CALCOM_RATE_LIMIT: '6000',
    CALSYNC_DATA_DIR: data,
    LOG_LEVEL: 'warn',
  };
  const app = await startAppProcess(env);
  cleanup.push(() => app.kill());
  const send = slackSender(`${app.url}/slack/events`, env.SLACK_SIGNING_SECRET, slack);
  // A second app would lose its database the moment the first stopped: refused.
  await expect(startAppProcess({ ...env, PORT: String(await freePort()) })).rejects.toThrow(/in use by another calsync process/);

  writeFileSync(
    join(dir, 'first.csv'),
    csv(range(1, 40), (id) => `Service ${id}`),
  );
  expect(await calsync(env, 'services', 'import', join(dir, 'first.csv'))).toMatchObject({
    code: 0,
    out: expect.stringContaining('40 new, 0 updated'),
  });

  // At once: an import that rewrites 1–40 and adds 41–300, Slack syncs of 1–20, a CLI sync of 15–30
  // (15–20 are asked of both: each must run alone, the other reports it busy or runs after).
  writeFileSync(
    join(dir, 'second.csv'),
    csv(range(1, 300), (id) => `Renamed ${id}`),
  );
  const importing = calsync(env, 'services', 'import', join(dir, 'second.csv'));
  const syncing = calsync(env, 'sync', ...range(15, 30).map(String), '--json');
  const acks = await Promise.all(range(1, 20).map((id) => send.command(String(id), { channel: 'C0OPS' })));
  expect(acks.map((a) => a.status)).toEqual(acks.map(() => 200));
  const [imported, synced] = await Promise.all([importing, syncing]);
  expect(imported).toMatchObject({ code: 0, out: expect.stringContaining('260 new, 40 updated') });
  const cliResults = JSON.parse(synced.out) as { serviceId: number; kind: string }[];
  expect(cliResults.map((r) => r.serviceId)).toEqual(range(15, 30));
  // Every Slack command ends in one reply in its own thread.
  await slack.waitFor(() => {
    const parents = slack.channelMessages('C0OPS');
    return parents.length === 20 && parents.every((p) => slack.thread('C0OPS', p.ts).length > 0);
  }, 120_000);

  const db = new pg.Client({ host: data, port: 5432, user: 'postgres', database: 'postgres' });
  await db.connect();
  try {
    const rows = (await db.query('SELECT id, name, price_cents, sync_status, calcom_event_type_id FROM services ORDER BY id')).rows;
    expect(rows.map((r) => [r.id, r.name, r.price_cents])).toEqual(range(1, 300).map((id) => [id, `Renamed ${id}`, 1000 + id]));
    // 1–30 were synced by someone; each has exactly one event type, linked.
    const linked = rows.filter((r) => r.id <= 30);
    expect(linked.every((r) => r.sync_status === 'synced' && r.calcom_event_type_id)).toBe(true);
    const slugs = emulator.eventTypes().map((e) => e.slug);
    expect(slugs).toHaveLength(30);
    expect(new Set(slugs).size).toBe(30);
    expect(new Set(linked.map((r) => r.calcom_event_type_id)).size).toBe(30);
    expect(rows.filter((r) => r.id > 30).every((r) => r.sync_status === 'pending')).toBe(true);
    // No claim is left, and no two syncs of one service ever overlapped.
    expect((await db.query('SELECT count(*)::int AS n FROM sync_locks')).rows[0].n).toBe(0);
    const runs = (await db.query('SELECT service_id, started_at, finished_at FROM sync_runs ORDER BY service_id, started_at')).rows as {
      service_id: number;
      started_at: Date;
      finished_at: Date | null;
    }[];
    expect(runs.every((r) => r.finished_at)).toBe(true);
    for (let i = 1; i < runs.length; i++) {
      if (runs[i]!.service_id === runs[i - 1]!.service_id)
        expect(runs[i]!.started_at.getTime()).toBeGreaterThanOrEqual(runs[i - 1]!.finished_at!.getTime());
    }
    expect(new Set(runs.map((r) => r.service_id))).toEqual(new Set(range(1, 30)));
  } finally {
    await db.end();
  }

  expect(await calsync(env, 'status', '15')).toMatchObject({ code: 0, out: expect.stringContaining('Renamed 15') });
  expect(await calsync(env, 'digest', '--print')).toMatchObject({ code: 0 });

  // kill -9: the lock and the socket stay behind; the next command finds the holder dead, removes both,
  // and opens the directory itself.
  await app.kill('SIGKILL');
  expect(existsSync(join(data, SOCKET_FILE))).toBe(true);
  const after = await calsync(env, 'services', 'list', '--status', 'synced', '--json');
  expect(after).toMatchObject({ code: 0, err: '' });
  expect(JSON.parse(after.out)).toHaveLength(30);
  expect(existsSync(join(data, SOCKET_FILE))).toBe(false);
  expect(existsSync(join(data, 'calsync.lock'))).toBe(false);
});
