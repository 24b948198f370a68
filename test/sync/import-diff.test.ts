import { describe, expect, it } from 'vitest';
import { differences } from '../../src/sync/diff.js';
import { payloadFor } from '../../src/sync/payload.js';
import { planImport } from '../../src/sync/import.js';
import { eventType } from '../support/calcom-nock.js';
import { aService } from '../support/services.js';

describe('planImport', () => {
  it('links by slug, creates the rest, never touches linked services', () => {
    const services = [
      aService({ id: 85, name: 'Ansatz + Längenausgleich', calcomEventTypeId: 3757698 }),
      aService({ id: 86, name: 'Schnitt' }),
      aService({ id: 87, name: 'Farbe', calcomEventTypeId: 500 }),
    ];
    const plan = planImport(
      [
        eventType(3757698, 'ansatz-langenausgleich-85'),
        eventType(600, 'schnitt-86'),
        eventType(601, 'farbe-87'),
        eventType(602, 'beratung', { title: 'Beratung', lengthInMinutes: 20, hidden: true }),
        eventType(603, 'odd', { lengthInMinutes: 0 }),
      ],
      services,
    );
    expect(plan.alreadyLinked).toBe(1);
    expect(plan.link).toEqual([{ serviceId: 86, eventTypeId: 600, slug: 'schnitt-86' }]);
    // farbe-87's slug matches service 87, but 87 is linked to 500: import creates a service, it doesn't relink 87.
    expect(plan.create.map((c) => [c.id, c.name, c.eventTypeId])).toEqual([
      [88, 'farbe-87', 601],
      [89, 'Beratung', 602],
    ]);
    expect(plan.create[1]).toMatchObject({ durationMinutes: 20, active: false });
    expect(plan.skipped).toEqual([{ eventTypeId: 603, reason: 'length 0 is not a whole number of minutes' }]);
  });
});

describe('planImport: ids for new services fit the catalogue (PostgreSQL integer, 1 … 2147483647)', () => {
  const MAX = 2 ** 31 - 1;
  const three = [eventType(701, 'a'), eventType(702, 'b'), eventType(703, 'c')];
  const cases: [string, number[], number[]][] = [
    ['an empty catalogue starts at 1', [], [1, 2, 3]],
    ['above the highest id while there is room', [85, 86, 87], [88, 89, 90]],
    ['2147483647 in use: the gaps from 1 up', [5, MAX], [1, 2, 3]],
    ['gaps count, taken ids are skipped', [1, 2, 4, MAX], [3, 5, 6]],
    ['the last id above, then the gaps', [2, MAX - 1], [MAX, 1, 3]],
  ];
  // One test over the table: the first two rows are today's behaviour, kept; the rest failed before.
  it('takes ids above the highest first, then the gaps from 1 up', () => {
    for (const [label, used, expected] of cases) {
      const plan = planImport(
        three,
        used.map((id) => aService({ id, name: `S${id}`, calcomEventTypeId: 9000 + id })),
      );
      expect({ label, ids: plan.create.map((c) => c.id), skipped: plan.skipped }).toEqual({ label, ids: expected, skipped: [] });
    }
  });

  it('skips with a reason when no id is left', () => {
    const plan = planImport(
      three,
      [1, 3, 5].map((id) => aService({ id, name: `S${id}`, calcomEventTypeId: 9000 + id })),
      { maxId: 5 },
    );
    expect(plan.create.map((c) => [c.id, c.eventTypeId])).toEqual([
      [2, 701],
      [4, 702],
    ]);
    expect(plan.skipped).toEqual([{ eventTypeId: 703, reason: 'no free service id is left (every id from 1 to 5 is taken)' }]);
  });

  it("skips event types the catalogue can't hold, with why", () => {
    const plan = planImport(
      [
        eventType(801, 'long', { lengthInMinutes: 20_000 }),
        eventType(802, 'essay', { description: 'x'.repeat(10_001) }),
        eventType(MAX + 1, 'huge-id'),
        eventType(803, 'ok'),
      ],
      [],
    );
    expect(plan.create.map((c) => [c.id, c.eventTypeId])).toEqual([[1, 803]]);
    expect(plan.skipped).toEqual([
      { eventTypeId: 801, reason: 'it would be an invalid service: duration_minutes must be at most a week (10080 minutes) (is 20000)' },
      { eventTypeId: 802, reason: 'it would be an invalid service: description must be at most 10000 characters (is 10001)' },
      { eventTypeId: MAX + 1, reason: `its id is beyond what the catalogue can store (${MAX})` },
    ]);
  });
});

describe('differences', () => {
  it('lists changed fields; price is shown as not settable', () => {
    const s = aService({ id: 85, name: 'Ansatz + Längenausgleich', durationMinutes: 45, priceCents: 4500, currency: 'EUR' });
    const live = eventType(3757698, 'ansatz-langenausgleich-85', { title: 'Ansatz', lengthInMinutes: 30, price: 4000, currency: 'eur' });
    expect(differences(payloadFor(s), live, { cents: 4500, currency: 'EUR' })).toEqual([
      { field: 'title', catalogue: 'Ansatz + Längenausgleich', calcom: 'Ansatz', settable: true },
      { field: 'lengthInMinutes', catalogue: 45, calcom: 30, settable: true },
      { field: 'price', catalogue: 4500, calcom: 4000, settable: false },
    ]);
  });
  it('is empty when in step', () => {
    const s = aService({ id: 1, name: 'A', durationMinutes: 30 });
    expect(differences(payloadFor(s), eventType(1, 'a-1', { title: 'A' }), { cents: null, currency: null })).toEqual([]);
  });
});

describe("planImport from a team's list (CALCOM_TEAM_ID)", () => {
  const services = [
    aService({ id: 85, name: 'Ansatz + Längenausgleich', calcomEventTypeId: 3757698 }), // personal, not in the team's list
    aService({ id: 86, name: 'Schnitt' }),
  ];
  const teamList = [
    eventType(9001, 'ansatz-langenausgleich-85'),
    eventType(9002, 'schnitt-86'),
    eventType(9003, 'beratung', { title: 'Beratung', lengthInMinutes: 20 }),
  ];

  it('remembers the team, links by slug, and never imports a copy of a service linked outside the team', () => {
    const plan = planImport(teamList, services, { teamId: 4242 });
    expect(plan.teamId).toBe(4242);
    expect(plan.link).toEqual([{ serviceId: 86, eventTypeId: 9002, slug: 'schnitt-86' }]);
    expect(plan.create.map((c) => [c.name, c.eventTypeId])).toEqual([['Beratung', 9003]]);
    expect(plan.skipped).toEqual([
      {
        eventTypeId: 9001,
        reason:
          'it has the slug of service 85, which is linked to event type 3757698 outside team 4242: `calsync sync 85 --move` links it instead of importing a copy',
      },
    ]);
  });

  it("from the owner's own list the target is personal (null)", () => {
    expect(planImport([], services).teamId).toBeNull();
  });
});
