// The load generator for the ack benchmark, run in its own process (fork.ts) so it never shares an event
// loop with the app it measures: autocannon with 50 keep-alive connections, every request a distinct,
// freshly signed Slack slash command or Retry click (a repeated trigger_id or message ts would be
// deduplicated by the app and cost it nothing). Latency is taken from every response, not autocannon's
// whole-millisecond histogram.
import { createRequire } from 'node:module';
import { signSlackRequest } from '../sandbox/slack-fake.js';

export type LoadKind = 'command' | 'click';

export interface LoadArgs {
  url: string; // …/slack/events
  secret: string;
  kind: LoadKind;
  amount: number;
  connections: number;
  serviceIds: number[];
  channel: string;
  responseUrl: string;
  /** Makes trigger ids and message timestamps unique across runs against the same app. */
  runTag: number;
  /** A fixed command text instead of `/calsync <id>` (e.g. `help`: the ack alone, no background work). */
  text?: string;
}

export interface LoadResult {
  kind: LoadKind;
  latenciesMs: number[];
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  durationS: number;
  requestsPerSecond: number;
}

interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}
interface AutocannonInstance {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
interface AutocannonResult {
  errors: number;
  timeouts: number;
  duration: number;
  requests: { average: number };
}
type Autocannon = (
  opts: {
    url: string;
    connections: number;
    amount: number;
    timeout?: number;
    requests: { method: string; setupRequest: (req: AutocannonRequest) => AutocannonRequest }[];
  },
  done: (err: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

// autocannon is CommonJS without type declarations; the few fields used are typed above.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export function commandBody(args: LoadArgs, seq: number): string {
  const id = args.serviceIds[seq % args.serviceIds.length]!;
  return new URLSearchParams({
    token: 'deprecated',
    team_id: 'T0DEMO',
    team_domain: 'demo',
    channel_id: args.channel,
    channel_name: 'ops',
    user_id: 'U0ALICE',
    user_name: 'alice',
    command: '/calsync',
    text: args.text ?? String(id),
    api_app_id: 'A0CALSYNC',
    response_url: args.responseUrl,
    trigger_id: `${args.runTag}.${seq}.bench`,
  }).toString();
}

function clickBody(args: LoadArgs, seq: number): string {
  const id = args.serviceIds[seq % args.serviceIds.length]!;
  // A result reply in its own thread; each click is on a different message, as real clicks are.
  const messageTs = `${args.runTag}.${String(seq).padStart(6, '0')}`;
  const threadTs = `${args.runTag - 1}.${String(seq).padStart(6, '0')}`;
  const value = JSON.stringify({ s: id });
  const blocks = [
    {
      type: 'section',
      block_id: 'r',
      text: { type: 'mrkdwn', text: `:x: *failed* after 3 attempts\n\`Cal.com API error 503: Service Unavailable\`` },
    },
    {
      type: 'actions',
      block_id: 'b',
      elements: [{ type: 'button', action_id: 'calsync_retry', text: { type: 'plain_text', text: 'Retry' }, value }],
    },
  ];
  const payload = {
    type: 'block_actions',
    team: { id: 'T0DEMO', domain: 'demo' },
    user: { id: 'U0ALICE', username: 'alice', team_id: 'T0DEMO' },
    api_app_id: 'A0CALSYNC',
    token: 'deprecated',
    container: { type: 'message', message_ts: messageTs, channel_id: args.channel, is_ephemeral: false, thread_ts: threadTs },
    trigger_id: `${args.runTag}.${seq}.bench`,
    channel: { id: args.channel, name: 'ops' },
    message: { type: 'message', ts: messageTs, thread_ts: threadTs, text: `Sync of service ${id} failed`, blocks },
    response_url: args.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: 'calsync_retry',
        block_id: 'b',
        value,
        action_ts: `${args.runTag}.${seq}`,
        text: { type: 'plain_text', text: 'Retry' },
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function generateLoad(args: LoadArgs): Promise<LoadResult> {
  const url = new URL(args.url);
  let seq = 0;
  const setupRequest = (req: AutocannonRequest): AutocannonRequest => {
    const n = seq++;
    const body = args.kind === 'command' ? commandBody(args, n) : clickBody(args, n);
    // Signed now, per request: the app refuses timestamps older than 5 minutes.
    return { ...req, method: 'POST', path: url.pathname, headers: signSlackRequest(args.secret, body), body };
  };
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: url.origin, connections: args.connections, amount: args.amount, timeout: 30, requests: [{ method: 'POST', setupRequest }] },
      (err, result) => {
        if (err) return reject(err);
        resolve({
          kind: args.kind,
          latenciesMs,
          statuses,
          errors: result.errors,
          timeouts: result.timeouts,
          durationS: result.duration,
          requestsPerSecond: latenciesMs.length / Math.max(result.duration, 0.001),
        });
      },
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status >= 200 && status < 300) latenciesMs.push(ms);
    });
  });
}
