// The errors of the Cal.com adapter, made at its edge: CalcomError for everything that goes wrong talking to
// Cal.com (status, Cal.com's own code and message, the raw body, the cause, whether a retry can help), and
// RedisError for the shared rate limiter's Redis, which fails a request before it is sent.
import { ApiFailureError, type TeamProblem } from '../sync/ports.js';
import { redact } from '../lib/redact.js';

export type CalcomErrorKind = 'http' | 'timeout' | 'network' | 'invalid-response';

export type { TeamProblem };

/** A route-level 404 (Nest's "Cannot GET /v2/…"), as opposed to an entity that is not found. */
const ROUTE_NOT_FOUND = /^Cannot (GET|POST|PATCH|PUT|DELETE) \//;
/** Cal.com's roles guard: `… minimum required role=TEAM_ADMIN within team with id=4242.` */
const ROLE_REFUSED = /role|admin|owner|member/i;

/** Longest raw body kept on the error (and so in sync_error): enough to debug, not a memory hazard. */
const MAX_BODY = 2000;

export class CalcomError extends ApiFailureError {
  override name = 'CalcomError';
  readonly kind: CalcomErrorKind;
  readonly status: number;
  readonly code?: string;
  readonly apiMessage?: string;
  readonly body?: string;
  readonly retryable: boolean;
  readonly retryAfterSeconds?: number;
  /** Set on a team route's 403 for the role, or its route-level 404 (a Cal.com without teams). */
  readonly teamProblem?: TeamProblem;

  constructor(init: {
    kind: CalcomErrorKind;
    status: number;
    message: string;
    code?: string;
    apiMessage?: string;
    body?: string;
    retryAfterSeconds?: number;
    teamProblem?: TeamProblem;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.apiMessage = init.apiMessage;
    this.body = init.body?.slice(0, MAX_BODY);
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.teamProblem = init.teamProblem;
    this.retryable = init.kind === 'timeout' || init.kind === 'network' || init.status === 429 || init.status >= 500;
  }

  /**
   * From a non-2xx response: `Cal.com API error <status>: <message> <body>` (SPEC §3.13). On a team route
   * (`teamId`), a 403 for the role and a route-level 404 lead with what the operator has to fix.
   */
  static fromResponse(status: number, body: string, retryAfterSeconds?: number, route: { teamId?: number } = {}): CalcomError {
    let code: string | undefined;
    let apiMessage: string | undefined;
    try {
      const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
      if (typeof parsed?.error?.code === 'string') code = parsed.error.code;
      if (typeof parsed?.error?.message === 'string') apiMessage = parsed.error.message;
    } catch {
      // not JSON: a proxy's HTML page, say; the raw body is all we have
    }
    const compact = body.replace(/\s+/g, ' ').trim().slice(0, MAX_BODY);
    // Cal.com's message leads, so the 100-character snippet in Slack says what went wrong.
    const teamProblem = route.teamId === undefined ? undefined : teamProblemOf(status, apiMessage ?? compact);
    const hint =
      status === 401
        ? 'API key rejected, check CALCOM_API_KEY. '
        : teamProblem === 'not-team-admin'
          ? `API key rejected for team ${route.teamId}: the key's user must be a team admin or owner. `
          : teamProblem === 'no-teams'
            ? `this Cal.com has no teams (CALCOM_TEAM_ID=${route.teamId} needs Cal.com's team event types). `
            : '';
    const lead = apiMessage ? `${apiMessage} ` : '';
    const message = `Cal.com API error ${status}: ${hint}${lead}${compact}`.trim();
    return new CalcomError({ kind: 'http', status, message, code, apiMessage, body, retryAfterSeconds, teamProblem });
  }

  static timeout(ms: number, cause?: unknown): CalcomError {
    const seconds = ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
    return new CalcomError({ kind: 'timeout', status: 0, message: `Cal.com timed out after ${seconds}`, cause });
  }

  static network(cause: unknown): CalcomError {
    const root = (cause as { cause?: { code?: string; message?: string } })?.cause;
    const detail = root?.message ?? (cause as Error)?.message ?? String(cause);
    return new CalcomError({ kind: 'network', status: 0, message: `Cal.com unreachable: ${detail}`, cause });
  }

  static invalidResponse(what: string, cause?: unknown): CalcomError {
    return new CalcomError({ kind: 'invalid-response', status: 200, message: `Cal.com sent an unexpected response: ${what}`, cause });
  }
}

function teamProblemOf(status: number, said: string): TeamProblem | undefined {
  if (status === 403 && ROLE_REFUSED.test(said)) return 'not-team-admin';
  // A self-hosted community edition has no team routes at all; an entity 404 names the event type instead.
  if (status === 404 && (ROUTE_NOT_FOUND.test(said) || said === '')) return 'no-teams';
  return undefined;
}

/**
 * Redis, which the shared rate limiter runs on, failed before a request could go out: nothing reached
 * Cal.com. The engine does not retry it (retryable false): the limiter has already given Redis its grace
 * (a bounded wait for the connection, one fresh connection after a drop), and retrying per service would
 * only multiply that wait across a bulk run. The message names the server, never its password.
 */
export class RedisError extends ApiFailureError {
  override name = 'RedisError';
  readonly status = 0;
  readonly retryable = false;

  constructor(
    readonly location: string,
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
  }

  /** `Redis at redis://host:6379 is not answering (connect ECONNREFUSED …)`, or "refused" for an answer that is an error. */
  static from(url: string, cause: unknown, fallback?: string): RedisError {
    const location = redisLocation(url);
    const detail = redact(((cause as Error)?.message ?? fallback ?? String(cause)).replace(/\s+/g, ' ').trim()).slice(0, 300);
    const mute =
      cause === undefined ||
      /ECONN|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|timed out|closed|writeable|no answer/i.test(detail);
    const what = mute ? 'is not answering' : 'refused the request';
    return new RedisError(
      location,
      `Redis at ${location} ${what} (${detail}); the shared Cal.com rate limiter needs it, so nothing was sent to Cal.com`,
      cause,
    );
  }
}

/** `redis://host:port` with no user, password or database: safe for logs and Slack. */
export function redisLocation(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.port ? u.host : `${u.host}:6379`}`;
  } catch {
    return 'the configured REDIS_URL';
  }
}
