// Socket Mode's connection, kept here rather than by @slack/socket-mode's own reconnection: that one retries a
// refused apps.connections.open for ever (or ~100 times, so start-up hangs), and a Slack that is unreachable
// during one of its reconnects becomes an unhandled rejection that ends the process. Here the first connection
// fails fast with a reason an operator can act on, a lost one is retried with backoff for as long as the
// process runs, and connected() tells /healthz the truth meanwhile.
import { ErrorCode, type WebClientOptions } from '@slack/web-api';
import type { SocketModeReceiver } from '@slack/bolt';
import type { Logger } from '../lib/logger.js';
import { withinDeadline } from '../lib/deadline.js';
import { SlackStartError } from './start-error.js';

export { SlackStartError };

type SocketClient = SocketModeReceiver['client'];

/** Web API options of the socket client: SLACK_API_URL, and few quick retries so a refusal surfaces in seconds. */
export function socketClientOptions(apiUrl: string): WebClientOptions {
  return { slackApiUrl: apiUrl, retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 }, timeout: 8000 };
}

/** The innermost reason of a transport failure (`ECONNREFUSED`, `ENOTFOUND`, a timeout), never a token. */
function transportReason(err: unknown): string {
  let e = err as { code?: unknown; message?: unknown; cause?: unknown; original?: unknown } | undefined;
  let reason = 'no answer';
  for (let depth = 0; e && depth < 6; depth++) {
    if (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return e.code;
    if (typeof e.message === 'string' && e.message) reason = e.message;
    e = (e.original ?? e.cause) as typeof e;
  }
  return reason;
}

const APP_TOKEN_HINTS: Record<string, string> = {
  not_allowed_token_type: 'it must be an app-level token (xapp-…), not a bot or user token',
  missing_scope: 'the app-level token needs the connections:write scope',
};

/**
 * Why Slack could not be reached or refused us, naming what to fix. `token` says which call failed: the bot
 * token's auth.test or the app token's apps.connections.open.
 */
export function startFailure(err: unknown, apiUrl: string, token: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN'): SlackStartError {
  const e = err as { code?: string; data?: { error?: string }; statusCode?: number } | undefined;
  let message: string;
  if (err instanceof SlackStartError) return err;
  if (e?.code === ErrorCode.PlatformError) {
    const code = e.data?.error ?? 'unknown_error';
    const hint =
      token === 'SLACK_APP_TOKEN'
        ? (APP_TOKEN_HINTS[code] ??
          "check the app-level token (xapp-…, scope connections:write) on your Slack app's Basic Information page")
        : "check the bot token (xoxb-…) on your Slack app's OAuth & Permissions page";
    message = `${token} was refused by Slack (${code}): ${hint}`;
  } else if (e?.code === ErrorCode.HTTPError) {
    message = `Slack at ${apiUrl} answered HTTP ${e.statusCode}: check SLACK_API_URL (Slack's is https://slack.com/api/)`;
  } else if (e?.code === ErrorCode.RequestError) {
    message = `Slack at ${apiUrl} is unreachable (${transportReason(err)}): check SLACK_API_URL and the network`;
  } else if (token === 'SLACK_APP_TOKEN') {
    // The socket client rejects with nothing when the WebSocket closes before Slack's hello.
    message = `the Socket Mode connection to Slack closed before it was ready (${err ? transportReason(err) : 'no hello from Slack'})`;
  } else {
    message = `could not start the Slack app (${transportReason(err)})`;
  }
  return new SlackStartError(message, { cause: err });
}

/** Rejects with a SlackStartError once `ms` have passed without `work` settling. */
export function withDeadline<T>(work: Promise<T>, ms: number, apiUrl: string): Promise<T> {
  return withinDeadline(
    work,
    ms,
    () => new SlackStartError(`Slack at ${apiUrl} did not answer within ${Math.round(ms / 1000)} s: check SLACK_API_URL and the network`),
  );
}

export interface SocketLink {
  /** True while the WebSocket is open and Slack has said hello. */
  connected(): boolean;
  /** Opens the first connection through `connect` (Bolt's app.start()); throws a SlackStartError. */
  start(connect: () => Promise<unknown>, deadlineMs: number): Promise<void>;
  stop(): Promise<void>;
}

export interface SocketLinkOptions {
  apiUrl: string;
  logger: Logger;
  /** Wait before reconnect attempt n (1-based): the first is at once, then doubling to 30 s. */
  retryDelayMs?: (attempt: number) => number;
  /** One reconnect attempt that neither connects nor fails within this is abandoned. */
  attemptTimeoutMs?: number;
}

const defaultDelay = (attempt: number) => (attempt <= 1 ? 0 : Math.min(30_000, 1000 * 2 ** (attempt - 2)));

/** Watches a socket client built with `autoReconnectEnabled: false` and reconnects it after any loss. */
export function socketLink(client: SocketClient, opts: SocketLinkOptions): SocketLink {
  const { logger } = opts;
  const delay = opts.retryDelayMs ?? defaultDelay;
  let up = false;
  let started = false;
  let stopping = false;
  let reconnecting = false;
  let askedBy: string | undefined; // the reason of Slack's last `disconnect` message
  let wake: (() => void) | undefined;

  client.on('connected', () => {
    up = true;
    if (started) logger.info({ reason: askedBy ?? 'connection lost' }, 'reconnected to Slack (Socket Mode)');
    askedBy = undefined;
  });
  // Slack announces a planned close ("refresh_requested", "warning", "link_disabled"); the client then closes.
  client.on('ws_message', (data: unknown, isBinary: boolean) => {
    if (isBinary) return;
    try {
      const message = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data as ArrayBuffer)) as {
        type?: string;
        reason?: string;
      };
      if (message.type !== 'disconnect') return;
      askedBy = String(message.reason ?? 'unknown');
      logger.info({ reason: askedBy }, 'Slack asked for a new Socket Mode connection; reconnecting');
    } catch {
      // Not JSON: the client ignores it too.
    }
  });
  client.on('disconnected', () => {
    up = false;
    if (!started || stopping) return;
    if (!askedBy) logger.warn('lost the Socket Mode connection to Slack; reconnecting');
    void reconnect();
  });

  async function attempt(): Promise<void> {
    const timeoutMs = opts.attemptTimeoutMs ?? 30_000;
    await withDeadline(client.start(), timeoutMs, opts.apiUrl).catch(async (err: unknown) => {
      // A stalled attempt leaves a half-open socket behind; closing it also ends the pending start().
      if (err instanceof SlackStartError) await client.disconnect().catch(() => {});
      throw err;
    });
  }

  async function reconnect(): Promise<void> {
    if (reconnecting) return;
    reconnecting = true;
    try {
      for (let n = 1; !stopping && !up; n++) {
        const wait = delay(n);
        if (wait > 0)
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, wait).unref();
          });
        if (stopping) return;
        try {
          await attempt();
        } catch (err) {
          logger.warn(
            { err: startFailure(err, opts.apiUrl, 'SLACK_APP_TOKEN').message, attempt: n },
            'could not reconnect to Slack (Socket Mode); trying again',
          );
        }
      }
    } finally {
      reconnecting = false;
    }
  }

  return {
    connected: () => up,
    async start(connect, deadlineMs) {
      try {
        await withDeadline(connect(), deadlineMs, opts.apiUrl);
      } catch (err) {
        stopping = true;
        await client.disconnect().catch(() => {});
        throw startFailure(err, opts.apiUrl, 'SLACK_APP_TOKEN');
      }
      started = true;
    },
    async stop() {
      stopping = true;
      wake?.();
      await client.disconnect();
    },
  };
}
