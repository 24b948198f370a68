// Switchable failures. Queued rules are consumed first-match-first (FIFO), each `times` times
// (default once); then, if random faults are on, a seeded PRNG decides, so a failing run can be
// replayed exactly by reusing the seed.
import type { FaultRule, RandomFaults } from './types.js';

const KINDS = new Set(['status', 'delay', 'reset', 'rateLimit']);
const REGEX_LITERAL = /^\/(.+)\/([dgimsuy]*)$/;
const REGEX_META = /[\\^$.*+?()[\]{}|]/;

/** Throws on a rule the server could not act on, so a typo in a test fails loudly. */
export function checkRule(rule: unknown): FaultRule {
  const r = rule as FaultRule;
  if (typeof r !== 'object' || r === null || !KINDS.has(r.kind)) throw new Error(`fault kind must be one of ${[...KINDS].join(', ')}`);
  if (r.kind === 'status' && !(Number.isInteger(r.status) && r.status! >= 400 && r.status! <= 599)) {
    throw new Error('a status fault needs status 400-599');
  }
  if (r.kind === 'delay' && !(typeof r.ms === 'number' && r.ms >= 0)) throw new Error('a delay fault needs ms >= 0');
  if (r.times !== undefined && !(Number.isInteger(r.times) && r.times >= 1)) throw new Error('times must be an integer >= 1');
  return { ...r };
}

/**
 * `path` is a substring of the URL, unless it is written `/…/flags` AND contains a regex
 * metacharacter: a plain "/v2/event-types/" must stay a substring, not become a looser regex.
 */
function pathMatcher(path: string | undefined): (url: string) => boolean {
  if (path === undefined || path === '') return () => true;
  const m = REGEX_LITERAL.exec(path);
  if (m && REGEX_META.test(m[1] ?? '')) {
    try {
      const re = new RegExp(m[1] ?? '', (m[2] ?? '').replace(/[gy]/g, ''));
      return (url) => re.test(url);
    } catch {
      // Not a valid regex after all: fall back to a substring.
    }
  }
  return (url) => url.includes(path);
}

function matches(rule: FaultRule, method: string, url: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  return pathMatcher(rule.path)(url);
}

/** mulberry32: tiny, fast, and good enough to pick faults reproducibly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Faults {
  private queue: Array<{ rule: FaultRule; left: number }> = [];
  private random: { rate: number; kinds: FaultRule[]; next: () => number } | null = null;

  inject(rules: unknown[]): void {
    const checked = rules.map(checkRule);
    for (const rule of checked) this.queue.push({ rule, left: rule.times ?? 1 });
  }

  setRandom(opts: RandomFaults | null): void {
    if (opts === null) {
      this.random = null;
      return;
    }
    if (!(opts.rate >= 0 && opts.rate <= 1)) throw new Error('rate must be between 0 and 1');
    if (!Array.isArray(opts.kinds) || opts.kinds.length === 0) throw new Error('kinds must list at least one fault');
    this.random = { rate: opts.rate, kinds: opts.kinds.map(checkRule), next: prng(opts.seed ?? 1) };
  }

  /** The fault for this request, if any; consumes one use of a queued rule. */
  take(method: string, url: string): FaultRule | undefined {
    const i = this.queue.findIndex((q) => matches(q.rule, method, url));
    const hit = this.queue[i];
    if (hit) {
      if (--hit.left <= 0) this.queue.splice(i, 1);
      return hit.rule;
    }
    if (!this.random) return undefined;
    // Two draws per request whatever the outcome, so the sequence depends only on request order.
    const roll = this.random.next();
    const pick = this.random.kinds[Math.floor(this.random.next() * this.random.kinds.length)];
    return roll < this.random.rate && pick && matches(pick, method, url) ? pick : undefined;
  }

  pending(): Array<FaultRule & { left: number }> {
    return this.queue.map((q) => ({ ...q.rule, left: q.left }));
  }

  clear(): void {
    this.queue = [];
    this.random = null;
  }
}
