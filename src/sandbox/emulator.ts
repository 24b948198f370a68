// A Cal.com API v2 emulator (personal event types only) on a real loopback HTTP server, for the demo,
// end-to-end tests and benchmarks. Behaviour follows how Cal.com's server really answers, including
// the unfriendly parts (version routing, whitelisting, throttling); faults can be switched on to
// rehearse timeouts, resets and 5xx. Pipeline per request: fault → Cal.com logic → latency → answer.
import { setMaxListeners } from 'node:events';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../lib/clock.js';
import { KeyRing, redactKey } from './auth.js';
import { type ControlTarget, handleControl, isLoopback } from './control.js';
import { faultError, nestError, throttled } from './errors.js';
import { Faults } from './faults.js';
import { RateLimiter, WindowMeter } from './ratelimit.js';
import { handleApi } from './routes.js';
import { DuplicateSlugError, EventTypeStore } from './store.js';
import { Teams, teamOutput, teamOwnerId } from './teams.js';
import type { Emulator, EmulatorOptions, FaultRule, RequestRecord, Resp } from './types.js';

export type {
  Emulator,
  EmulatorEventType,
  EmulatorOptions,
  EmulatorStats,
  FaultRule,
  Owner,
  RandomFaults,
  RequestRecord,
  TeamRole,
} from './types.js';
export { redactKey } from './auth.js';

/** The request log is for assertions, not an archive: a long benchmark must not grow it forever. */
const MAX_LOG = 100_000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, out: Resp): void {
  if (res.destroyed || res.writableEnded) return;
  const text = JSON.stringify(out.body);
  res.writeHead(out.status, { 'content-type': 'application/json; charset=utf-8', ...out.headers });
  res.end(text);
}

const bearer = (req: IncomingMessage) => (req.headers.authorization ?? '').replace(/^Bearer /, '');

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const store = new EventTypeStore(opts.firstId ?? 3_761_000);
  const keys = new KeyRing(opts.keys);
  const teams = new Teams(opts.teams);
  const limit = opts.rateLimitPerMinute ?? 120;
  const clock = opts.clock ?? systemClock;
  const limiter = limit === false ? null : new RateLimiter(limit, opts.windowMs ?? 60_000, opts.blockMs ?? 60_000);
  const meter = new WindowMeter();
  const faults = new Faults();
  let log: RequestRecord[] = [];
  let counters = { total: 0, byStatus: {} as Record<string, number>, tooMany: 0 };

  // Requests under way, so a test can wait for a delayed one to land instead of guessing how long it takes.
  let handling = 0;
  let onIdle: Array<() => void> = [];
  const settle = () => {
    if (--handling > 0) return;
    for (const idle of onIdle) idle();
    onIdle = [];
  };

  // close() aborts every wait instead of leaving it to keep the process alive. Every request in a wait
  // listens on it: under load that is hundreds, not a leak.
  const closing = new AbortController();
  setMaxListeners(0, closing.signal);
  const sleep = (ms: number) => (ms <= 0 ? Promise.resolve() : clock.sleep(ms, closing.signal));

  function record(req: IncomingMessage, at: number, status: number): void {
    const entry = { method: req.method ?? 'GET', path: req.url ?? '/', status, at, key: redactKey(bearer(req)) };
    log.push(entry);
    if (log.length > MAX_LOG * 1.1) log.splice(0, log.length - MAX_LOG); // trimmed in batches: O(1) amortised
    counters.total++;
    counters.byStatus[String(status)] = (counters.byStatus[String(status)] ?? 0) + 1;
    if (status === 429) counters.tooMany++;
    opts.logger?.info({ ...entry, ms: clock.ms() - at }, 'calcom emulator request');
  }

  async function onApiRequest(req: IncomingMessage, res: ServerResponse, body: string, at: number): Promise<void> {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    meter.hit(bearer(req), at);
    const rule: FaultRule | undefined = faults.take(method, url);
    if (rule?.kind === 'delay' && !rule.after) await sleep(rule.ms ?? 0);
    let out: Resp | 'reset';
    if (rule?.kind === 'status') out = faultError(rule.status ?? 500, url, rule.message);
    else if (rule?.kind === 'rateLimit') out = { ...throttled(url), headers: limiter?.refusal().headers ?? {} };
    else if (rule?.kind === 'reset' && !rule.after) out = 'reset';
    else {
      try {
        out = handleApi({ store, keys, limiter, clock, teams, noTeams: opts.noTeams }, { method, url, headers: req.headers, body });
      } catch (err) {
        out = nestError(500, url, `Emulator bug: ${(err as Error).message}`);
      }
    }
    // `after` faults: the work above is done (an event type may now exist) but the client never
    // hears about it in time, which is the "POST timed out after Cal.com created it" case.
    if (rule?.after && rule.kind === 'delay') await sleep(rule.ms ?? 0);
    if (rule?.after && rule.kind === 'reset') out = 'reset';
    await sleep(opts.latencyMs ?? 0);
    record(req, at, out === 'reset' ? 0 : out.status);
    if (out === 'reset') req.socket.destroy();
    else send(res, out);
  }

  const server = createServer((req, res) => {
    const at = clock.ms();
    const control = (req.url ?? '').startsWith('/_emulator');
    if (!control) handling++;
    readBody(req)
      .then((body) => {
        if (!control) return onApiRequest(req, res, body, at);
        if (!isLoopback(req.socket.remoteAddress)) return send(res, { status: 403, body: { error: 'loopback only' } });
        return send(res, handleControl(api, req.method ?? 'GET', req.url ?? '/', body));
      })
      .catch(() => req.socket.destroy())
      .finally(() => control || settle());
  });

  const api: ControlTarget = {
    url: '',
    port: 0,
    close: async () => {
      closing.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
    seed(key, fields) {
      const owner = keys.resolve(key);
      if (!owner) throw new Error(`unknown API key ${redactKey(key)}`);
      const { id, title, slug, lengthInMinutes } = fields;
      if (typeof title !== 'string' || typeof slug !== 'string' || !Number.isInteger(lengthInMinutes) || lengthInMinutes < 1) {
        throw new Error('seed needs title (string), slug (string) and lengthInMinutes (integer >= 1)');
      }
      if (id !== undefined && !(Number.isInteger(id) && id > 0)) throw new Error('id must be a positive integer');
      try {
        return store.create(owner.userId, fields, [owner.username], id);
      } catch (err) {
        if (err instanceof DuplicateSlugError) throw new Error(`${owner.username} already has an event type with slug "${slug}"`);
        throw err;
      }
    },
    eventTypes(key) {
      if (key === undefined) return structuredClone(store.list());
      const owner = keys.resolve(key);
      return owner ? structuredClone(store.list(owner.userId)) : [];
    },
    team: (teamId, members) => teams.set(teamId, members),
    seedTeam(teamId, fields) {
      const members = teams.members(teamId, keys);
      const hosts = members.map((m) => ({ userId: m.owner.userId, mandatory: false, priority: 'medium' }));
      try {
        const seeded = store.create(
          teamOwnerId(teamId),
          { schedulingType: 'roundRobin', assignAllTeamMembers: true, ...fields, teamId, hosts },
          members.map((m) => m.owner.username),
          fields.id,
        );
        return teamOutput(seeded) as unknown as typeof seeded;
      } catch (err) {
        if (err instanceof DuplicateSlugError) throw new Error(`team ${teamId} already has an event type with slug "${fields.slug}"`);
        throw err;
      }
    },
    teamEventTypes: (teamId) => store.list(teamOwnerId(teamId)).map((e) => teamOutput(e) as unknown as typeof e),
    edit: (id, fields) => store.update(id, fields),
    delete: (id) => void store.delete(id),
    inject: (...rules) => faults.inject(rules),
    setRandomFaults: (o) => faults.setRandom(o),
    clearFaults: () => faults.clear(),
    requests: () => log.slice(),
    idle: () => (handling === 0 ? Promise.resolve() : new Promise<void>((resolve) => onIdle.push(resolve))),
    stats: () => ({ ...counters, byStatus: { ...counters.byStatus }, maxPerWindow: meter.overall() }),
    reset() {
      store.clear();
      faults.clear();
      limiter?.clear();
      meter.clear();
      log = [];
      counters = { total: 0, byStatus: {}, tooMany: 0 };
    },
    owner: (key) => keys.resolve(key),
    state: () => ({
      eventTypes: store.list(),
      stats: { ...api.stats(), maxPerWindowByKey: meter.byTracker(redactKey) },
      faults: faults.pending(),
      requests: log,
    }),
  };

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  api.port = (server.address() as AddressInfo).port;
  api.url = `http://${host.includes(':') ? `[${host}]` : host}:${api.port}/v2`;
  opts.logger?.info({ url: api.url }, 'calcom emulator listening');
  return api;
}
