// GET /healthz (SPEC §2, §10 "Failing neighbours"): 200 only when every neighbour the app needs answers.
// Each check gets its own deadline, because a database stuck behind a long transaction or a Redis that
// accepts connections but never replies must turn into a 503, not into a probe that hangs.
import { withinDeadline } from './deadline.js';

export type HealthCheck = () => Promise<boolean>;

export interface HealthReport {
  ok: boolean;
  body: { status: 'ok' | 'unavailable' } & Record<string, 'up' | 'down' | string>;
}

/** Default deadline per check: well under the usual probe timeouts (Kubernetes: 1 s is common, 5 s max). */
export const HEALTH_TIMEOUT_MS = 1000;

/** A check that fails, throws or misses its deadline counts as down. */
const within = (check: HealthCheck, ms: number): Promise<boolean> => withinDeadline(check(), ms).catch(() => false);

/** Runs every check at once; one that fails, throws or misses its deadline makes the report "unavailable". */
export async function healthReport(checks: Record<string, HealthCheck>, timeoutMs = HEALTH_TIMEOUT_MS): Promise<HealthReport> {
  const names = Object.keys(checks);
  const results = await Promise.all(names.map((name) => within(checks[name]!, timeoutMs)));
  const ok = results.every(Boolean);
  const body: HealthReport['body'] = { status: ok ? 'ok' : 'unavailable' };
  for (const [i, name] of names.entries()) body[name] = results[i] ? 'up' : 'down';
  return { ok, body };
}
