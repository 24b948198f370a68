// The one error type for everything that goes wrong talking to Cal.com. Made at the edge, it keeps
// the status, Cal.com's own code and message, the raw body and the cause, and says if a retry can help.
import type { ApiFailure } from '../sync/ports.js';

export type CalcomErrorKind = 'http' | 'timeout' | 'network' | 'invalid-response';

/** Longest raw body kept on the error (and so in sync_error): enough to debug, not a memory hazard. */
const MAX_BODY = 2000;

export class CalcomError extends Error implements ApiFailure {
  override name = 'CalcomError';
  readonly kind: CalcomErrorKind;
  readonly status: number;
  readonly code?: string;
  readonly apiMessage?: string;
  readonly body?: string;
  readonly retryable: boolean;
  readonly retryAfterSeconds?: number;

  constructor(init: { kind: CalcomErrorKind; status: number; message: string; code?: string; apiMessage?: string; body?: string; retryAfterSeconds?: number; cause?: unknown }) {
    super(init.message, { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.apiMessage = init.apiMessage;
    this.body = init.body?.slice(0, MAX_BODY);
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.retryable = init.kind === 'timeout' || init.kind === 'network' || init.status === 429 || init.status >= 500;
  }

  /** From a non-2xx response: `Cal.com API error <status>: <message> <body>` (SPEC §3.13). */
  static fromResponse(status: number, body: string, retryAfterSeconds?: number): CalcomError {
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
    const hint = status === 401 ? 'API key rejected, check CALCOM_API_KEY. ' : '';
    const lead = apiMessage ? `${apiMessage} ` : '';
    const message = `Cal.com API error ${status}: ${hint}${lead}${compact}`.trim();
    return new CalcomError({ kind: 'http', status, message, code, apiMessage, body, retryAfterSeconds });
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
