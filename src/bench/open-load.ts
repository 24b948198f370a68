// Open-loop load for the ack benchmark (SPEC §10: ack p99 ≤ 50 ms at a steady 50 requests a second): a
// signed `/calsync N` is sent every 1/rate seconds whether or not earlier ones were answered, as Slack
// does, and each latency is taken from the moment the request was due, so a stall shows in every request
// it delayed (no coordinated omission). Runs in its own process (fork.ts), like the closed-loop flood.
import { Agent, request } from 'node:http';
import { signSlackRequest } from '../sandbox/slack-fake.js';
import { commandBody, type LoadArgs, type LoadResult } from './load.js';

export interface OpenLoadArgs extends Omit<LoadArgs, 'amount' | 'connections' | 'kind'> {
  ratePerSecond: number;
  durationS: number;
}

/** The HTTP status, or the error's code when there was no answer (counted as failed, by name). */
function send(url: URL, agent: Agent, body: string, headers: Record<string, string>): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    req.setTimeout(30_000, () => req.destroy());
    req.end(body);
  });
}

export async function generateOpenLoad(args: OpenLoadArgs): Promise<LoadResult> {
  const url = new URL(args.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const total = Math.max(1, Math.round(args.ratePerSecond * args.durationS));
  const interval = 1000 / args.ratePerSecond;
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  const inFlight: Promise<void>[] = [];
  const start = performance.now() + 20;
  for (let seq = 0; seq < total; seq++) {
    const due = start + seq * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const body = commandBody({ ...args, kind: 'command', amount: total, connections: 0 }, seq);
    inFlight.push(
      send(url, agent, body, signSlackRequest(args.secret, body)).then((status) => {
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (typeof status === 'number' && status >= 200 && status < 300) latenciesMs.push(performance.now() - due);
      }),
    );
  }
  await Promise.all(inFlight);
  const durationS = (performance.now() - start) / 1000;
  agent.destroy();
  return { kind: 'command', latenciesMs, statuses, errors: 0, timeouts: 0, durationS, requestsPerSecond: latenciesMs.length / durationS };
}
