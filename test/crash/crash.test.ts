// kill -9 in the middle of a 200-service bulk run, start again → the run completes, the thread gets its
// summary, and no service has two event types (SPEC §10 "No loss, no duplicates").
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { main } from '../../src/cli/program.js';
import { startEmulator } from '../../src/sandbox/emulator.js';
import { slackSender, startSlackFake } from '../../src/sandbox/slack-fake.js';
import { freePort, startAppProcess, type AppProcess } from '../support/app-process.js';

const N = 200;
const dir = mkdtempSync(join(tmpdir(), 'calsync-crash-'));
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

it('a bulk run survives kill -9 and finishes in the same thread without duplicates', { timeout: 180_000 }, async () => {
  const emulator = await startEmulator({ rateLimitPerMinute: false, latencyMs: 5 });
  cleanup.push(() => emulator.close());
  const slack = await startSlackFake();
  cleanup.push(() => slack.close());
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-crash',
    SLACK_SIGNING_SECRET: 'crash-secret',
    SLACK_API_URL: slack.apiUrl,
    PORT: String(await freePort()),
    CALCOM_API_KEY: 'cal_test_crash',
    CALCOM_API_URL: emulator.url,
    CALCOM_RATE_LIMIT: '1200',
    CALSYNC_DATA_DIR: join(dir, 'data'),
    LOG_LEVEL: 'warn',
  };
  const rows = Array.from({ length: N }, (_, i) => `${1000 + i},Crash service ${i},30,error`).join('\n');
  writeFileSync(join(dir, 'catalogue.csv'), `id,name,duration_minutes,sync_status\n${rows}\n`);
  expect(await main(['services', 'import', join(dir, 'catalogue.csv')], env, { stdout: () => {}, stderr: () => {}, isTTY: false })).toBe(0);

  let app: AppProcess = await startAppProcess(env);
  cleanup.push(() => app.kill());
  const send = slackSender(`${app.url}/slack/events`, env.SLACK_SIGNING_SECRET, slack);
  expect((await send.command('failed', { channel: 'C0OPS' })).status).toBe(200);

  // Let it get well into the run, then pull the plug.
  await slack.waitFor(() => emulator.eventTypes().length >= 60, 60_000);
  await app.kill('SIGKILL');
  const doneBeforeCrash = emulator.eventTypes().length;
  expect(doneBeforeCrash).toBeLessThan(N);

  app = await startAppProcess(env);
  const parent = slack.channelMessages('C0OPS')[0]!;
  const summary = await slack.waitFor(() => slack.thread('C0OPS', parent.ts)[0], 120_000);

  const slugs = emulator.eventTypes().map((e) => e.slug);
  const duplicates = slugs.length - new Set(slugs).size;
  console.log(
    `crash: ${N} services, killed after ${doneBeforeCrash} event types, ${slugs.length} event types at the end, ${duplicates} duplicates`,
  );
  expect(slack.channelMessages('C0OPS')).toHaveLength(1); // one parent: the resumed run reported into it
  expect(duplicates).toBe(0);
  expect(slugs).toHaveLength(N);
  expect(summary.text).toMatch(new RegExp(`${N}`));
  const list = JSON.parse(
    await new Promise<string>((resolve) => {
      let out = '';
      void app
        .kill('SIGTERM')
        .then(() => main(['services', 'list', '--json'], env, { stdout: (s) => (out += s), stderr: () => {}, isTTY: false }))
        .then(() => resolve(out));
    }),
  );
  expect(list.filter((s: { sync_status: string }) => s.sync_status === 'synced')).toHaveLength(N);
});
