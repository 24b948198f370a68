// End to end: the real app on loopback, requests signed like Slack's, the Web API captured by the Slack
// fake, Cal.com served by the emulator.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { slackThreads, textOf } from '../support/slack-threads.js';
import { startSandbox, SANDBOX_CALCOM_KEY, SANDBOX_SIGNING_SECRET, type Sandbox } from '../../src/sandbox/sandbox.js';
import { signSlackRequest } from '../../src/sandbox/slack-fake.js';
import { jobsSettled } from '../support/jobs.js';
import { putService, type ServiceRow } from '../support/services.js';

let sb: Sandbox;
const CH = 'C0OPS';

beforeAll(async () => {
  sb = await startSandbox({
    env: { CALSYNC_ALLOWED_USERS: 'U0ALICE,U0BOB', CALCOM_RATE_LIMIT: '6000' },
    slackDeps: { progressEveryMs: 0 },
  });
});
afterAll(() => sb?.close());
const { lastSeq, parentFor } = slackThreads(() => sb.slack, CH);
beforeEach(() => {
  sb.emulator.clearFaults();
});

const addService = (id: number, name: string, extra: ServiceRow = {}) => putService(sb.ctx.db.prisma, id, name, extra);

function replies(parentTs: string) {
  return sb.slack.thread(CH, parentTs);
}

describe('/calsync <id>', () => {
  it('linked → ack < 3 s, parent in the channel, thread reply "updated" with 3757698', async () => {
    sb.emulator.seed(SANDBOX_CALCOM_KEY, { id: 3757698, title: 'Ansatz', slug: 'ansatz-langenausgleich-85', lengthInMinutes: 30 });
    await addService(85, 'Ansatz + Längenausgleich', { calcomEventTypeId: 3757698 });
    const before = lastSeq();
    const res = await sb.send.command('85');
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const parent = await parentFor(85, before);
    const reply = await sb.slack.waitFor(() => replies(parent.ts)[0]);
    expect(reply.text).toMatch(/updated/);
    expect(textOf(reply)).toContain('3757698');
    await sb.slack.waitFor(() => /updated/.test(parent.text));
    expect(sb.emulator.eventTypes(SANDBOX_CALCOM_KEY).find((e) => e.id === 3757698)?.lengthInMinutes).toBe(45);
  });

  it('stale id → "recreated" with the new id and the old one named', async () => {
    await addService(86, 'Herrenschnitt', { calcomEventTypeId: 3757000 });
    const before = lastSeq();
    await sb.send.command('86');
    const parent = await parentFor(86, before);
    const reply = await sb.slack.waitFor(() => replies(parent.ts)[0]);
    const service = await sb.ctx.store.getService(86);
    expect(service!.calcomEventTypeId).not.toBe(3757000);
    expect(reply.text).toMatch(/recreated/);
    expect(textOf(reply)).toContain(String(service!.calcomEventTypeId));
    expect(textOf(reply)).toContain('3757000');
  });

  it('new → "created" with the id, saved', async () => {
    await addService(87, 'Balayage');
    const before = lastSeq();
    await sb.send.command('sync 87');
    const parent = await parentFor(87, before);
    const reply = await sb.slack.waitFor(() => replies(parent.ts)[0]);
    const service = await sb.ctx.store.getService(87);
    expect(service!.calcomEventTypeId).toBeGreaterThan(0);
    expect(reply.text).toMatch(/created/);
    expect(textOf(reply)).toContain(String(service!.calcomEventTypeId));
  });
});

describe('failure and Retry', () => {
  it('400 → snippet ≤ 100 chars and a Retry button; Retry after the fix → new reply with the id, parent updated; second click harmless', async () => {
    await addService(88, 'Dauerwelle');
    sb.emulator.inject({
      kind: 'status',
      status: 400,
      method: 'POST',
      message: 'lengthInMinutes must be a positive integer and this message is long enough to be cut in the snippet for sure',
    });
    const before = lastSeq();
    await sb.send.command('88');
    const parent = await parentFor(88, before);
    const failure = await sb.slack.waitFor(() => replies(parent.ts)[0]);
    expect(failure.text).toMatch(/failed/i);
    const code = textOf(failure).match(/`([^`]*)`/);
    expect(code).not.toBeNull();
    expect([...code![1]!].length).toBeLessThanOrEqual(100);
    const button = failure.blocks
      .flatMap((b: any) => [b.accessory, ...(b.elements ?? [])])
      .find((e: any) => e?.action_id?.startsWith('calsync_retry'));
    expect(button).toBeDefined();
    await sb.slack.waitFor(() => /failed|fehlgeschlagen/.test(parent.text));

    // The fault was one-shot: Cal.com is fixed now.
    const click = {
      actionId: button.action_id,
      value: button.value,
      channel: CH,
      messageTs: failure.ts,
      threadTs: parent.ts,
      message: { text: failure.text, blocks: failure.blocks },
    };
    const res = await sb.send.click(click);
    expect(res.status).toBe(200);
    const success = await sb.slack.waitFor(() => replies(parent.ts)[1]);
    const service = await sb.ctx.store.getService(88);
    expect(success.text).toMatch(/created/);
    expect(textOf(success)).toContain(String(service!.calcomEventTypeId));
    await sb.slack.waitFor(() => /created/.test(parent.text));
    // The button was replaced by "retrying, asked by".
    expect(JSON.stringify(failure.blocks)).not.toContain('calsync_retry');
    expect(textOf(failure)).toMatch(/U0ALICE/);

    // A second click on the old button does nothing. A click is taken (its job row written) before the ack, and
    // without a job nothing starts: so once the ack is back and no job was added, nothing else can follow.
    const posts = sb.slack.calls.filter((c) => c.method === 'chat.postMessage').length;
    const jobs = await sb.ctx.db.prisma.job.count();
    expect((await sb.send.click(click)).status).toBe(200);
    expect(await sb.ctx.db.prisma.job.count()).toBe(jobs);
    expect(sb.slack.calls.filter((c) => c.method === 'chat.postMessage').length).toBe(posts);
    expect(sb.emulator.eventTypes(SANDBOX_CALCOM_KEY).filter((e) => e.slug === 'dauerwelle-88')).toHaveLength(1);
  });
});

describe('requests that must be refused', () => {
  const body = new URLSearchParams({
    command: '/calsync',
    text: '85',
    user_id: 'U0ALICE',
    channel_id: CH,
    trigger_id: 'x.forged',
    response_url: 'http://127.0.0.1:1/',
  }).toString();
  it.each([
    ['unsigned', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['wrongly signed', signSlackRequest('not-the-secret', body)],
    ['6 minutes old', signSlackRequest(SANDBOX_SIGNING_SECRET, body, Math.floor(Date.now() / 1000) - 360)],
  ])('%s → 401, nothing changes', async (_name, headers) => {
    const runs = await sb.ctx.db.prisma.syncRun.count();
    const posts = sb.slack.calls.length;
    const res = await sb.send.raw(body, headers as Record<string, string>);
    expect(res.status).toBe(401);
    // Refused before Bolt: no job was recorded, so no work can follow.
    await jobsSettled(sb.ctx.db.prisma);
    expect(await sb.ctx.db.prisma.syncRun.count()).toBe(runs);
    expect(sb.slack.calls.length).toBe(posts);
  });

  it('a user outside CALSYNC_ALLOWED_USERS → ephemeral refusal, no sync', async () => {
    const runs = await sb.ctx.db.prisma.syncRun.count();
    const res = await sb.send.command('85', { user: 'U0MALLORY' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ response_type: 'ephemeral' });
    expect(res.body).toMatch(/not allowed/i);
    await jobsSettled(sb.ctx.db.prisma);
    expect(await sb.ctx.db.prisma.syncRun.count()).toBe(runs);
  });

  it('invalid text → ephemeral explanation in the ack, nothing else', async () => {
    const res = await sb.send.command('abc');
    expect(JSON.parse(res.body)).toMatchObject({ response_type: 'ephemeral' });
    expect(res.body).toMatch(/unknown command/);
  });

  it('the same command redelivered with X-Slack-Retry-Num → one sync', async () => {
    await addService(89, 'Glätten', { calcomEventTypeId: null });
    const runs = await sb.ctx.db.prisma.syncRun.count({ where: { serviceId: 89 } });
    await sb.send.command('89', { triggerId: 'same.trigger.1' });
    await sb.send.command('89', { triggerId: 'same.trigger.1', retryNum: 1 });
    await sb.send.command('89', { triggerId: 'same.trigger.1', retryNum: 2 });
    await jobsSettled(sb.ctx.db.prisma);
    expect(await sb.ctx.db.prisma.syncRun.count({ where: { serviceId: 89 } })).toBe(runs + 1);
    expect(sb.emulator.eventTypes(SANDBOX_CALCOM_KEY).filter((e) => e.slug === 'glatten-89')).toHaveLength(1);
  });
});

describe('bulk', () => {
  it('/calsync failed over 20 failing services → one progress parent, 20 results, summary', async () => {
    for (let id = 500; id < 520; id++) await addService(id, `Bulk ${id}`, { syncStatus: 'error', syncError: 'earlier failure' });
    const before = lastSeq();
    await sb.send.command('failed');
    const parent = await sb.slack.waitFor(() => sb.slack.channelMessages(CH).find((m) => Number(m.ts.split('.')[1]) > before));
    const summary = await sb.slack.waitFor(() => replies(parent.ts)[0], 60_000);
    expect(sb.slack.channelMessages(CH).filter((m) => Number(m.ts.split('.')[1]) > before)).toHaveLength(1);
    const rows = await sb.ctx.db.prisma.service.findMany({ where: { id: { gte: 500, lt: 520 } } });
    expect(rows.every((r) => r.syncStatus === 'synced' && r.calcomEventTypeId)).toBe(true);
    expect(await sb.ctx.db.prisma.syncRun.count({ where: { serviceId: { gte: 500, lt: 520 }, trigger: 'bulk' } })).toBe(20);
    expect(summary.text).toMatch(/20/);
    expect(parent.history.length).toBeGreaterThan(1);
  });
});

describe('digest', () => {
  it('/calsync digest posts it; a Retry click in it answers in its thread and changes only that row', async () => {
    await addService(700, 'Digest A', { syncStatus: 'error', syncError: 'Cal.com API error 500: boom A', lastCalcomSync: new Date() });
    await addService(701, 'Digest B', {
      syncStatus: 'error',
      syncError: 'Cal.com API error 500: boom B',
      lastCalcomSync: new Date(Date.now() - 1000),
    });
    const before = lastSeq();
    await sb.send.command('digest', { channel: 'C0DIGEST' });
    const digest = await sb.slack.waitFor(() => sb.slack.channelMessages('C0DIGEST').find((m) => Number(m.ts.split('.')[1]) > before));
    const buttons = digest.blocks
      .flatMap((b: any) => [b.accessory, ...(b.elements ?? [])])
      .filter((e: any) => e?.action_id?.startsWith('calsync_retry'));
    const button = buttons.find((b: any) => JSON.parse(b.value).s === 700);
    expect(button).toBeDefined();
    const untouched = JSON.stringify(digest.blocks.filter((b: any) => !JSON.stringify(b).includes(button.action_id)));

    await sb.send.click({
      actionId: button.action_id,
      value: button.value,
      channel: 'C0DIGEST',
      messageTs: digest.ts,
      message: { text: digest.text, blocks: digest.blocks },
    });
    const reply = await sb.slack.waitFor(() => sb.slack.thread('C0DIGEST', digest.ts)[0]);
    const service = await sb.ctx.store.getService(700);
    expect(reply.text).toMatch(/created/);
    expect(textOf(reply)).toContain(String(service!.calcomEventTypeId));
    await sb.slack.waitFor(() => digest.history.length >= 3);
    expect(JSON.stringify(digest.blocks)).not.toContain(button.action_id);
    expect(JSON.stringify(digest.blocks)).toContain(String(service!.calcomEventTypeId));
    // Every other row is exactly as it was, including service 701's Retry button.
    expect(JSON.stringify(digest.blocks.filter((b: any) => !JSON.stringify(b).includes('700')))).toBe(
      JSON.stringify(JSON.parse(untouched).filter((b: any) => !JSON.stringify(b).includes('700'))),
    );
    expect(await sb.ctx.db.prisma.syncRun.findFirst({ where: { serviceId: 700 }, orderBy: { id: 'desc' } })).toMatchObject({
      trigger: 'digest',
      slackThreadTs: digest.ts,
    });
  });
});

describe('plan, then apply', () => {
  it('/calsync all shows the plan from reads only; the confirm runs it', async () => {
    await addService(120, 'Plan A');
    const responseUrl = sb.slack.responseUrl('plan-all');
    const before = sb.emulator.requests().length;
    await sb.send.command('all', { channel: CH, responseUrl });
    const preview = await sb.slack.waitFor(() => sb.slack.responses.find((r) => r.url.endsWith('/plan-all'))?.body);
    expect(preview.text).toMatch(/^Apply: .*\d+ creates?/);
    expect(JSON.stringify(preview.blocks)).toContain('Service 120');
    expect(
      new Set(
        sb.emulator
          .requests()
          .slice(before)
          .map((r) => r.method),
      ),
    ).toEqual(new Set(['GET']));
    const confirm = preview.blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => e.action_id === 'calsync_all_confirm');
    const seq = lastSeq();
    await sb.send.click({ actionId: confirm.action_id, value: confirm.value, channel: CH, messageTs: '1732438800.000001', responseUrl });
    await sb.slack.waitFor(() =>
      sb.slack.channelMessages(CH).some((m) => Number(m.ts.split('.')[1]) > seq && sb.slack.thread(CH, m.ts).length > 0),
    );
    // The summary is the last thing a bulk run posts in its thread.
    expect((await sb.ctx.store.getService(120))!.syncStatus).toBe('synced');
  });

  it('/calsync diff names the step and the field old → new, and writes nothing', async () => {
    const et = sb.emulator.seed(SANDBOX_CALCOM_KEY, { title: 'Plan B', slug: 'plan-b-121', lengthInMinutes: 30 });
    await addService(121, 'Plan B', { calcomEventTypeId: et.id });
    const responseUrl = sb.slack.responseUrl('plan-diff');
    const before = sb.emulator.requests().length;
    await sb.send.command('diff 121', { channel: CH, responseUrl });
    const diff = await sb.slack.waitFor(() => sb.slack.responses.find((r) => r.url.endsWith('/plan-diff'))?.body);
    expect(diff.text).toContain('Plan: update');
    expect(JSON.stringify(diff.blocks)).toContain('lengthInMinutes');
    expect(
      sb.emulator
        .requests()
        .slice(before)
        .map((r) => `${r.method} ${r.path}`),
    ).toEqual([`GET /v2/event-types/${et.id}`]);
  });
});

describe('a channel the bot is not in', () => {
  it('not_in_channel → the result goes to the response_url with an invite hint', async () => {
    await addService(95, 'Wimpern');
    sb.slack.lockedChannels.add('C0PRIVATE');
    const responseUrl = sb.slack.responseUrl('private-95');
    await sb.send.command('95', { channel: 'C0PRIVATE', responseUrl });
    const answers = await sb.slack.waitFor(() => {
      const got = sb.slack.responses.filter((r) => r.url.endsWith('/private-95'));
      return got.length >= 2 ? got : null;
    });
    const all = answers.map((a) => JSON.stringify(a.body)).join('\n');
    expect(all).toMatch(/\/invite @calsync/);
    expect(all).toMatch(/created/);
    expect(answers.every((a) => a.body.response_type === 'ephemeral')).toBe(true);
    expect((await sb.ctx.store.getService(95))!.syncStatus).toBe('synced');
  });
});

describe('health', () => {
  it('GET /healthz → 200 with the database up', async () => {
    const res = await fetch(sb.appUrl.replace('/slack/events', '/healthz'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });
});
