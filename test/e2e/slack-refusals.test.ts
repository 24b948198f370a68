// End to end (SPEC §4 "Threads", §10 "Failing neighbours"): Slack refusing a call never stops the work
// behind it. The Slack fake answers chosen Web API calls with Slack's errors (a deleted parent:
// `message_not_found`, `cant_update_message`, `thread_not_found`); every sync still runs and its result
// is still visible somewhere a person looks.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { textOf } from '../support/slack-threads.js';
import { createLogger } from '../../src/lib/logger.js';
import type { Store } from '../../src/db/store.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox.js';
import { putService, type ServiceRow } from '../support/services.js';

let sb: Sandbox;
/** The next `getService` calls that fail as if the database did not answer (a click whose work can't start). */
let failGetService = 0;
/** The app's log, at the level production runs with: the refusals are logged, never thrown. */
const logLines: Array<{ level: string; msg: string }> = [];

beforeAll(async () => {
  // A store that fails on demand and otherwise is the sandbox's own (it exists only once the sandbox runs).
  const store = new Proxy({} as Store, {
    get(_target, key) {
      if (key === 'getService' && failGetService > 0) {
        return async () => {
          failGetService--;
          throw new Error("Can't reach database server");
        };
      }
      const value = (sb.ctx.store as unknown as Record<string | symbol, unknown>)[key];
      return typeof value === 'function' ? value.bind(sb.ctx.store) : value;
    },
  });
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(JSON.parse(String(chunk)));
      cb();
    },
  });
  const logger = createLogger('info', [], sink);
  sb = await startSandbox({ env: { CALCOM_RATE_LIMIT: '6000' }, logger, slackDeps: { progressEveryMs: 0, store } });
});
afterAll(() => sb?.close());
beforeEach(() => {
  sb.slack.clearRefusals();
  sb.emulator.clearFaults();
  failGetService = 0;
});

const addService = (id: number, extra: ServiceRow = {}) => putService(sb.ctx.db.prisma, id, `Refusal ${id}`, extra);

const retryButton = (m: { blocks: any[] }) =>
  m.blocks.flatMap((b: any) => [b.accessory, ...(b.elements ?? [])]).find((e: any) => e?.action_id?.startsWith('calsync_retry'));
/** Every message in a channel, threads included. */
const inChannel = (channel: string) => [...sb.slack.messages.values()].filter((m) => m.channel === channel);
const statusOf = async (id: number) => (await sb.ctx.store.getService(id))?.syncStatus;

describe('a refused parent update', () => {
  it('/calsync 11 12 13 with every chat.update refused → all three synced, each result in its thread', async () => {
    const CH = 'C0REFUSE1';
    for (const id of [11, 12, 13]) await addService(id);
    sb.slack.refuse({ method: 'chat.update', error: 'message_not_found', when: (b) => b.channel === CH });
    await sb.send.command('11 12 13', { channel: CH });
    for (const id of [11, 12, 13]) {
      const parent = await sb.slack.waitFor(() => sb.slack.channelMessages(CH).find((m) => m.text.includes(`Service ${id} `)));
      const reply = await sb.slack.waitFor(() => sb.slack.thread(CH, parent.ts)[0]);
      expect(reply.text).toMatch(/created/);
      expect(await statusOf(id)).toBe('synced');
    }
    // Each parent's final update was tried (after its reply), refused, and logged as a warning.
    await sb.slack.waitFor(() => sb.slack.calls.filter((c) => c.method === 'chat.update' && c.body.channel === CH).length >= 3);
    await sb.slack.waitFor(() => logLines.filter((l) => l.level === 'warn' && /could not update a message/.test(l.msg)).length >= 3);
  });

  it('/calsync failed with every progress update refused (cant_update_message) → all synced and the summary posted', async () => {
    const CH = 'C0REFUSE2';
    await sb.ctx.db.prisma.service.updateMany({ where: { syncStatus: 'error' }, data: { syncStatus: 'pending' } });
    for (const id of [21, 22, 23, 24]) await addService(id, { syncStatus: 'error', syncError: 'earlier failure' });
    sb.slack.refuse({ method: 'chat.update', error: 'cant_update_message', when: (b) => b.channel === CH });
    await sb.send.command('failed', { channel: CH });
    const parent = await sb.slack.waitFor(() => sb.slack.channelMessages(CH)[0]);
    const summary = await sb.slack.waitFor(() => sb.slack.thread(CH, parent.ts)[0]);
    expect(summary.text).toMatch(/4/);
    for (const id of [21, 22, 23, 24]) expect(await statusOf(id)).toBe('synced');
  });
});

describe('a refused thread reply', () => {
  it.each(['thread_not_found', 'message_not_found'])(
    'postMessage in a thread → %s → the result lands as a new channel message',
    async (error) => {
      const CH = `C0REPLY${error.length}`;
      const id = 30 + error.length;
      await addService(id);
      sb.slack.refuse({ method: 'chat.postMessage', error, when: (b) => b.channel === CH && !!b.thread_ts });
      await sb.send.command(String(id), { channel: CH });
      const result = await sb.slack.waitFor(() => sb.slack.channelMessages(CH).find((m) => /created/.test(m.text)));
      expect(textOf(result)).toContain(`Service ${id} `);
      expect(await statusOf(id)).toBe('synced');
    },
  );
});

describe('Retry', () => {
  /** A failed sync with its Retry button: the failure reply and its parent. */
  async function failedSync(id: number, channel: string) {
    await addService(id);
    sb.emulator.inject({ kind: 'status', status: 400, method: 'POST', message: 'lengthInMinutes must be a positive integer' });
    await sb.send.command(String(id), { channel });
    const parent = await sb.slack.waitFor(() => sb.slack.channelMessages(channel).find((m) => m.text.includes(`Service ${id} `)));
    const failure = await sb.slack.waitFor(() => sb.slack.thread(channel, parent.ts).find((m) => retryButton(m)));
    await sb.slack.waitFor(() => /failed/.test(parent.text));
    const button = retryButton(failure);
    const click = {
      actionId: button.action_id,
      value: button.value,
      channel,
      messageTs: failure.ts,
      threadTs: parent.ts,
      message: { text: failure.text, blocks: failure.blocks },
    };
    return { parent, failure, click };
  }

  it('the button replacement refused → the sync still runs and its result is posted in the thread', async () => {
    const CH = 'C0RETRY1';
    const { parent, failure, click } = await failedSync(41, CH);
    sb.slack.refuse({ method: 'chat.update', error: 'message_not_found', when: (b) => b.channel === CH && b.ts === failure.ts });
    expect((await sb.send.click(click)).status).toBe(200);
    const success = await sb.slack.waitFor(() => sb.slack.thread(CH, parent.ts).find((m) => /created/.test(m.text)));
    expect(textOf(success)).toContain(String((await sb.ctx.store.getService(41))!.calcomEventTypeId));
    expect(await statusOf(41)).toBe('synced');
  });

  it('a click whose work could not start → told so, the button is back, and a second click works', async () => {
    const CH = 'C0RETRY2';
    const { parent, failure, click } = await failedSync(42, CH);
    failGetService = 1;
    const responseUrl = sb.slack.responseUrl('retry-42');
    await sb.send.click({ ...click, responseUrl });
    const told = await sb.slack.waitFor(() => sb.slack.responses.find((r) => r.url.endsWith('/retry-42')));
    expect(JSON.stringify(told.body)).toMatch(/could not start/);
    await sb.slack.waitFor(() => retryButton(failure));
    expect(await statusOf(42)).toBe('error');

    await sb.send.click(click);
    const success = await sb.slack.waitFor(() => sb.slack.thread(CH, parent.ts).find((m) => /created/.test(m.text)));
    expect(textOf(success)).toContain('Service 42 ');
    expect(await statusOf(42)).toBe('synced');
    // One retried sync: the first click never reached the engine.
    expect(await sb.ctx.db.prisma.syncRun.count({ where: { serviceId: 42, trigger: 'button' } })).toBe(1);
    expect(inChannel(CH).filter((m) => m.threadTs === parent.ts && /created/.test(m.text))).toHaveLength(1);
  });
});
