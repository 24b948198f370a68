// `npm run demo` tells the plan-then-apply story end to end (issue 10): a rename keeps its booking URL, a
// second sync is `unchanged`, the digest names drift and restores it, and a dry run prints the plan.
import { describe, expect, it } from 'vitest';
import { runDemo } from '../../src/sandbox/demo.js';

describe('demo', () => {
  it('plays every scenario and ends with one event type per slug', { timeout: 60_000 }, async () => {
    const lines: string[] = [];
    expect(await runDemo({ locale: 'en', out: (l) => lines.push(l) })).toBe(0);
    const text = lines.join('\n');
    expect(text).toContain('• `title` `Balayage` → `Balayage Deluxe`');
    expect(text).toContain('Booking URL after the rename: cal.com/demo/balayage-87 (unchanged');
    expect(text).toContain('Service synced with Cal.com (unchanged)');
    expect(text).toMatch(/Service 86 · Herrenschnitt · edited in Cal.com: `lengthInMinutes` `30` → `45`\s+\[Restore\]/);
    expect(text).toMatch(/Service 89 · Föhnen & Styling · event type \d+ deleted in Cal.com/);
    expect(text).toContain('Booking URL of service 89 again: cal.com/demo/fohnen-styling-89');
    expect(text).toMatch(/service 86 Herrenschnitt: update event type 3761978: lengthInMinutes 45 → 30/);
    expect(text).toContain('Apply: 1 update, 1 invalid; 7 in sync');
    expect(text).toMatch(/Cal.com now has (\d+) event types, \1 distinct slugs/);
  });
});
