// A local stand-in for Slack, for the demo, the end-to-end tests and the benchmarks: it answers the Web API
// calls calsync makes (auth.test, chat.postMessage, chat.update, chat.postEphemeral) and the response_url
// posts, records them, and sends the app slash commands and button clicks signed exactly like Slack does.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, systemClock } from '../lib/clock.js';

export interface SlackMessageRecord {
  channel: string;
  ts: string;
  threadTs?: string;
  text: string;
  blocks: any[];
  /** Every version of the message, oldest first (chat.update appends). */
  history: { text: string; blocks: any[] }[];
}

export interface WebApiCall {
  method: string;
  body: Record<string, any>;
  at: number;
}

/** A Web API call the fake refuses as Slack would (`{ ok: false, error }`), e.g. a deleted parent. */
export interface Refusal {
  method: string;
  error: string;
  /** How many calls to refuse; every matching call until cleared when unset. */
  times?: number;
  when?: (body: Record<string, any>) => boolean;
}

export interface SlackFake {
  apiUrl: string; // ends in /api/
  calls: WebApiCall[];
  messages: Map<string, SlackMessageRecord>; // by `${channel}:${ts}`
  responses: { url: string; body: any; at: number }[];
  /** Channels where chat.postMessage answers not_in_channel. */
  lockedChannels: Set<string>;
  refuse(rule: Refusal): void;
  clearRefusals(): void;
  /** Socket Mode (socket-fake.ts plugs in here): what apps.connections.open answers a bearer token; unset, it refuses. */
  socketMode?: { open(appToken: string | undefined): Record<string, unknown> };
  thread(channel: string, ts: string): SlackMessageRecord[];
  channelMessages(channel: string): SlackMessageRecord[];
  responseUrl(id?: string): string;
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parse(raw: string, type: string | undefined): Record<string, any> {
  if (type?.includes('application/json')) return raw ? JSON.parse(raw) : {};
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = k === 'blocks' || k === 'attachments' ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

/** `clock` stamps the calls and responses it records (`at`); signatures and trigger ids keep the wall clock, as Slack's do. */
export async function startSlackFake(opts: { port?: number; clock?: Clock } = {}): Promise<SlackFake> {
  const time = opts.clock ?? systemClock;
  const calls: WebApiCall[] = [];
  const messages = new Map<string, SlackMessageRecord>();
  const responses: SlackFake['responses'] = [];
  const lockedChannels = new Set<string>();
  let refusals: Refusal[] = [];
  const clock = 1_795_000_000;
  let seq = 0;
  const nextTs = () => `${clock + Math.floor(seq / 1000)}.${String(++seq % 1_000_000).padStart(6, '0')}`;

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = req.url ?? '/';
    const reply = (body: object) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.startsWith('/response/')) {
      responses.push({ url, body: parse(raw, req.headers['content-type']), at: time.ms() });
      return reply({ ok: true });
    }
    const method = url.replace(/^\/api\//, '').split('?')[0]!;
    const body = parse(raw, req.headers['content-type']);
    calls.push({ method, body, at: time.ms() });
    const refusal = refusals.find((r) => r.method === method && (r.when?.(body) ?? true));
    if (refusal) {
      if (refusal.times !== undefined && --refusal.times <= 0) refusals = refusals.filter((r) => r !== refusal);
      return reply({ ok: false, error: refusal.error });
    }
    switch (method) {
      case 'auth.test':
        return reply({
          ok: true,
          url: 'https://calsync-demo.slack.com/',
          team: 'Demo',
          user: 'calsync',
          team_id: 'T0DEMO',
          user_id: 'U0CALSYNC',
          bot_id: 'B0CALSYNC',
        });
      case 'chat.postMessage': {
        if (lockedChannels.has(body.channel)) return reply({ ok: false, error: 'not_in_channel' });
        const ts = nextTs();
        const msg: SlackMessageRecord = {
          channel: body.channel,
          ts,
          threadTs: body.thread_ts,
          text: body.text ?? '',
          blocks: body.blocks ?? [],
          history: [],
        };
        msg.history.push({ text: msg.text, blocks: msg.blocks });
        messages.set(`${body.channel}:${ts}`, msg);
        return reply({ ok: true, channel: body.channel, ts, message: { text: msg.text, ts } });
      }
      case 'chat.update': {
        const msg = messages.get(`${body.channel}:${body.ts}`);
        if (!msg) return reply({ ok: false, error: 'message_not_found' });
        msg.text = body.text ?? msg.text;
        msg.blocks = body.blocks ?? msg.blocks;
        msg.history.push({ text: msg.text, blocks: msg.blocks });
        return reply({ ok: true, channel: body.channel, ts: body.ts });
      }
      case 'chat.postEphemeral':
        return reply({ ok: true, message_ts: nextTs() });
      case 'apps.connections.open': {
        const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
        return reply(fake.socketMode?.open(bearer ?? body.token) ?? { ok: false, error: 'invalid_auth' });
      }
      default:
        return reply({ ok: false, error: 'unknown_method' });
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: SlackFake = {
    apiUrl: `${base}/api/`,
    calls,
    messages,
    responses,
    lockedChannels,
    refuse: (rule) => void refusals.push({ ...rule }),
    clearRefusals: () => {
      refusals = [];
    },
    thread: (channel, ts) => [...messages.values()].filter((m) => m.channel === channel && m.threadTs === ts),
    channelMessages: (channel) => [...messages.values()].filter((m) => m.channel === channel && !m.threadTs),
    responseUrl: (id = String(++seq)) => `${base}/response/${id}`,
    async waitFor(check, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const v = check();
        if (v) return v;
        if (Date.now() > until) throw new Error('SlackFake.waitFor timed out');
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return fake;
}

/** Slack's request signature: v0= + hex HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret. */
export function signSlackRequest(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signature,
    'content-type': 'application/x-www-form-urlencoded',
  };
}

export type CommandOptions = { user?: string; channel?: string; triggerId?: string; retryNum?: number; responseUrl?: string };
export type ClickOptions = {
  actionId: string;
  value: string;
  channel: string;
  messageTs: string;
  threadTs?: string;
  message?: { text: string; blocks: any[] };
  user?: string;
  responseUrl?: string;
};

/** How the app answered: its HTTP status (over Socket Mode: 200 once acked) and the ack's body. */
export interface Sender {
  command(text: string, o?: CommandOptions): Promise<{ status: number; body: string; ms: number }>;
  click(o: ClickOptions): Promise<{ status: number; body: string; ms: number }>;
  raw(body: string, headers: Record<string, string>): Promise<{ status: number; body: string; ms: number }>;
}

/** A slash command's fields as Slack sends them: form fields over HTTP, the envelope's payload over Socket Mode. */
export function commandFields(text: string, o: CommandOptions, fake: SlackFake, triggerId: string): Record<string, string> {
  return {
    token: 'deprecated',
    team_id: 'T0DEMO',
    team_domain: 'demo',
    channel_id: o.channel ?? 'C0OPS',
    channel_name: 'ops',
    user_id: o.user ?? 'U0ALICE',
    user_name: 'alice',
    command: '/calsync',
    text,
    api_app_id: 'A0CALSYNC',
    response_url: o.responseUrl ?? fake.responseUrl(),
    trigger_id: o.triggerId ?? triggerId,
  };
}

/** The block_actions payload of a button click as Slack sends it. */
export function clickPayload(o: ClickOptions, fake: SlackFake, triggerId: string): Record<string, unknown> {
  return {
    type: 'block_actions',
    team: { id: 'T0DEMO', domain: 'demo' },
    user: { id: o.user ?? 'U0ALICE', username: 'alice', team_id: 'T0DEMO' },
    api_app_id: 'A0CALSYNC',
    token: 'deprecated',
    container: { type: 'message', message_ts: o.messageTs, channel_id: o.channel, is_ephemeral: false, thread_ts: o.threadTs },
    trigger_id: triggerId,
    channel: { id: o.channel, name: 'ops' },
    message: o.message
      ? { type: 'message', ts: o.messageTs, thread_ts: o.threadTs, text: o.message.text, blocks: o.message.blocks }
      : undefined,
    response_url: o.responseUrl ?? fake.responseUrl(),
    actions: [
      {
        type: 'button',
        action_id: o.actionId,
        block_id: 'b',
        value: o.value,
        action_ts: String(Date.now() / 1000),
        text: { type: 'plain_text', text: 'Retry' },
      },
    ],
  };
}

/** Sends signed requests to the app at `appUrl` (…/slack/events) as Slack would. */
export function slackSender(appUrl: string, secret: string, fake: SlackFake): Sender {
  let trigger = 0;
  async function raw(body: string, headers: Record<string, string>) {
    const started = performance.now();
    const res = await fetch(appUrl, { method: 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, body: text, ms: performance.now() - started };
  }
  return {
    raw,
    command(text, o = {}) {
      const body = new URLSearchParams(commandFields(text, o, fake, `${Date.now()}.${++trigger}.demo`)).toString();
      const headers = signSlackRequest(secret, body);
      if (o.retryNum) Object.assign(headers, { 'x-slack-retry-num': String(o.retryNum), 'x-slack-retry-reason': 'http_timeout' });
      return raw(body, headers);
    },
    click(o) {
      const body = new URLSearchParams({ payload: JSON.stringify(clickPayload(o, fake, `${Date.now()}.${++trigger}.demo`)) }).toString();
      return raw(body, signSlackRequest(secret, body));
    },
  };
}
