import { describe, expect, it } from 'vitest';
import { differences } from '../../src/sync/diff.js';
import { payloadFor } from '../../src/sync/payload.js';
import { planImport } from '../../src/sync/import.js';
import { eventType } from '../support/calcom-nock.js';
import { service } from '../support/memory-store.js';

describe('planImport', () => {
  it('links by slug, creates the rest, never touches linked services', () => {
    const services = [
      service({ id: 85, name: 'Ansatz + Längenausgleich', calcomEventTypeId: 3757698 }),
      service({ id: 86, name: 'Schnitt' }),
      service({ id: 87, name: 'Farbe', calcomEventTypeId: 500 }),
    ];
    const plan = planImport(
      [eventType(3757698, 'ansatz-langenausgleich-85'), eventType(600, 'schnitt-86'), eventType(601, 'farbe-87'), eventType(602, 'beratung', { title: 'Beratung', lengthInMinutes: 20, hidden: true }), eventType(603, 'odd', { lengthInMinutes: 0 })],
      services,
    );
    expect(plan.alreadyLinked).toBe(1);
    expect(plan.link).toEqual([{ serviceId: 86, eventTypeId: 600, slug: 'schnitt-86' }]);
    // farbe-87's slug matches service 87, but 87 is linked to 500: import creates a service, it doesn't relink 87.
    expect(plan.create.map((c) => [c.id, c.name, c.eventTypeId])).toEqual([[88, 'farbe-87', 601], [89, 'Beratung', 602]]);
    expect(plan.create[1]).toMatchObject({ durationMinutes: 20, active: false });
    expect(plan.skipped).toEqual([{ eventTypeId: 603, reason: 'length 0 is not a whole number of minutes' }]);
  });
});

describe('differences', () => {
  it('lists changed fields; price is shown as not settable', () => {
    const s = service({ id: 85, name: 'Ansatz + Längenausgleich', durationMinutes: 45, priceCents: 4500, currency: 'EUR' });
    const live = eventType(3757698, 'ansatz-langenausgleich-85', { title: 'Ansatz', lengthInMinutes: 30, price: 4000, currency: 'eur' });
    expect(differences(payloadFor(s), live, { cents: 4500, currency: 'EUR' })).toEqual([
      { field: 'title', catalogue: 'Ansatz + Längenausgleich', calcom: 'Ansatz', settable: true },
      { field: 'lengthInMinutes', catalogue: 45, calcom: 30, settable: true },
      { field: 'price', catalogue: 4500, calcom: 4000, settable: false },
    ]);
  });
  it('is empty when in step', () => {
    const s = service({ id: 1, name: 'A', durationMinutes: 30 });
    expect(differences(payloadFor(s), eventType(1, 'a-1', { title: 'A' }), { cents: null, currency: null })).toEqual([]);
  });
});
