// The digest use case (SPEC §5), beside the pure compose in digest/. One run: due? → claim the day → compose →
// post → record. Everything outside is injected (the clock, the post port that renders and sends it), so
// tests race two runs on one database. A forced run (`/calsync digest`, `calsync
// digest`) posts whatever the hour and takes no claim: it must not use up the day's scheduled digest,
// and two people asking at once may each get one, which is what they asked for.
import { claimDigest, digestInput, findDigest, markPosted, previousCounts, releaseClaim } from '../db/digests.js';
import type { Prisma } from '../db/database.js';
import { t, type Locale } from '../i18n/index.js';
import { composeDigest, type Digest, type DigestCounts } from '../digest/compose.js';
import { digestText } from '../digest/print.js';
import { isDue, localDate, type ScheduleLogger } from '../digest/schedule.js';
import type { RemoteEventType, Target } from '../sync/ports.js';
import { retrying, type RetryPolicy } from '../sync/retry.js';
import { snippet } from '../sync/snippet.js';

/** Recording a posted digest: a database blip is retried a few times, quickly (see runDigest). */
const RECORD_RETRY: RetryPolicy = { attempts: 3, baseMs: 200, maxMs: 400 };

export interface RunDigestOptions {
  prisma: Prisma;
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
  /** Cal.com's list, for drift; without it the digest shows no drift section. */
  readEventTypes?: ReadEventTypes;
  /** Whose list that is: CALCOM_TEAM_ID's team, or null (default) for the key owner's own. */
  target?: Target;
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
async function loadDigest(prisma: Prisma, channel: string | undefined, date: string, now: Date, inclusive = false, readEventTypes?: ReadEventTypes, target: Target = null): Promise<Digest> {
  const [services, previous, live] = await Promise.all([
    digestInput(prisma),
    channel ? previousCounts(prisma, channel, date, inclusive) : Promise.resolve(null),
    readEventTypes ? readEventTypes().catch((err: unknown) => ({ error: snippet((err as Error)?.message ?? String(err)) })) : Promise.resolve(undefined),
  ]);
  return composeDigest({ services, previous, localDate: date, now, live, target });
}

export async function runDigest(opts: RunDigestOptions): Promise<RunDigestResult> {
  const { prisma, channel, holder } = opts;
  const now = opts.now();
  const date = localDate(now, opts.timezone);
  if (opts.force) return post(opts, await loadDigest(prisma, channel, date, now, true, opts.readEventTypes, opts.target));

  if (!isDue(now, opts.time, opts.timezone)) return { posted: false, reason: 'not-due' };
  if (!(await claimDigest(prisma, channel, date, holder))) {
    const row = await findDigest(prisma, channel, date);
    // No row: the holder released it between our two statements; the next sweep will try again.
    const reason: SkipReason = row?.postedAt ? 'already-posted' : 'claimed-elsewhere';
    opts.logger?.info({ channel, date, reason, by: row?.claimedBy }, 'digest not posted by this process');
    return { posted: false, reason };
  }
  let result: RunDigestResult;
  try {
    result = await post(opts, await loadDigest(prisma, channel, date, now, false, opts.readEventTypes, opts.target));
  } catch (err) {
    // Nothing reached the channel: let a later run have the day.
    await releaseClaim(prisma, channel, date, holder).catch((cause: unknown) => opts.logger?.error({ err: cause, channel, date }, 'could not release the digest claim'));
    throw err;
  }
  // Posted: never release now, or a later run would post twice. A row left unposted is taken over
  // only after CLAIM_TTL, so a database blip here is retried a few times first.
  await retrying(() => markPosted(prisma, channel, date, result.ts!, result.counts!), { policy: RECORD_RETRY });
  return result;
}

async function post(opts: RunDigestOptions, digest: Digest): Promise<RunDigestResult> {
  const { ts } = await opts.post(digest);
  opts.logger?.info({ channel: opts.channel, date: digest.localDate, ts, counts: digest.counts, forced: !!opts.force }, 'digest posted');
  return { posted: true, ts, counts: digest.counts };
}

export interface PrintDigestOptions {
  prisma: Prisma;
  timezone: string;
  locale: Locale;
  now: () => Date;
  /** DIGEST_CHANNEL, to show the change since the last digest posted there. */
  channel?: string;
  readEventTypes?: ReadEventTypes;
  target?: Target;
}

/** `calsync digest --print`: the full report as text; posts nothing, claims nothing. */
export async function printDigest(opts: PrintDigestOptions): Promise<string> {
  const now = opts.now();
  const digest = await loadDigest(opts.prisma, opts.channel, localDate(now, opts.timezone), now, true, opts.readEventTypes, opts.target);
  return digestText(digest, t(opts.locale));
}
