// The Cal.com API v2 client for event types: the only place that speaks HTTP to Cal.com.
// Every request carries the bearer key and `cal-api-version: 2024-06-14` (without it Cal.com routes to an
// older controller that silently ignores lengthInMinutes) and goes through the key's rate limiter.
// ky's own retries are off: the engine owns the retry policy, because a retried POST can duplicate.
// With a team (CALCOM_TEAM_ID) every call goes to /teams/{teamId}/event-types: a create there also needs
// schedulingType and hosts (we assign every member), and a managed create answers an array, parent first.
import ky, { TimeoutError, type KyInstance } from 'ky';
import type { z } from 'zod';
import { redact } from '../lib/redact.js';
import type { EventTypePayload, EventTypes, RemoteEventType, UpdatePayload } from '../sync/ports.js';
import type { TeamTarget } from '../config.js';
import { CalcomError } from './errors.js';
import type { Limiter, RateLimitHeaders } from './limiter.js';
import { createdEventTypes, type eventTypeSchema, manyEventTypes, oneEventType } from './schemas.js';

export const CALCOM_API_VERSION = '2024-06-14';

export interface CalcomClientOptions {
  apiUrl: string;
  apiKey: string;
  timeoutMs: number;
  limiter: Limiter;
  /** Sync to this team's event types instead of the key owner's personal ones. */
  team?: TeamTarget;
  /** Called after every response, for metrics and tests. */
  onResponse?: (info: { method: string; path: string; status: number; ms: number }) => void;
}

function numberHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  const n = raw === null ? NaN : Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** The team a path is on (`teams/4242/event-types…`), for the team routes' own error hints. */
function teamOf(path: string): number | undefined {
  const id = /^teams\/(\d+)\//.exec(path)?.[1];
  return id === undefined ? undefined : Number(id);
}

function rateLimitHeaders(headers: Headers): RateLimitHeaders {
  return {
    limit: numberHeader(headers, 'x-ratelimit-limit-default'),
    remaining: numberHeader(headers, 'x-ratelimit-remaining-default'),
    // Cal.com sends seconds remaining; a proxy in front of a self-hosted instance may send Retry-After.
    resetSeconds: numberHeader(headers, 'x-ratelimit-reset-default') ?? numberHeader(headers, 'retry-after'),
  };
}

export function createCalcomClient(opts: CalcomClientOptions): EventTypes & { http: KyInstance } {
  const http = ky.create({
    prefixUrl: `${opts.apiUrl.replace(/\/+$/, '')}/`,
    timeout: opts.timeoutMs,
    retry: 0,
    throwHttpErrors: false,
    headers: {
      authorization: `Bearer ${opts.apiKey}`,
      'cal-api-version': CALCOM_API_VERSION,
      'content-type': 'application/json',
      accept: 'application/json',
    },
  });
  const secrets = [opts.apiKey];

  async function call<S extends z.ZodType>(method: string, path: string, schema: S, json?: unknown): Promise<z.infer<S>> {
    return opts.limiter.schedule(async () => {
      const started = performance.now();
      let res: Response;
      try {
        res = await http(path, { method, json });
      } catch (cause) {
        throw cause instanceof TimeoutError ? CalcomError.timeout(opts.timeoutMs, cause) : CalcomError.network(cause);
      }
      const limits = rateLimitHeaders(res.headers);
      opts.limiter.observe(limits, res.status);
      opts.onResponse?.({ method, path, status: res.status, ms: performance.now() - started });
      let text: string;
      try {
        text = await res.text();
      } catch (cause) {
        throw CalcomError.network(cause);
      }
      if (!res.ok) throw CalcomError.fromResponse(res.status, redact(text, secrets), limits.resetSeconds, { teamId: teamOf(path) });
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (cause) {
        throw CalcomError.invalidResponse(`${method} ${path} answered ${res.status} with a body that is not JSON`, cause);
      }
      const parsed = schema.safeParse(body);
      if (!parsed.success)
        throw CalcomError.invalidResponse(`${method} ${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, parsed.error);
      return parsed.data;
    });
  }

  const toRemote = (e: z.infer<typeof eventTypeSchema>) => e as RemoteEventType;

  const team = opts.team;
  /** `event-types`, or `teams/4242/event-types` for a team target (another team's when given). */
  const base = (teamId: number | null | undefined = team?.id) => (teamId == null ? 'event-types' : `teams/${teamId}/event-types`);
  // Not both hosts and assignAllTeamMembers: Cal.com refuses the pair. Every member hosts, so a new
  // member needs no change here.
  const createBody = (payload: EventTypePayload) =>
    team ? { ...payload, schedulingType: team.schedulingType, assignAllTeamMembers: true } : payload;
  const getUnder = async (teamId: number | null, id: number) => toRemote((await call('GET', `${base(teamId)}/${id}`, oneEventType)).data);

  return {
    http,
    ...(team ? { teamId: team.id } : {}),
    create: async (payload: EventTypePayload) => {
      const { data } = await call('POST', base(), createdEventTypes, createBody(payload));
      // A managed event type answers with the parent first, then one child per member: the parent is ours.
      return toRemote(Array.isArray(data) ? data[0]! : data);
    },
    get: (id: number) => getUnder(team?.id ?? null, id),
    // With no query and a key, Cal.com lists the key owner's own event types (eventSlug alone is ignored);
    // on a team route, the team's.
    listOwn: async () => (await call('GET', base(), manyEventTypes)).data.map(toRemote),
    update: async (id: number, payload: UpdatePayload) => toRemote((await call('PATCH', `${base()}/${id}`, oneEventType, payload)).data),
    getUnder,
  };
}
