// The digest use case (SPEC §5), beside the pure compose in digest/. One run: due? → claim the day → compose →
// post → record. Everything outside is injected (the digests' rows, the clock, the post port that renders and
// sends it), so tests race two runs on one database. A forced run (`/calsync digest`, `calsync
// digest`) posts whatever the hour and takes no claim: it must not use up the day's scheduled digest,
// and two people asking at once may each get one, which is what they asked for.
import { composeDigest, type Digest, type DigestCounts } from '../digest/compose.js';
import type { Digests } from '../digest/ports.js';
import { isDue, localDate, type ScheduleLogger } from '../digest/schedule.js';
import type { RemoteEventType, Target } from '../sync/ports.js';
import { retrying, type RetryPolicy } from '../sync/retry.js';
import { snippet } from '../sync/snippet.js';

/** Recording a posted digest: a database blip is retried a few times, quickly (see runDigest). */
const RECORD_RETRY: RetryPolicy = { attempts: 3, baseMs: 200, maxMs: 400 };

/** Where a digest's figures come from: the rows, and Cal.com's list for drift when given. */
interface DigestSources {
  digests: Digests;
  /** Cal.com's list, for drift; without it the digest shows no drift section. */
  readEventTypes?: ReadEventTypes;
  /** Whose list that is: CALCOM_TEAM_ID's team, or null (default) for the key owner's own. */
  target?: Target;
}

export interface RunDigestOptions extends DigestSources {
  channel: string;
  timezone: string;
  /** DIGEST_TIME, `HH:MM`. */
  time: string;
  /** Identifies this process in the claim. */
  holder: string;
  now: () => Date;
  /** Renders and sends the digest (Slack's side); throws when it did not reach the channel. */
  post: (digest: Digest) => Promise<{ ts: string }>;
  logger?: ScheduleLogger;
  force?: boolean;
}

export type SkipReason = 'not-due' | 'already-posted' | 'claimed-elsewhere';

export interface RunDigestResult {
  posted: boolean;
  reason?: SkipReason;
  ts?: string;
  counts?: DigestCounts;
}

/** Reads Cal.com's list for the drift check (SPEC §5); a failure is reported in the digest, never thrown. */
export type ReadEventTypes = () => Promise<RemoteEventType[]>;

/** Reads the catalogue (and Cal.com, once, when given) and composes; `inclusive` compares with a digest already posted today. */
async function composeFrom(
  sources: DigestSources,
  channel: string | undefined,
  date: string,
  now: Date,
  inclusive: boolean,
): Promise<Digest> {
  const { digests, readEventTypes, target = null } = sources;
  const [services, previous, live] = await Promise.all([
    digests.services(),
    channel ? digests.previousCounts(channel, date, inclusive) : Promise.resolve(null),
    readEventTypes
      ? readEventTypes().catch((err: unknown) => ({ error: snippet((err as Error)?.message ?? String(err)) }))
      : Promise.resolve(undefined),
  ]);
  return composeDigest({ services, previous, localDate: date, now, live, target });
}

export async function runDigest(opts: RunDigestOptions): Promise<RunDigestResult> {
  const { digests, channel, holder } = opts;
  const now = opts.now();
  const date = localDate(now, opts.timezone);
  if (opts.force) return post(opts, await composeFrom(opts, channel, date, now, true));

  if (!isDue(now, opts.time, opts.timezone)) return { posted: false, reason: 'not-due' };
  if (!(await digests.claim(channel, date, holder))) {
    const row = await digests.find(channel, date);
    // No row: the holder released it between our two statements; the next sweep will try again.
    const reason: SkipReason = row?.postedAt ? 'already-posted' : 'claimed-elsewhere';
    opts.logger?.info({ channel, date, reason, by: row?.claimedBy }, 'digest not posted by this process');
    return { posted: false, reason };
  }
  let result: RunDigestResult;
  try {
    result = await post(opts, await composeFrom(opts, channel, date, now, false));
  } catch (err) {
    // Nothing reached the channel: let a later run have the day.
    await digests
      .release(channel, date, holder)
      .catch((cause: unknown) => opts.logger?.error({ err: cause, channel, date }, 'could not release the digest claim'));
    throw err;
  }
  // Posted: never release now, or a later run would post twice. A row left unposted is taken over
  // only after CLAIM_TTL, so a database blip here is retried a few times first.
  await retrying(() => digests.markPosted(channel, date, result.ts!, result.counts!), { policy: RECORD_RETRY });
  return result;
}

async function post(opts: RunDigestOptions, digest: Digest): Promise<RunDigestResult> {
  const { ts } = await opts.post(digest);
  opts.logger?.info({ channel: opts.channel, date: digest.localDate, ts, counts: digest.counts, forced: !!opts.force }, 'digest posted');
  return { posted: true, ts, counts: digest.counts };
}

export interface LoadDigestOptions extends DigestSources {
  timezone: string;
  now: () => Date;
  /** DIGEST_CHANNEL, to show the change since the last digest posted there. */
  channel?: string;
}

/** `calsync digest --print`: the full report, for the surface to render; posts nothing, claims nothing. */
export async function loadDigest(opts: LoadDigestOptions): Promise<Digest> {
  const now = opts.now();
  return composeFrom(opts, opts.channel, localDate(now, opts.timezone), now, true);
}
