// Cal.com's CustomThrottlerGuard per API key: a fixed window of `limit` requests; the request that
// goes over it is refused and the key is then blocked for `blockMs` (every request refused, Reset
// counting down the block). Headers carry SECONDS remaining, never an epoch, exactly as Cal.com does.

export interface Verdict {
  blocked: boolean;
  headers: Record<string, string>;
}

interface Bucket {
  windowStart: number;
  count: number;
  blockedUntil: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly blockMs: number,
  ) {}

  hit(tracker: string, now: number): Verdict {
    let b = this.buckets.get(tracker);
    if (b && b.blockedUntil > now) return this.verdict(true, 0, b.blockedUntil - now);
    if (!b || b.blockedUntil > 0 || now - b.windowStart >= this.windowMs) {
      b = { windowStart: now, count: 0, blockedUntil: 0 };
      this.buckets.set(tracker, b);
    }
    b.count++;
    if (b.count > this.limit) {
      b.blockedUntil = now + this.blockMs;
      return this.verdict(true, 0, this.blockMs);
    }
    return this.verdict(false, this.limit - b.count, b.windowStart + this.windowMs - now);
  }

  /** What an injected `rateLimit` fault shows: the throttler's refusal without touching real counters. */
  refusal(): Verdict {
    return this.verdict(true, 0, this.blockMs);
  }

  clear(): void {
    this.buckets.clear();
  }

  private verdict(blocked: boolean, remaining: number, msLeft: number): Verdict {
    return {
      blocked,
      headers: {
        'X-RateLimit-Limit-Default': String(this.limit),
        'X-RateLimit-Remaining-Default': String(remaining),
        'X-RateLimit-Reset-Default': String(Math.max(0, Math.ceil(msLeft / 1000))),
      },
    };
  }
}

/**
 * How hard each key really hits the server: the most requests that arrived within any sliding 60 s,
 * counted whether or not they were refused. This is the number "stay under 120/min" is judged by.
 */
export class WindowMeter {
  // Arrival times per tracker plus the index of the oldest one still inside the span: advancing an
  // index instead of shifting keeps a long benchmark at thousands of requests per second cheap.
  private readonly times = new Map<string, { list: number[]; head: number }>();
  private readonly max = new Map<string, number>();

  constructor(private readonly spanMs = 60_000) {}

  hit(tracker: string, now: number): void {
    let t = this.times.get(tracker);
    if (!t) {
      t = { list: [], head: 0 };
      this.times.set(tracker, t);
    }
    t.list.push(now);
    while (t.head < t.list.length && (t.list[t.head] ?? now) <= now - this.spanMs) t.head++;
    if (t.head > 1024 && t.head * 2 > t.list.length) {
      t.list = t.list.slice(t.head);
      t.head = 0;
    }
    this.max.set(tracker, Math.max(this.max.get(tracker) ?? 0, t.list.length - t.head));
  }

  /** Per tracker; `label` turns a raw key into something safe to print. */
  byTracker(label: (tracker: string) => string = (t) => t): Record<string, number> {
    return Object.fromEntries([...this.max].map(([t, n]) => [label(t) || 'anonymous', n]));
  }

  overall(): number {
    return Math.max(0, ...this.max.values());
  }

  clear(): void {
    this.times.clear();
    this.max.clear();
  }
}
