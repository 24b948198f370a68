// `npm run demo` tells the plan-then-apply story end to end (issue 10): a rename keeps its booking URL, a
// second sync is `unchanged`, the digest names drift and restores it, and a dry run prints the plan.
import { describe, expect, it } from 'vitest';
import { runDemo } from '../../src/cli/demo.js';

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

  it('--team plays the tour against a team, and moves a personal link only when asked', { timeout: 60_000 }, async () => {
    const lines: string[] = [];
    expect(await runDemo({ locale: 'en', team: true, out: (l) => lines.push(l) })).toBe(0);
    const text = lines.join('\n');
    expect(text).toContain('Target: team 4242 (CALCOM_TEAM_ID=4242, round robin');
    expect(text).toContain('Booking URL after the rename: cal.com/team/salon/balayage-87 (unchanged');
    expect(text).toMatch(/Service 86 · Herrenschnitt · edited in Cal.com: `lengthInMinutes` `30` → `45`\s+\[Restore\]/);
    expect(text).toContain('service 94 Haarkur: move to team 4242: linked to event type 3761995 of the key owner (personal)');
    expect(text).toContain('Apply: 1 update, 1 move to team (needs --move), 1 invalid; 7 in sync');
    expect(text).toContain("`Not moved: event type 3761995 is personal, not team 4242's; 'calsync sync 94 --move' creates it on");
    expect(text).toMatch(
      /service 94 Haarkur: created, event type \d+ \(1 attempt\); moved from event type 3761995, which was left as it is/,
    );
    expect(text).toMatch(/Team 4242 now has (\d+) event types, \1 distinct slugs/);
  });
});
