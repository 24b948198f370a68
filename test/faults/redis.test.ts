// Redis down or mute (SPEC §3.12, §10 "Failing neighbours", issue 9). Before, with REDIS_URL pointing at
// nothing, a sync waited forever: no Cal.com request, "syncing…" forever, the next /calsync "already running",
// /healthz 200, `calsync sync` hanging with no output. Now a sync fails within seconds with
// "Redis at … is not answering" (never the password), releases its claim, and works again once Redis is back.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackThreads, textOf } from '../support/slack-threads.js';
import { createLogger } from '../../src/lib/logger.js';
import { openDatabase } from '../../src/db/database.js';
import { startEmulator, type Emulator } from '../../src/sandbox/emulator.js';
import { startSandbox, SANDBOX_CALCOM_KEY, type Sandbox } from '../../src/sandbox/sandbox.js';
import { redisDoor, type DoorState, type RedisDoor } from '../support/redis-door.js';
import { NEEDS_REDIS, REDIS_URL } from '../support/servers.js';

const PASSWORD = 's3cret-redis-pass';
const CH = 'C0OPS';
const notAnswering = (door: RedisDoor) => `Redis at redis://127.0.0.1:${door.port} is not answering`;

/** Runs the real `calsync` executable; a process still running after `deadlineMs` is killed and reported as hung. */
function calsync(
  args: string[],
  env: Record<string, string>,
  deadlineMs = 25_000,
): Promise<{ code: number | null; out: string; hung: boolean }> {
  const root = new URL('../..', import.meta.url).pathname;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, out, hung: signal === 'SIGKILL' });
    });
  });
}

describe('calsync sync ID as a process, Redis not answering', () => {
  let door: RedisDoor;
  let emulator: Emulator;
  let dir: string;
  /** The CLI against the emulator, with Redis behind the switchable door (its password must never show). */
  const cliEnv = () => ({
    CALSYNC_DATA_DIR: dir,
    CALCOM_API_KEY: SANDBOX_CALCOM_KEY,
    CALCOM_API_URL: emulator.url,
    REDIS_URL: door.url(PASSWORD),
  });
  beforeAll(async () => {
    door = await redisDoor();
    emulator = await startEmulator({ rateLimitPerMinute: false });
    dir = mkdtempSync(join(tmpdir(), 'calsync-redis-'));
    const db = await openDatabase({ dataDir: dir });
    await db.prisma.service.create({ data: { id: 61, name: 'Herrenschnitt', durationMinutes: 30 } });
    await db.close();
  });
  afterAll(async () => {
    await door?.close();
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each<[string, DoorState]>([
    ['nothing listening', 'closed'],
    ['a server that accepts and never answers', 'mute'],
  ])('%s → exit 1 within seconds, the message on the output, nothing sent to Cal.com', async (_what, state) => {
    await door.set(state);
    const before = emulator.requests().length;
    const r = await calsync(['sync', '61'], cliEnv());
    expect(r.hung, r.out).toBe(false);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain(`service 61 Herrenschnitt: failed after 1 attempt: ${notAnswering(door)}`);
    expect(r.out).not.toContain(PASSWORD);
    expect(emulator.requests().length).toBe(before);
  });

  it('calsync import → exit 1 with the message, not a stack trace', async () => {
    await door.set('closed');
    const r = await calsync(['import'], cliEnv());
    expect(r.hung, r.out).toBe(false);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain(`calsync: ${notAnswering(door)}`);
    expect(r.out).not.toMatch(/unexpected error|\n\s+at /);
    expect(r.out).not.toContain(PASSWORD);
  });
});

describe.each<[string, DoorState, RegExp]>([
  ['nothing listening', 'closed', /ECONNREFUSED/],
  ['a server that accepts and never answers', 'mute', /no answer within 3 s/],
])('the Slack app with Redis at an address with %s', (_what, state, detail) => {
  let door: RedisDoor;
  let sb: Sandbox;
  let health: string;
  const logged: string[] = [];
  beforeAll(async () => {
    door = await redisDoor(REDIS_URL);
    await door.set(state);
    const logger = createLogger('warn', [door.url(PASSWORD)], { write: (line: string) => void logged.push(line) });
    sb = await startSandbox({ env: { REDIS_URL: door.url(PASSWORD), CALCOM_RATE_LIMIT: '6000' }, logger });
    health = `http://127.0.0.1:${sb.server.port}/healthz`;
    await sb.ctx.db.prisma.service.create({ data: { id: 61, name: 'Herrenschnitt', durationMinutes: 30 } });
  });
  afterAll(async () => {
    await sb?.close();
    await door?.close();
  });

  const { lastSeq } = slackThreads(() => sb.slack, CH);

  /** `/calsync 61`: its parent in the channel and the first reply in the parent's thread. */
  async function sync61() {
    const before = lastSeq();
    const ack = await sb.send.command('61');
    expect(ack.status).toBe(200);
    const parent = await sb.slack.waitFor(
      () =>
        sb.slack
          .channelMessages(CH)
          .filter((m) => Number(m.ts.split('.')[1]) > before)
          .find((m) => m.text.includes('61')),
      15_000,
    );
    const reply = await sb.slack.waitFor(() => sb.slack.thread(CH, parent.ts)[0], 15_000);
    return { parent, reply };
  }

  it('a failed result with the message and a Retry in its thread; the next /calsync is not "already running"; /healthz 503', async () => {
    for (let round = 0; round < 2; round++) {
      const { parent, reply } = await sync61();
      expect(reply.text).toMatch(/failed/i);
      expect(textOf(reply)).toContain(notAnswering(door));
      expect(textOf(reply)).toContain('calsync_retry');
      expect(textOf(reply) + textOf(parent)).not.toMatch(/already running/);
      await sb.slack.waitFor(() => /failed/i.test(parent.text), 15_000);
    }
    const service = await sb.ctx.store.getService(61);
    expect(service).toMatchObject({ syncStatus: 'error', calcomEventTypeId: null });
    expect(service!.syncError).toContain(notAnswering(door));
    expect(service!.syncError).toMatch(detail);
    expect(await sb.ctx.db.prisma.syncLock.count()).toBe(0);
    expect(sb.emulator.requests()).toHaveLength(0);
    expect(JSON.stringify(sb.slack.calls) + JSON.stringify(sb.slack.responses)).not.toContain(PASSWORD);
    // The operator is told why, once per connection given up, at warn.
    expect(logged.some((l) => l.includes('"level":"warn"') && l.includes(notAnswering(door)))).toBe(true);
    expect(logged.join('')).not.toContain(PASSWORD);

    const res = await fetch(health);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', database: 'up', redis: 'down' });
  });

  it.skipIf(!REDIS_URL)(`when ${NEEDS_REDIS} is back, /healthz says up and syncs work again without a restart`, async () => {
    await door.set('open');
    // Right after a failed connection the limiter fails at once for a few seconds; /healthz tells when it is over.
    // Nothing announces the end of that window in the running app (its clock is the real one), so /healthz is
    // polled: a poll of the app from outside, the 15 s deadline only turning a hang into a failure.
    let res = await fetch(health);
    for (const stop = Date.now() + 15_000; res.status !== 200 && Date.now() < stop; res = await fetch(health)) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'up', redis: 'up' });
    const { reply } = await sync61();
    expect(reply.text).toMatch(/created/);
    expect((await sb.ctx.store.getService(61))!.syncStatus).toBe('synced');
  });
});

describe.skipIf(!REDIS_URL)(`the Slack app with ${NEEDS_REDIS} answering`, () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ env: { REDIS_URL: REDIS_URL!, CALCOM_RATE_LIMIT: '6000' } });
    await sb.ctx.db.prisma.service.create({ data: { id: 62, name: 'Balayage', durationMinutes: 90 } });
  });
  afterAll(() => sb?.close());

  it('syncs through the shared limiter; /healthz 200 with redis up', async () => {
    await sb.send.command('62');
    const parent = await sb.slack.waitFor(() => sb.slack.channelMessages(CH).find((m) => m.text.includes('62')), 15_000);
    const reply = await sb.slack.waitFor(() => sb.slack.thread(CH, parent.ts)[0], 15_000);
    expect(reply.text).toMatch(/created/);
    expect(sb.emulator.eventTypes(SANDBOX_CALCOM_KEY).filter((e) => e.slug === 'balayage-62')).toHaveLength(1);
    const res = await fetch(`http://127.0.0.1:${sb.server.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'up', redis: 'up' });
  });
});
