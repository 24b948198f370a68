// The planner, row by row (SPEC §3.5): every step it can produce, from every kind of knowledge.
import { describe, expect, it } from 'vitest';
import { changesBetween, countSteps, createPayload, plan, updateBody, type Link, type Live, type Step } from '../../src/sync/plan.js';
import type { Service } from '../../src/sync/types.js';
import { eventType } from '../support/calcom-nock.js';
import { aService } from '../support/services.js';

const SLUG = 'ansatz-langenausgleich-85';
const ansatz = aService({
  id: 85,
  name: 'Ansatz + Längenausgleich',
  durationMinutes: 45,
  description: 'Farbe',
  calcomEventTypeId: 3757698,
});
/** Cal.com's copy of 85, exactly as the catalogue wants it. */
const live85 = eventType(3757698, SLUG, { title: 'Ansatz + Längenausgleich', lengthInMinutes: 45, description: 'Farbe', hidden: false });
const found = (extra: Record<string, unknown> = {}): Live => ({ kind: 'found', eventType: { ...live85, ...extra } });
const absent: Live = { kind: 'absent' };
const unread: Live = { kind: 'unread' };
const linked: Link = { eventTypeId: 3757698, slug: SLUG };
const unlinked: Link = { eventTypeId: null, slug: null };

const rows: [name: string, service: Service, link: Link, live: Live, expected: Step][] = [
  [
    'linked, found on the route it was linked under (personal) while the target is a team → move, under its slug',
    { ...ansatz, name: 'Renamed' },
    { eventTypeId: 3757698, slug: 'ansatz-alt', linkedUnder: null },
    { kind: 'elsewhere', eventType: live85, under: null, target: 4242 },
    {
      step: 'move',
      eventTypeId: 3757698,
      from: null,
      to: 4242,
      payload: { title: 'Renamed', lengthInMinutes: 45, hidden: false, slug: SLUG, description: 'Farbe' },
    },
  ],
  ['linked, live matches → in sync', ansatz, linked, found(), { step: 'in-sync', eventTypeId: 3757698 }],
  [
    'linked, Cal.com answers null / omits hidden → still in sync',
    { ...ansatz, description: null },
    linked,
    found({ description: null, hidden: undefined }),
    { step: 'in-sync', eventTypeId: 3757698 },
  ],
  [
    'linked, catalogue "" and Cal.com null → in sync (null and "" are equal)',
    { ...ansatz, description: '' },
    linked,
    found({ description: null }),
    { step: 'in-sync', eventTypeId: 3757698 },
  ],
  [
    'linked, duration changed → update of that field only',
    { ...ansatz, durationMinutes: 60 },
    linked,
    found(),
    { step: 'update', eventTypeId: 3757698, changes: [{ field: 'lengthInMinutes', from: 45, to: 60 }] },
  ],
  [
    'linked, renamed → update of the title, never the slug',
    { ...ansatz, name: 'Ansatz neu' },
    linked,
    found(),
    { step: 'update', eventTypeId: 3757698, changes: [{ field: 'title', from: 'Ansatz + Längenausgleich', to: 'Ansatz neu' }] },
  ],
  [
    'linked, description cleared in the catalogue → sent as ""',
    { ...ansatz, description: null },
    linked,
    found(),
    { step: 'update', eventTypeId: 3757698, changes: [{ field: 'description', from: 'Farbe', to: '' }] },
  ],
  [
    'linked, deactivated → hidden true',
    { ...ansatz, active: false },
    linked,
    found(),
    { step: 'update', eventTypeId: 3757698, changes: [{ field: 'hidden', from: false, to: true }] },
  ],
  [
    'linked, edited in Cal.com (title and length) → both back',
    ansatz,
    linked,
    found({ title: 'Hand edit', lengthInMinutes: 30 }),
    {
      step: 'update',
      eventTypeId: 3757698,
      changes: [
        { field: 'title', from: 'Hand edit', to: 'Ansatz + Längenausgleich' },
        { field: 'lengthInMinutes', from: 30, to: 45 },
      ],
    },
  ],
  [
    'linked, not read → update of every field, old values unknown',
    ansatz,
    linked,
    unread,
    {
      step: 'update',
      eventTypeId: 3757698,
      changes: [
        { field: 'title', from: undefined, to: 'Ansatz + Längenausgleich' },
        { field: 'lengthInMinutes', from: undefined, to: 45 },
        { field: 'description', from: undefined, to: 'Farbe' },
        { field: 'hidden', from: undefined, to: false },
      ],
    },
  ],
  [
    'linked, proven absent → recreate under the remembered slug',
    { ...ansatz, name: 'Renamed since' },
    { eventTypeId: 3757698, slug: 'ansatz-alt' },
    absent,
    {
      step: 'recreate',
      oldEventTypeId: 3757698,
      payload: { title: 'Renamed since', slug: 'ansatz-alt', lengthInMinutes: 45, description: 'Farbe', hidden: false },
    },
  ],
  [
    'linked, proven absent, no slug remembered → recreate under the service slug',
    ansatz,
    { eventTypeId: 3757698, slug: null },
    absent,
    {
      step: 'recreate',
      oldEventTypeId: 3757698,
      payload: { title: 'Ansatz + Längenausgleich', slug: SLUG, lengthInMinutes: 45, description: 'Farbe', hidden: false },
    },
  ],
  [
    'unlinked, slug free → create (no empty description sent)',
    aService({ id: 90, name: 'Balayage', durationMinutes: 120 }),
    unlinked,
    absent,
    { step: 'create', payload: { title: 'Balayage', slug: 'balayage-90', lengthInMinutes: 120, hidden: false } },
  ],
  [
    'unlinked, not read → create (a duplicate-slug answer still adopts)',
    aService({ id: 90, name: 'Balayage', durationMinutes: 120 }),
    unlinked,
    unread,
    { step: 'create', payload: { title: 'Balayage', slug: 'balayage-90', lengthInMinutes: 120, hidden: false } },
  ],
  [
    'unlinked, a slug remembered from an old link → create under it',
    aService({ id: 90, name: 'Balayage neu', durationMinutes: 120 }),
    { eventTypeId: null, slug: 'balayage-90' },
    absent,
    { step: 'create', payload: { title: 'Balayage neu', slug: 'balayage-90', lengthInMinutes: 120, hidden: false } },
  ],
  [
    'unlinked, the owner has the slug → adopt it, then only what differs',
    { ...ansatz, calcomEventTypeId: null, durationMinutes: 60 },
    unlinked,
    found({ id: 3761978 }),
    { step: 'adopt', eventTypeId: 3761978, slug: SLUG, changes: [{ field: 'lengthInMinutes', from: 45, to: 60 }] },
  ],
  [
    'unlinked, the owner has it exactly → adopt with no changes',
    { ...ansatz, calcomEventTypeId: null },
    unlinked,
    found({ id: 3761978 }),
    { step: 'adopt', eventTypeId: 3761978, slug: SLUG, changes: [] },
  ],
  [
    'invalid (no name) → invalid, whatever Cal.com has',
    { ...ansatz, name: '  ' },
    linked,
    found(),
    { step: 'invalid', reason: 'the service has no name' },
  ],
  [
    'invalid (duration 0) → invalid',
    { ...ansatz, durationMinutes: 0 },
    unlinked,
    unread,
    { step: 'invalid', reason: 'duration_minutes must be at least 1 minute (is 0)' },
  ],
];

describe('plan', () => {
  it.each(rows)('%s', (_name, s, link, live, expected) => {
    expect(plan(s, link, live)).toEqual(expected);
  });

  it('an update body carries only the changed fields and never a slug', () => {
    const step = plan({ ...ansatz, name: 'Ansatz neu', durationMinutes: 60 }, linked, found());
    expect(step.step).toBe('update');
    const body = updateBody((step as Extract<Step, { step: 'update' }>).changes);
    expect(body).toEqual({ title: 'Ansatz neu', lengthInMinutes: 60 });
    expect(body).not.toHaveProperty('slug');
  });

  it('a create sends no price or currency', () => {
    expect(createPayload(aService({ id: 1, name: 'A', priceCents: 100, currency: 'EUR' }), unlinked)).toEqual({
      title: 'A',
      slug: 'a-1',
      lengthInMinutes: 30,
      hidden: false,
    });
  });

  it('changesBetween ignores fields calsync does not manage (slug, price)', () => {
    expect(changesBetween(ansatz, { ...live85, slug: 'hand-made', price: 999 })).toEqual([]);
  });

  it('counts steps for a preview', () => {
    expect(
      countSteps([
        { step: 'in-sync', eventTypeId: 1 },
        { step: 'in-sync', eventTypeId: 2 },
        { step: 'invalid', reason: 'x' },
      ]),
    ).toEqual({ 'in-sync': 2, invalid: 1 });
  });
});
