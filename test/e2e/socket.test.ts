// End to end over Socket Mode: the real app connects through apps.connections.open (on the Slack fake, via
// SLACK_API_URL) to the Socket Mode fake, gets commands and clicks as envelopes and acks them; Slack's
// `disconnect` and a lost connection are survived, and /healthz says when the socket is down. Then
// `calsync serve` as a real process: a refused app token or an unreachable Slack ends start-up with exit 1.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackThreads, textOf } from '../support/slack-threads.js';
import { startSandbox, SANDBOX_CALCOM_KEY, type Sandbox } from '../../src/sandbox/sandbox.js';
import { startSlackFake, type SlackFake } from '../../src/sandbox/slack-fake.js';
import { startSocketFake } from '../../src/sandbox/socket-fake.js';
import { freePort, runAppProcess } from '../support/app-process.js';
import { putService, type ServiceRow } from '../support/services.js';

let sb: Sandbox;
const CH = 'C0SOCK';
const logs: Array<{ level: string; msg: string; reason?: string }> = [];

beforeAll(async () => {
  const logger = pino(
    { level: 'info', formatters: { level: (label) => ({ level: label }) } },
    { write: (line: string) => void logs.push(JSON.parse(line)) },
  );
  sb = await startSandbox({
    socket: true,
    logger,
    env: { CALCOM_RATE_LIMIT: '6000' },
    slackDeps: { progressEveryMs: 0, reconnectDelayMs: () => 50 },
  });
});
afterAll(() => sb?.close());
const { lastSeq, parentFor } = slackThreads(() => sb.slack, CH);

const socket = () => sb.socket!;
const health = async () => {
  const res = await fetch(`http://127.0.0.1:${sb.server.port}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, string> };
};

const addService = (id: number, name: string, extra: ServiceRow = {}) => putService(sb.ctx.db.prisma, id, name, extra);

/** `/calsync <id>` over the socket, acked, with its result reply in the thread. */
async function syncOverSocket(id: number) {
  const before = lastSeq();
  const res = await sb.send.command(String(id), { channel: CH });
  expect(res.status).toBe(200);
  const parent = await parentFor(id, before);
  const reply = await sb.slack.waitFor(() => sb.slack.thread(CH, parent.ts)[0]);
  return { res, parent, reply };
}

describe('Socket Mode against the fake', () => {
  it('connects through SLACK_API_URL: apps.connections.open reached the Slack fake, /healthz reports Slack up', async () => {
    expect(sb.server.mode).toBe('socket');
    expect(sb.slack.calls.filter((c) => c.method === 'apps.connections.open').length).toBeGreaterThanOrEqual(1);
    expect(socket().connections()).toBe(1);
    expect(await health()).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok', database: 'up', slack: 'up' }) });
  });

  it('a command is acked over the socket and answered in its thread', async () => {
    sb.emulator.seed(SANDBOX_CALCOM_KEY, { id: 4100001, title: 'Ansatz', slug: 'ansatz-langenausgleich-85', lengthInMinutes: 30 });
    await addService(85, 'Ansatz + Längenausgleich', { calcomEventTypeId: 4100001 });
    const { res, parent, reply } = await syncOverSocket(85);
    expect(res.body).toBe(''); // an empty ack, as over HTTP
    expect(reply.text).toMatch(/updated/);
    expect(textOf(reply)).toContain('4100001');
    await sb.slack.waitFor(() => /updated/.test(parent.text));
    expect(sb.emulator.eventTypes(SANDBOX_CALCOM_KEY).find((e) => e.id === 4100001)?.lengthInMinutes).toBe(45);
  });

  it('an answer that travels in the ack (help) comes back as the ack payload', async () => {
    const res = await sb.send.command('help', { channel: CH });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ response_type: 'ephemeral', text: expect.any(String) });
  });

  it('a Retry click arrives as an interactive envelope: acked, the sync runs again, the result lands in the thread', async () => {
    await addService(86, 'Herrenschnitt');
    sb.emulator.inject({ kind: 'status', status: 400, method: 'POST', message: 'lengthInMinutes must be a positive integer' });
    const { parent, reply: failure } = await syncOverSocket(86);
    expect(failure.text).toMatch(/failed/i);
    const button = failure.blocks
      .flatMap((b: any) => [b.accessory, ...(b.elements ?? [])])
      .find((e: any) => e?.action_id?.startsWith('calsync_retry'));
    expect(button).toBeDefined();
    const res = await sb.send.click({
      actionId: button.action_id,
      value: button.value,
      channel: CH,
      messageTs: failure.ts,
      threadTs: parent.ts,
      message: { text: failure.text, blocks: failure.blocks },
    });
    expect(res.status).toBe(200);
    const success = await sb.slack.waitFor(() => sb.slack.thread(CH, parent.ts)[1]);
    const service = await sb.ctx.store.getService(86);
    expect(success.text).toMatch(/created/);
    expect(textOf(success)).toContain(String(service!.calcomEventTypeId));
  });

  it("Slack's disconnect (refresh_requested) → the app reconnects, logs why, and the next command works", async () => {
    const hellos = socket().hellos();
    const opens = sb.slack.calls.filter((c) => c.method === 'apps.connections.open').length;
    socket().disconnect('refresh_requested');
    await socket().waitForConnection(hellos + 1);
    expect(sb.slack.calls.filter((c) => c.method === 'apps.connections.open').length).toBe(opens + 1);
    await sb.slack.waitFor(() => logs.find((l) => l.msg.startsWith('reconnected to Slack')));
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'info',
        reason: 'refresh_requested',
        msg: expect.stringMatching(/Slack asked for a new Socket Mode connection/),
      }),
    );
    expect(logs.filter((l) => l.level === 'warn' && /lost the Socket Mode connection/.test(l.msg))).toEqual([]);
    await addService(87, 'Balayage');
    const { reply } = await syncOverSocket(87);
    expect(reply.text).toMatch(/created/);
  });

  it('/healthz answers 503 while the socket is down and 200 once it is back; the loss is logged as a warning', async () => {
    const hellos = socket().hellos();
    socket().refuseConnections = true; // Slack's socket endpoint is down: every reconnect attempt fails
    socket().drop();
    const down = await until(async () => {
      const h = await health();
      return h.status === 503 ? h : undefined;
    });
    expect(down.body).toMatchObject({ status: 'unavailable', slack: 'down', database: 'up' });
    await sb.slack.waitFor(() => logs.find((l) => l.level === 'warn' && /lost the Socket Mode connection/.test(l.msg)));
    await sb.slack.waitFor(() => logs.find((l) => l.level === 'warn' && /could not reconnect/.test(l.msg)));
    expect((await health()).status).toBe(503); // still down after failed attempts, not a flicker

    socket().refuseConnections = false;
    await socket().waitForConnection(hellos + 1);
    const up = await until(async () => {
      const h = await health();
      return h.status === 200 ? h : undefined;
    });
    expect(up.body).toMatchObject({ status: 'ok', slack: 'up' });
    await addService(88, 'Dauerwelle');
    const { reply } = await syncOverSocket(88);
    expect(reply.text).toMatch(/created/);
  });
});

/** Polls an async check until it returns something (15 s at most). */
async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('until: timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('calsync serve in Socket Mode, as a real process: start-up that cannot connect exits 1 within ~30 s', () => {
  const BOT_TOKEN = 'xoxb-process-bot-token-5f2c';
  let slack: SlackFake;
  beforeAll(async () => {
    slack = await startSlackFake();
    await startSocketFake(slack, { appToken: 'xapp-1-A0CALSYNC-the-right-one' });
  });
  afterAll(() => slack?.close());

  const env = async (extra: Record<string, string>) => ({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: slack.apiUrl,
    PORT: String(await freePort()),
    CALSYNC_DATA_DIR: 'memory://',
    CALCOM_API_KEY: 'cal_test_socket_process',
    CALCOM_API_URL: 'http://127.0.0.1:9/v2',
    LOG_LEVEL: 'info',
    ...extra,
  });

  it("a refused app token → exit 1 naming SLACK_APP_TOKEN and Slack's error, the token never printed", async () => {
    const badToken = 'xapp-1-A0CALSYNC-not-the-right-one-93c1';
    const run = await runAppProcess(await env({ SLACK_APP_TOKEN: badToken }));
    expect(run.code, run.output).toBe(1);
    expect(run.ms).toBeLessThan(30_000);
    expect(run.output).toMatch(/calsync: SLACK_APP_TOKEN was refused by Slack \(invalid_auth\)/);
    expect(run.output).not.toContain(badToken);
    expect(run.output).not.toContain(BOT_TOKEN);
  }, 60_000);

  it("an app token without the right type → exit 1 with Slack's not_allowed_token_type and what to do", async () => {
    slack.refuse({ method: 'apps.connections.open', error: 'not_allowed_token_type', times: 1 });
    const run = await runAppProcess(await env({ SLACK_APP_TOKEN: 'xapp-1-A0CALSYNC-the-right-one' }));
    expect(run.code, run.output).toBe(1);
    expect(run.output).toMatch(/SLACK_APP_TOKEN was refused by Slack \(not_allowed_token_type\): it must be an app-level token/);
  }, 60_000);

  it('an unreachable SLACK_API_URL → exit 1 saying Slack at that URL is unreachable, no token printed', async () => {
    const deadUrl = `http://127.0.0.1:${await freePort()}/api/`;
    const appToken = 'xapp-1-A0CALSYNC-the-right-one';
    const run = await runAppProcess(await env({ SLACK_APP_TOKEN: appToken, SLACK_API_URL: deadUrl }));
    expect(run.code, run.output).toBe(1);
    expect(run.ms).toBeLessThan(30_000);
    expect(run.output).toContain(`calsync: Slack at ${deadUrl} is unreachable (ECONNREFUSED)`);
    expect(run.output).not.toContain(appToken);
    expect(run.output).not.toContain(BOT_TOKEN);
  }, 60_000);
});
