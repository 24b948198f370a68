// Fuzzing the Slack endpoint of the real app (SPEC §4, §10 "Bad input"): unsigned, stale and tampered requests
// get 401 and change nothing; signed but malformed button payloads are acked or refused, never crash the app,
// never start a sync; any command text is answered within Slack's 3 seconds, never with a 5xx.
// One sandbox for the whole file: it takes a few seconds to start.
import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobsSettled } from '../support/jobs.js';
import { SANDBOX_CALCOM_KEY, SANDBOX_SIGNING_SECRET, startSandbox, type Sandbox } from '../../src/sandbox/sandbox.js';
import { signSlackRequest } from '../../src/sandbox/slack-fake.js';
import { CANCEL_ALL_ACTION_ID, CONFIRM_ALL_ACTION_ID, parseRetryValue, RETRY_ACTION_PATTERN } from '../../src/slack/messages/index.js';

let sb: Sandbox;
const CH = 'C0FUZZ';
const logLines: Array<{ level: string; msg: string; err?: unknown }> = [];
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  const logger = pino(
    { level: 'warn', formatters: { level: (label) => ({ level: label }) } },
    { write: (line: string) => void logLines.push(JSON.parse(line)) },
  );
  sb = await startSandbox({ env: { CALCOM_RATE_LIMIT: '6000' }, logger, slackDeps: { progressEveryMs: 0 } });
  const linked = sb.emulator.seed(SANDBOX_CALCOM_KEY, { title: 'Fuzz linked', slug: 'fuzz-linked-902', lengthInMinutes: 30 });
  await sb.ctx.db.prisma.service.createMany({
    data: [
      { id: 901, name: 'Fuzz unlinked', durationMinutes: 45 },
      {
        id: 902,
        name: 'Fuzz linked',
        durationMinutes: 30,
        calcomEventTypeId: linked.id,
        syncStatus: 'error',
        syncError: 'earlier failure',
      },
      { id: 903, name: 'Fuzz deleted', durationMinutes: 30 },
    ],
  });
  await sb.ctx.db.prisma.service.delete({ where: { id: 903 } }); // "the id of a deleted service"
}, 60_000);
afterAll(async () => {
  await settled();
  await sb?.close();
});

/** Everything "nothing changes" is judged by. A sync starts only from a job recorded before the ack: `jobs` shows any. */
async function snapshot() {
  const services = await sb.ctx.db.prisma.service.findMany({ orderBy: { id: 'asc' } });
  return {
    jobs: await sb.ctx.db.prisma.job.count(),
    syncRuns: await sb.ctx.db.prisma.syncRun.count(),
    locks: await sb.ctx.db.prisma.syncLock.count(),
    services: JSON.stringify(services),
    slackCalls: sb.slack.calls.length,
    calcomRequests: sb.emulator.stats().total,
    eventTypes: JSON.stringify(sb.emulator.eventTypes()),
  };
}

const settled = (maxMs?: number) => jobsSettled(sb.ctx.db.prisma, maxMs);

function commandBody(text: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    token: 'deprecated',
    team_id: 'T0DEMO',
    team_domain: 'demo',
    channel_id: CH,
    channel_name: 'fuzz',
    user_id: 'U0ALICE',
    user_name: 'alice',
    command: '/calsync',
    text,
    api_app_id: 'A0CALSYNC',
    response_url: sb.slack.responseUrl(),
    trigger_id: `fuzz.${Math.random()}`,
    ...extra,
  }).toString();
}

/** A block_actions payload as Slack sends it; `patch` removes (undefined) or replaces top-level fields. */
function clickPayload(action: Record<string, unknown>, patch: Record<string, unknown> = {}): Record<string, unknown> {
  const ts = `${now()}.000100`;
  const payload: Record<string, unknown> = {
    type: 'block_actions',
    team: { id: 'T0DEMO', domain: 'demo' },
    user: { id: 'U0ALICE', username: 'alice', team_id: 'T0DEMO' },
    api_app_id: 'A0CALSYNC',
    token: 'deprecated',
    container: { type: 'message', message_ts: ts, channel_id: CH, is_ephemeral: false },
    trigger_id: `fuzz.${Math.random()}`,
    channel: { id: CH, name: 'fuzz' },
    message: { type: 'message', ts, text: 'Sync failed', blocks: [] },
    response_url: sb.slack.responseUrl(),
    actions: [
      { type: 'button', block_id: 'b', action_ts: String(Date.now() / 1000), text: { type: 'plain_text', text: 'Retry' }, ...action },
    ],
  };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete payload[k];
    else payload[k] = v;
  }
  return payload;
}

const signed = (body: string) => sb.send.raw(body, signSlackRequest(SANDBOX_SIGNING_SECRET, body));
const clickBody = (payload: unknown) =>
  new URLSearchParams({ payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }).toString();

/** The app is still alive and answering: a valid `/calsync help` gets the usage card in its ack. */
async function stillAnswers(): Promise<void> {
  const res = await sb.send.command('help', { channel: CH });
  expect(res.status).toBe(200);
  expect(JSON.parse(res.body)).toMatchObject({ response_type: 'ephemeral', text: expect.any(String) });
}

const unhandledErrors = () => logLines.filter((l) => l.level === 'error' || /unhandled/i.test(l.msg));

describe('unsigned, stale and tampered requests → 401, nothing changes', () => {
  // Header values must be what fetch() can send: printable ASCII.
  const headerText = fc.string({ unit: 'grapheme-ascii', maxLength: 40 });

  async function refused(body: string, headers: Record<string, string>, status = 401): Promise<void> {
    const res = await sb.send.raw(body, headers);
    expect(res.status, JSON.stringify(headers)).toBe(status);
    expect(res.body).toBe('');
  }

  it('wrong secrets (fc) → 401', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 64 }).filter((s) => s !== SANDBOX_SIGNING_SECRET),
        fc.constantFrom('85', '901', 'all', 'failed', 'import', 'sync 901 902'),
        async (secret, text) => {
          const body = commandBody(text);
          await refused(body, signSlackRequest(secret, body));
        },
      ),
      { numRuns: 40 },
    );
    await settled();
    expect(await snapshot()).toEqual(before);
  });

  it('tampered bodies: signed for one body, sent with another (fc) → 401', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 20 }), fc.nat(), fc.string({ minLength: 1, maxLength: 5 }), async (text, at, insert) => {
        const body = commandBody('help');
        const headers = signSlackRequest(SANDBOX_SIGNING_SECRET, body);
        const i = at % (body.length + 1);
        const tampered = body.slice(0, i) + encodeURIComponent(insert) + body.slice(i);
        if (tampered === body) return;
        await refused(tampered, headers);
        await refused(commandBody(`901 ${text}`), headers); // a whole other command under the same signature
      }),
      { numRuns: 40 },
    );
    await settled();
    expect(await snapshot()).toEqual(before);
  });

  it('stale timestamps (more than 5 minutes old, fc) correctly signed → 401', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 301 + 5, max: 10 * 365 * 86_400 }), async (age) => {
        const body = commandBody('901');
        await refused(body, signSlackRequest(SANDBOX_SIGNING_SECRET, body, now() - age));
      }),
      { numRuns: 30 },
    );
    const body = commandBody('901');
    await refused(body, signSlackRequest(SANDBOX_SIGNING_SECRET, body, now() - 360)); // −6 min
    await refused(body, signSlackRequest(SANDBOX_SIGNING_SECRET, body, 0));
    await settled();
    expect(await snapshot()).toEqual(before);
  });

  it('missing signature headers → 401', async () => {
    const before = await snapshot();
    const body = commandBody('901');
    const full = signSlackRequest(SANDBOX_SIGNING_SECRET, body);
    const { 'x-slack-signature': _sig, ...noSignature } = full;
    const { 'x-slack-request-timestamp': _ts, ...noTimestamp } = full;
    await refused(body, noSignature);
    await refused(body, noTimestamp);
    await refused(body, { 'content-type': 'application/x-www-form-urlencoded' });
    await refused(body, {});
    await refused(body, { ...full, 'x-slack-signature': '' });
    await refused(body, { ...full, 'x-slack-signature': full['x-slack-signature']!.replace('v0=', 'v1=') });
    await refused(body, { ...full, 'x-slack-signature': 'v0=' });
    await refused(body, { ...full, 'x-slack-signature': full['x-slack-signature']!.toUpperCase() });
    await refused('', full);
    await settled();
    expect(await snapshot()).toEqual(before);
  });

  it('non-numeric timestamps and garbage signatures (fc) → 401', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        headerText.filter((s) => Number.isNaN(Number(s.trim()))),
        headerText,
        async (ts, sig) => {
          const body = commandBody('901');
          // Signed with the right secret over the garbage timestamp itself: still refused.
          await refused(body, signSlackRequest(SANDBOX_SIGNING_SECRET, body, ts as unknown as number));
          await refused(body, { ...signSlackRequest(SANDBOX_SIGNING_SECRET, body), 'x-slack-signature': sig });
        },
      ),
      { numRuns: 40 },
    );
    await settled();
    expect(await snapshot()).toEqual(before);
  });

  it('a wrong content type: 401 when unsigned, 400 (Bolt cannot parse the body) when correctly signed', async () => {
    const before = await snapshot();
    for (const type of [
      'text/plain',
      'application/json',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded; charset=utf-8',
      'application/xml',
    ]) {
      const body = commandBody('901');
      await refused(body, { ...signSlackRequest('wrong-secret', body), 'content-type': type }, 401);
      // Bolt's HTTPReceiver verifies the signature over the raw bytes, then JSON.parses anything that is not
      // exactly application/x-www-form-urlencoded: a form body then fails to parse → 400, no listener runs.
      await refused(body, { ...signSlackRequest(SANDBOX_SIGNING_SECRET, body), 'content-type': type }, 400);
    }
    const body = commandBody('901');
    const { 'content-type': _ct, ...noType } = signSlackRequest(SANDBOX_SIGNING_SECRET, body);
    await refused(body, noType, 400);
    await settled();
    expect(await snapshot()).toEqual(before);
  });

  it('an unsigned ssl_check with a command smuggled in → 200 for the check, and the command is not run', async () => {
    const before = await snapshot();
    const body = `ssl_check=1&${commandBody('901')}`;
    const res = await sb.send.raw(body, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    await settled();
    expect(await snapshot()).toEqual(before);
  });

  // Bolt's verifySlackRequest only rejects timestamps older than 5 minutes; src/slack/request-time.ts refuses
  // those more than 5 minutes ahead in front of it (Slack's rule is |now − timestamp| ≤ 5 min), because a
  // future-dated request never goes stale and could be replayed until its date.
  it('correctly signed requests stamped more than 5 minutes in the future (fc, and "Infinity") → 401, nothing changes', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 301 + 5, max: 10 * 365 * 86_400 }), async (ahead) => {
        const body = commandBody('901');
        await refused(body, signSlackRequest(SANDBOX_SIGNING_SECRET, body, now() + ahead));
      }),
      { numRuns: 30 },
    );
    const body = commandBody('901');
    await refused(body, signSlackRequest(SANDBOX_SIGNING_SECRET, body, now() + 360)); // +6 min
    await refused(body, signSlackRequest(SANDBOX_SIGNING_SECRET, body, 'Infinity' as unknown as number));
    await settled();
    expect(await snapshot()).toEqual(before);
    // Within the window either way, a request is still served.
    const help = commandBody('help');
    expect((await sb.send.raw(help, signSlackRequest(SANDBOX_SIGNING_SECRET, help, now() + 240))).status).toBe(200);
    expect((await sb.send.raw(help, signSlackRequest(SANDBOX_SIGNING_SECRET, help, now() - 240))).status).toBe(200);
  });
});

describe('signed but malformed button payloads: acked or refused, never a crash, never a sync', () => {
  const retry = (value: unknown, actionId = 'calsync_retry') =>
    clickPayload(value === undefined ? { action_id: actionId } : { action_id: actionId, value });

  async function harmless(payload: unknown, statuses: number[] = [200]): Promise<{ status: number; body: string }> {
    const res = await signed(clickBody(payload));
    expect(statuses, `status ${res.status} for ${JSON.stringify(payload).slice(0, 200)}`).toContain(res.status);
    return res;
  }

  it('Retry values that are not ours (fc strings, JSON garbage, oversized, numbers as strings, nested) → ephemeral explanation, no sync', async () => {
    const before = await snapshot();
    const answers = sb.slack.responses.length;
    const values = fc
      .oneof(
        fc.string({ maxLength: 50 }),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc.constantFrom(
          '{"s":"901"}',
          '{"s":901.5}',
          '{"s":0}',
          '{"s":-901}',
          '{"s":2147483648}',
          '{"s":{"s":901}}',
          '[{"s":901}]',
          '{"__proto__":{"s":901}}',
          '{"constructor":{"prototype":{"s":901}}}',
          '',
          'null',
          '{',
          `{"s":901,"pad":"${'x'.repeat(3000)}"}`,
          'x'.repeat(3000),
        ),
      )
      .filter((v) => parseRetryValue(v) === null); // a value that carries an id is not malformed
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(values, async (value) => {
        runs++;
        await harmless(retry(value));
      }),
      { numRuns: 40 },
    );
    await harmless(retry(undefined)); // no value at all
    await sb.slack.waitFor(() => sb.slack.responses.length >= answers + runs + 1);
    const said = sb.slack.responses.slice(answers).map((r) => r.body);
    expect(said.every((b) => b.response_type === 'ephemeral' && /does not carry a service id/.test(b.text))).toBe(true);
    await settled();
    expect(await snapshot()).toEqual(before);
    await stillAnswers();
  });

  it('the id of a deleted service → "unknown service" in the thread, no sync, data unchanged', async () => {
    const before = await snapshot();
    const res = await harmless(retry('{"s":903}'));
    expect(res.status).toBe(200);
    await sb.slack.waitFor(() =>
      sb.slack.calls.slice(before.slackCalls).find((c) => c.method === 'chat.postMessage' && /903/.test(c.body.text)),
    );
    await settled();
    const after = await snapshot();
    expect(after.syncRuns).toBe(before.syncRuns);
    expect(after.services).toBe(before.services);
    expect(after.calcomRequests).toBe(before.calcomRequests);
    expect(after.eventTypes).toBe(before.eventTypes);
    await stillAnswers();
  });

  it('unknown action_ids (fc) → no listener, Bolt answers 404 after its 3 s wait; nothing changes', async () => {
    const before = await snapshot();
    const ids = fc
      .sample(
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 30 }),
          fc.constantFrom(
            'calsync_retry:',
            'calsync_retry:../../x',
            `calsync_retry:${'a'.repeat(65)}`,
            'CALSYNC_RETRY',
            'calsync_retryx',
            'calsync_all',
            'calsync_all_confirm ',
            ' calsync_retry',
          ),
        ),
        { numRuns: 8, seed: 42 },
      )
      .filter((id) => !RETRY_ACTION_PATTERN.test(id) && id !== CONFIRM_ALL_ACTION_ID && id !== CANCEL_ALL_ACTION_ID);
    await Promise.all(ids.map((id) => harmless(retry('{"s":901}', id), [200, 404])));
    await settled();
    expect(await snapshot()).toEqual(before);
    await stillAnswers();
  });

  it('JSON garbage or nothing in `payload` (fc) → 400 from Bolt, nothing changes', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 80 }).filter((s) => {
          try {
            JSON.parse(s);
            return false;
          } catch {
            return true;
          }
        }),
        async (garbage) => {
          const res = await signed(clickBody(garbage));
          expect(res.status).toBe(400);
        },
      ),
      { numRuns: 30 },
    );
    await settled();
    expect(await snapshot()).toEqual(before);
    await stillAnswers();
  });

  it('JSON payloads with no type Slack uses (fc) → Bolt finds no listener and answers 404 after 3 s; nothing changes', async () => {
    const before = await snapshot();
    const typeless = fc
      .jsonValue()
      .filter(
        (v) =>
          typeof v === 'object' &&
          v !== null &&
          !Array.isArray(v) &&
          !('type' in v) &&
          !('command' in v) &&
          !('event' in v) &&
          !('name' in v),
      );
    const payloads = [
      ...fc.sample(typeless, { numRuns: 6, seed: 7 }),
      {},
      { type: 'block_actions' },
      { ...clickPayload({ action_id: 'calsync_retry', value: '{"s":901}' }), actions: [] },
    ];
    const statuses = await Promise.all(payloads.map(async (p) => (await signed(clickBody(p))).status));
    expect(statuses).toEqual(payloads.map(() => 404));
    await settled();
    expect(await snapshot()).toEqual(before);
    await stillAnswers();
  });

  // Not the app's code: for payloads whose `type` is known but whose required fields are missing (no `user` in a
  // block_actions, a view_submission without `view`, …) Bolt's own App.processEvent throws while building the
  // event source, before any listener runs, and its default processEventErrorHandler answers 500. Slack never
  // sends these (they are signed), so this only pins the behaviour: the app keeps serving and nothing changes.
  it('payloads Bolt itself cannot route → Bolt answers 500, the app keeps serving, nothing changes', async () => {
    const before = await snapshot();
    const noUser = clickPayload({ action_id: 'calsync_retry', value: '{"s":901}' }, { user: undefined });
    const payloads = [noUser, { type: 'view_submission' }, { type: 'message_action' }, { type: 'unknown_type', actions: [] }];
    const statuses = await Promise.all(payloads.map(async (p) => (await signed(clickBody(p))).status));
    expect(statuses).toEqual([500, 500, 500, 500]);
    await settled();
    expect(await snapshot()).toEqual(before);
    await stillAnswers();
  });

  it('a Retry click without channel and container, or without message_ts → ephemeral explanation, no sync', async () => {
    const before = await snapshot();
    const answers = sb.slack.responses.length;
    const errorsBefore = unhandledErrors().length;
    await harmless(
      clickPayload({ action_id: 'calsync_retry', value: '{"s":901}' }, { container: { type: 'message' }, channel: undefined }),
    );
    await harmless(
      clickPayload(
        { action_id: 'calsync_retry', value: '{"s":901}' },
        { container: { type: 'message', channel_id: CH }, message: undefined },
      ),
    );
    await sb.slack.waitFor(() => sb.slack.responses.length >= answers + 2);
    expect(sb.slack.responses.slice(answers).every((r) => r.body.response_type === 'ephemeral')).toBe(true);
    await settled();
    expect(await snapshot()).toEqual(before);
    expect(unhandledErrors().slice(errorsBefore)).toEqual([]);
    await stillAnswers();
  });

  // A forged or truncated click may carry no container: it still gets an ack and a clear answer (SPEC §10), not a
  // TypeError that leaves Bolt to answer 404 after 3 s.
  it('a Retry click with no container at all → 200, ephemeral explanation, no unhandled error', async () => {
    const answers = sb.slack.responses.length;
    const errorsBefore = unhandledErrors().length;
    const res = await signed(
      clickBody(clickPayload({ action_id: 'calsync_retry', value: '{"s":901}' }, { container: undefined, channel: undefined })),
    );
    expect(res.status).toBe(200);
    await sb.slack.waitFor(() => sb.slack.responses.length > answers); // the explanation: the click's last step
    expect(unhandledErrors().slice(errorsBefore)).toEqual([]);
    expect(sb.slack.responses.length).toBe(answers + 1);
  });

  it('a Retry click with no container at all: still no sync, data unchanged, app still answers', async () => {
    const before = await snapshot();
    await harmless(
      clickPayload({ action_id: 'calsync_retry', value: '{"s":901}' }, { container: undefined, channel: undefined }),
      [200, 404],
    );
    await settled();
    const after = await snapshot();
    expect(after.syncRuns).toBe(before.syncRuns);
    expect(after.services).toBe(before.services);
    expect(after.calcomRequests).toBe(before.calcomRequests);
    await stillAnswers();
  });

  it('other malformed shapes: a select instead of a button, 3,000-character action_ts and channel, a broken response_url → acked, no sync', async () => {
    const before = await snapshot();
    const statuses = await Promise.all([
      signed(clickBody(clickPayload({ action_id: 'calsync_retry', type: 'static_select', selected_option: { value: '{"s":901}' } }))),
      signed(
        clickBody(
          clickPayload(
            { action_id: 'calsync_retry', value: '{"s":903}', action_ts: 'x'.repeat(3000) },
            { channel: { id: 'C'.repeat(3000) } },
          ),
        ),
      ),
      signed(clickBody(clickPayload({ action_id: 'calsync_retry', value: 'x'.repeat(3000) }, { response_url: 'not a url' }))),
    ]).then((rs) => rs.map((r) => r.status));
    expect(statuses).toEqual([200, 200, 200]);
    await settled();
    const after = await snapshot();
    expect(after.syncRuns).toBe(before.syncRuns);
    expect(after.services).toBe(before.services);
    expect(after.calcomRequests).toBe(before.calcomRequests);
    await stillAnswers();
  });
});

describe('command texts from fast-check → an answer within 3 s, never a 5xx', () => {
  it('50 generated commands over HTTP', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc
        .array(
          fc.oneof(
            fc.constantFrom('sync', 'status', 'diff', 'help', '#', '-1', '2147483648', '1.5', '\u0000', '\u202e', '١٢', 'ß'),
            fc.integer({ min: 1000, max: 2_000_000 }).map(String),
          ),
          { maxLength: 6 },
        )
        .map((w) => w.join(' ')),
      fc.constant('9'.repeat(600)),
    );
    const seen: Array<{ text: string; status: number; ms: number }> = [];
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        const res = await sb.send.command(t, { channel: CH });
        seen.push({ text: t, status: res.status, ms: Math.round(res.ms) });
        expect(res.status, `"${t}"`).toBeLessThan(500);
        expect(res.status, `"${t}"`).toBe(200);
        expect(res.ms, `"${t}"`).toBeLessThan(3000);
        if (res.body) expect(JSON.parse(res.body)).toMatchObject({ response_type: 'ephemeral', text: expect.any(String) });
      }),
      { numRuns: 50 },
    );
    const byStatus: Record<string, number> = {};
    for (const s of seen) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
    console.log(
      `commands: ${seen.length} sent, slowest ack ${Math.max(...seen.map((s) => s.ms))} ms, statuses ${JSON.stringify(byStatus)}`,
    );
    await settled();
    await stillAnswers();
  });
});

describe('response_url only to Slack (SLACK_RESPONSE_URL_ORIGINS)', () => {
  // A signed request may carry any response_url; the app must never POST a result to another host.
  let foreign: import('node:http').Server;
  let foreignUrl = '';
  const hits: string[] = [];
  beforeAll(async () => {
    const { createServer } = await import('node:http');
    foreign = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('ok');
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    foreignUrl = `http://127.0.0.1:${(foreign.address() as import('node:net').AddressInfo).port}`;
    // The flood above may still be draining on a busy machine: start these tests once every earlier job is
    // done, so their syncs don't queue behind it.
    await settled(120_000);
    await sb.ctx.db.prisma.service.createMany({
      data: [
        { id: 911, name: 'Fuzz response_url', durationMinutes: 45 },
        { id: 912, name: 'Fuzz locked', durationMinutes: 45 },
      ],
    });
  }, 150_000);
  afterAll(() => new Promise<void>((resolve) => foreign.close(() => resolve())));

  it('/calsync 911 with a foreign response_url → synced, the result in the channel, nothing POSTed there, a warning logged', async () => {
    await signed(commandBody('911', { response_url: `${foreignUrl}/steal-911` }));
    // Its own parent: the generated commands above may have posted parents whose ids merely contain 911.
    const parent = await sb.slack.waitFor(() => sb.slack.channelMessages(CH).find((m) => m.text.startsWith('Service 911 ')));
    await sb.slack.waitFor(() => sb.slack.thread(CH, parent.ts).find((m) => /created/.test(m.text)));
    expect((await sb.ctx.store.getService(911))!.syncStatus).toBe('synced');
    expect(logLines.some((l) => l.level === 'warn' && /SLACK_RESPONSE_URL_ORIGINS/.test(l.msg))).toBe(true);
    await settled();
    expect(hits).toEqual([]);
  });

  it('ephemeral answers (status card, a refused click, a not_in_channel result) go through the Web API instead', async () => {
    const ephemerals = () => sb.slack.calls.filter((c) => c.method === 'chat.postEphemeral').length;
    const before = ephemerals();
    await signed(commandBody('status 902', { response_url: `${foreignUrl}/steal-status` }));
    await sb.slack.waitFor(() => ephemerals() > before);
    await signed(clickBody(clickPayload({ action_id: 'calsync_retry', value: 'not ours' }, { response_url: `${foreignUrl}/steal-click` })));
    await sb.slack.waitFor(() => ephemerals() > before + 1);
    sb.slack.lockedChannels.add('C0LOCKED');
    await signed(commandBody('912', { channel_id: 'C0LOCKED', response_url: `${foreignUrl}/steal-locked` }));
    await settled();
    expect((await sb.ctx.store.getService(912))!.syncStatus).toBe('synced');
    await settled();
    expect(hits).toEqual([]);
  });
});
