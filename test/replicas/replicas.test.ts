// Two app processes on one PostgreSQL and one Redis, each asked to sync the same 50 services: every
// service is synced by one of them at a time, and together they stay under Cal.com's limit (SPEC §3.10–3.11).
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startEmulator } from '../../src/sandbox/emulator.js';
import { slackSender, startSlackFake } from '../../src/sandbox/slack-fake.js';
import { freePort, startAppProcess } from '../support/app-process.js';
import { freshPostgres, NEEDS_POSTGRES, NEEDS_REDIS, POSTGRES_URL, REDIS_URL } from '../support/servers.js';

const N = 50;
// Cal.com counts per key in a 60-second window; a 30-second window with the limit scaled down keeps the
// test under a minute while two unshared limiters (twice the rate) would still overrun it clearly.
const WINDOW_MS = 30_000;
const PER_WINDOW = 40; // = 80 a minute
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => {});
});

describe.skipIf(!POSTGRES_URL || !REDIS_URL)(`two replicas on ${NEEDS_POSTGRES} and ${NEEDS_REDIS}`, () => {
  it('sync the same 50 services: one at a time per service, together under the limit, no duplicates', { timeout: 180_000 }, async () => {
    const server = await freshPostgres();
    cleanup.push(() => server.drop());
    const emulator = await startEmulator({ rateLimitPerMinute: PER_WINDOW, windowMs: WINDOW_MS, blockMs: WINDOW_MS });
    cleanup.push(() => emulator.close());
    const slack = await startSlackFake();
    cleanup.push(() => slack.close());
    const base = {
      SLACK_BOT_TOKEN: 'xoxb-replicas',
      SLACK_SIGNING_SECRET: 'replica-secret',
      SLACK_API_URL: slack.apiUrl,
      CALCOM_API_KEY: 'cal_test_replicas',
      CALCOM_API_URL: emulator.url,
      CALCOM_RATE_LIMIT: String((PER_WINDOW * 60_000) / WINDOW_MS),
      DATABASE_URL: server.url,
      REDIS_URL: REDIS_URL!,
      LOG_LEVEL: 'warn',
    };
    const a = await startAppProcess({ ...base, PORT: String(await freePort()) });
    cleanup.push(() => a.kill('SIGTERM'));
    const b = await startAppProcess({ ...base, PORT: String(await freePort()) });
    cleanup.push(() => b.kill('SIGTERM'));

    const db = new pg.Client({ connectionString: server.url });
    await db.connect();
    cleanup.push(() => db.end());
    await db.query(
      `INSERT INTO services (id, name, duration_minutes, sync_status) SELECT g, 'Replica service ' || g, 30, 'error' FROM generate_series(1, ${N}) g`,
    );

    await Promise.all([
      slackSender(`${a.url}/slack/events`, base.SLACK_SIGNING_SECRET, slack).command('failed', { channel: 'C0A' }),
      slackSender(`${b.url}/slack/events`, base.SLACK_SIGNING_SECRET, slack).command('failed', { channel: 'C0B' }),
    ]);
    // Both bulk runs end with a summary in their thread.
    await slack.waitFor(() => ['C0A', 'C0B'].every((c) => slack.channelMessages(c).some((m) => slack.thread(c, m.ts).length > 0)), 150_000);

    const requests = emulator
      .requests()
      .filter((r) => r.status !== 0)
      .map((r) => r.at)
      .sort((x, y) => x - y);
    let maxInWindow = 0;
    for (let i = 0, j = 0; i < requests.length; i++) {
      while (requests[i]! - requests[j]! >= WINDOW_MS) j++;
      maxInWindow = Math.max(maxInWindow, i - j + 1);
    }
    const tooMany = emulator.stats().tooMany;
    const slugs = emulator.eventTypes().map((e) => e.slug);
    const { rows: runs } = await db.query<{ service_id: number; started_at: Date; finished_at: Date; outcome: string }>(
      `SELECT service_id, started_at, finished_at, outcome FROM sync_runs WHERE finished_at IS NOT NULL ORDER BY service_id, started_at`,
    );
    let overlaps = 0;
    for (let i = 1; i < runs.length; i++) {
      if (runs[i]!.service_id === runs[i - 1]!.service_id && runs[i]!.started_at < runs[i - 1]!.finished_at) overlaps++;
    }
    const { rows: states } = await db.query<{ sync_status: string; n: number }>(
      `SELECT sync_status, count(*)::int n FROM services GROUP BY 1`,
    );
    console.log(
      `replicas: ${N} services, ${requests.length} Cal.com requests, at most ${maxInWindow} in any ${WINDOW_MS / 1000} s (limit ${PER_WINDOW}), ${tooMany} × 429, ${runs.length} runs, ${overlaps} overlapping, ${slugs.length - new Set(slugs).size} duplicates`,
    );
    expect(tooMany).toBe(0);
    expect(maxInWindow).toBeLessThanOrEqual(PER_WINDOW);
    expect(overlaps).toBe(0);
    expect(slugs).toHaveLength(N);
    expect(new Set(slugs).size).toBe(N);
    expect(states).toEqual([{ sync_status: 'synced', n: N }]);
  });
});
