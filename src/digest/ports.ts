// The port the digest use case reads and records through (SPEC §5 "exactly once per channel and local
// date"); db/digests.ts implements it on the database, whose clock judges a claim's age.
import type { DigestCounts, DigestService } from './compose.js';

/** A digest row: who claimed the day, and whether it was posted. */
export interface DigestRecord {
  claimedBy: string;
  claimedAt: Date;
  postedAt: Date | null;
  messageTs: string | null;
}

export interface Digests {
  /** Every service with the payload hash of its last successful run. */
  services(): Promise<DigestService[]>;
  /** True when this holder may post the digest for that channel and date; atomic across processes. */
  claim(channel: string, localDate: string, holder: string): Promise<boolean>;
  markPosted(channel: string, localDate: string, messageTs: string, counts: DigestCounts): Promise<void>;
  /** Posting failed: drop this holder's unposted claim so a later run retries the day. */
  release(channel: string, localDate: string, holder: string): Promise<void>;
  find(channel: string, localDate: string): Promise<DigestRecord | null>;
  /** The counts of the latest posted digest in that channel before `beforeDate` (or on it, if `inclusive`). */
  previousCounts(channel: string, beforeDate: string, inclusive?: boolean): Promise<DigestCounts | null>;
}
