// Bolt's HTTPReceiver refuses requests stamped more than five minutes in the past, but not in the future: a
// signed request dated ahead never goes stale, so a captured one could be replayed until its date (or for
// ever, with "Infinity"). Slack's rule is |now − timestamp| ≤ 5 min; this check sits in front of Bolt's.
import type { RequestListener } from 'node:http';

/** Slack's allowed clock difference, either way. */
const MAX_SKEW_S = 5 * 60;

/** True when X-Slack-Request-Timestamp is more than five minutes ahead of `nowS` (read as Bolt reads it). */
export function isFutureDated(header: string | string[] | undefined, nowS: number): boolean {
  if (typeof header !== 'string') return false; // missing or repeated: Bolt refuses those itself
  const ts = Number(header);
  return !Number.isNaN(ts) && ts > nowS + MAX_SKEW_S;
}

/** Answers a future-dated POST with 401 and no body, as Bolt answers a stale one; passes the rest on. */
export function refuseFutureDated(next: RequestListener, onRefused: () => void, now: () => number = Date.now): RequestListener {
  return (req, res) => {
    if (req.method === 'POST' && isFutureDated(req.headers['x-slack-request-timestamp'], Math.floor(now() / 1000))) {
      onRefused();
      res.writeHead(401);
      res.end();
      return;
    }
    return next(req, res);
  };
}
