// The /v2/event-types controllers. Order of checks follows Nest: route matching (path, method and
// cal-api-version) first, then the global throttler guard, then the API-key guard, then the body
// pipe, then the service. A wrong version therefore looks exactly like a wrong path.
import type { IncomingHttpHeaders } from 'node:http';
import type { KeyRing } from './auth.js';
import { BAD_KEY, NO_AUTH, envelope, nestError, routeNotFound, throttled, validationFailed } from './errors.js';
import type { Clock } from '../lib/clock.js';
import type { RateLimiter } from './ratelimit.js';
import { DuplicateSlugError, type EventTypeStore, legacyOutput } from './store.js';
import type { EmulatorEventType, Owner, Resp } from './types.js';
import { FIELDS_2024_06_14, FIELDS_LEGACY, normalizeSlug, validateBody } from './validate.js';
import { handleTeamApi, TEAM_ROUTE, type Teams } from './teams.js';

export interface ApiRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ApiDeps {
  store: EventTypeStore;
  keys: KeyRing;
  limiter: RateLimiter | null;
  clock: Clock;
  teams: Teams;
  /** A community edition: no team routes. */
  noTeams?: boolean;
}

const CURRENT = '2024-06-14';
/** Versions Cal.com knows but whose controllers have no /event-types route (bookings, slots). */
const ROUTELESS = new Set(['2024-08-13', '2024-09-04']);
const DUPLICATE_SLUG = 'User already has an event type with this slug.';

interface Ctx {
  url: string;
  legacy: boolean;
  owner: Owner | null;
  query: URLSearchParams;
}

const first = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const ok = (status: number, data: unknown): Resp => ({ status, body: { status: 'success', data } });
const notFound = (c: Ctx, id: number) => nestError(404, c.url, `Event type with id ${id} not found`);
const show = (c: Ctx, et: EmulatorEventType) => (c.legacy ? legacyOutput(et) : et);

export function handleApi(deps: ApiDeps, req: ApiRequest): Resp {
  const { method, url } = req;
  const u = new URL(url, 'http://emulator');
  const m = /^\/v2\/event-types(?:\/([^/]+))?\/?$/.exec(u.pathname);
  const version = first(req.headers['cal-api-version']);
  // The teams controller takes any cal-api-version, or none.
  const team = deps.noTeams ? null : TEAM_ROUTE.exec(u.pathname);
  const idParam = team ? team[2] : m?.[1];
  const allowed = idParam === undefined ? ['GET', 'POST'] : ['GET', 'PATCH', 'DELETE'];
  if (!team && (!m || ROUTELESS.has(version))) return routeNotFound(method, url);
  if (!allowed.includes(method)) return routeNotFound(method, url);
  // Cal.com's version extractor maps a missing or unrecognised header to the 2024-04-15 controller.
  const legacy = version !== CURRENT;

  const authorization = first(req.headers.authorization);
  let rateHeaders: Record<string, string> = {};
  if (deps.limiter) {
    const verdict = deps.limiter.hit(authorization ? `key:${authorization}` : 'anonymous', deps.clock.ms());
    rateHeaders = verdict.headers;
    if (verdict.blocked) return { ...throttled(url), headers: rateHeaders };
  }
  const resp = team ? handleTeamApi(deps, method, url, authorization, req.body) : dispatch(deps, req, u, legacy, authorization, idParam);
  return { ...resp, headers: { ...rateHeaders, ...resp.headers } };
}

function dispatch(deps: ApiDeps, req: ApiRequest, u: URL, legacy: boolean, authorization: string, idParam?: string): Resp {
  const c: Ctx = { url: req.url, legacy, owner: null, query: u.searchParams };
  // Listing a user's public event types by username is the one call that works without a key.
  const isPublic = !legacy && req.method === 'GET' && idParam === undefined && c.query.has('username');
  if (authorization) {
    c.owner = deps.keys.resolve(authorization.replace(/^Bearer /, ''));
    if (!c.owner) return nestError(401, c.url, BAD_KEY);
  } else if (!isPublic) {
    return nestError(403, c.url, NO_AUTH);
  }
  if (idParam === undefined) {
    return req.method === 'POST' ? create(deps, c, req.body) : list(deps, c);
  }
  if (!/^\d+$/.test(idParam)) return nestError(400, c.url, 'Validation failed (numeric string is expected)');
  const id = Number(idParam);
  if (req.method === 'GET') return getOne(deps, c, id);
  if (req.method === 'PATCH') return patch(deps, c, id, req.body);
  return remove(deps, c, id);
}

/** JSON body → validated, whitelisted fields in the 2024-06-14 vocabulary (or an error response). */
function parseBody(c: Ctx, text: string, creating: boolean): Record<string, unknown> | Resp {
  let raw: unknown = {};
  try {
    if (text.trim() !== '') raw = JSON.parse(text);
  } catch (err) {
    return nestError(400, c.url, (err as Error).message);
  }
  if (!c.legacy && raw && typeof raw === 'object' && 'slug' in raw) raw = { ...raw, slug: normalizeSlug(raw.slug) };
  const fields = c.legacy ? FIELDS_LEGACY : FIELDS_2024_06_14;
  const required = creating ? ['title', 'slug', c.legacy ? 'length' : 'lengthInMinutes'] : [];
  const v = validateBody(raw, fields, required);
  if (!v.ok) return validationFailed(c.url, v.errors);
  if (c.legacy && 'length' in v.value) {
    const { length, ...rest } = v.value;
    return { ...rest, lengthInMinutes: length };
  }
  return v.value;
}

const isResp = (x: Record<string, unknown> | Resp): x is Resp => 'status' in x && 'body' in x && typeof x.status === 'number';

function create(deps: ApiDeps, c: Ctx, text: string): Resp {
  const owner = c.owner!;
  const fields = parseBody(c, text, true);
  if (isResp(fields)) return fields;
  try {
    return ok(201, show(c, deps.store.create(owner.userId, fields, [owner.username])));
  } catch (err) {
    if (err instanceof DuplicateSlugError) return nestError(400, c.url, DUPLICATE_SLUG);
    throw err;
  }
}

function getOne(deps: ApiDeps, c: Ctx, id: number): Resp {
  const et = deps.store.get(id);
  if (!et || et.ownerId !== c.owner!.userId) return notFound(c, id);
  return ok(200, c.legacy ? { eventType: legacyOutput(et) } : structuredClone(et));
}

function list(deps: ApiDeps, c: Ctx): Resp {
  const username = c.query.get('username');
  let items: EmulatorEventType[];
  if (!c.legacy && username) {
    const target = deps.keys.findUsername(username);
    items = target ? deps.store.list(target.userId) : [];
    // Hidden event types are only shown to their owner.
    if (target?.userId !== c.owner?.userId) items = items.filter((e) => !e.hidden);
    const slug = c.query.get('eventSlug');
    if (slug !== null) items = items.filter((e) => e.slug === slug);
  } else {
    // `eventSlug` without `username` is ignored: Cal.com answers with the key owner's list.
    items = deps.store.list(c.owner!.userId);
  }
  if (c.query.get('sortCreatedAt') === 'desc') items.reverse();
  const out = items.map((e) => (c.legacy ? legacyOutput(e) : structuredClone(e)));
  return ok(200, c.legacy ? { eventTypeGroups: [{ eventTypes: out }] } : out);
}

function patch(deps: ApiDeps, c: Ctx, id: number, text: string): Resp {
  const et = deps.store.get(id);
  if (!et || et.ownerId !== c.owner!.userId) return notFound(c, id);
  const fields = parseBody(c, text, false);
  if (isResp(fields)) return fields;
  try {
    return ok(200, show(c, deps.store.update(id, fields)));
  } catch (err) {
    // The update path goes through tRPC in Cal.com, hence the different error class.
    if (err instanceof DuplicateSlugError) return envelope(400, c.url, 'TRPCError', 'error_event_type_url_duplicate');
    throw err;
  }
}

function remove(deps: ApiDeps, c: Ctx, id: number): Resp {
  const et = deps.store.get(id);
  if (!et) return notFound(c, id);
  const userId = c.owner!.userId;
  // Deleting is the one call that tells "exists but not yours" apart: 403, as Cal.com does.
  if (et.ownerId !== userId) return nestError(403, c.url, `User with id ${userId} is not the owner of this event type`);
  deps.store.delete(id);
  const { title, slug, lengthInMinutes } = et;
  return ok(200, c.legacy ? { id, length: lengthInMinutes, slug, title } : { id, lengthInMinutes, title, slug });
}
