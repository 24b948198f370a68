// The Cal.com client with a team target (CALCOM_TEAM_ID), against nock: every team route, the create body a
// team needs, a managed create's array, and the team routes' own errors.
import { describe, expect, it } from 'vitest';
import { createCalcomClient } from '../../src/calcom/client.js';
import { CalcomError } from '../../src/calcom/errors.js';
import { createLimiter } from '../../src/calcom/limiter.js';
import type { SchedulingType } from '../../src/config.js';
import { classify } from '../../src/sync/classify.js';
import { API, calcomNock, err, eventType, KEY, ok } from '../support/calcom-nock.js';

const TEAM = 4242;
const client = (schedulingType: SchedulingType = 'roundRobin') =>
  createCalcomClient({
    apiUrl: API,
    apiKey: KEY,
    timeoutMs: 2000,
    limiter: createLimiter({ perMinute: 600_000, holdOnReset: false }),
    team: { id: TEAM, schedulingType },
  });
const exactly = (expected: Record<string, unknown>) => (body: Record<string, unknown>) => JSON.stringify(body) === JSON.stringify(expected);
const teamEventType = (id: number, slug: string, extra: Record<string, unknown> = {}) =>
  eventType(id, slug, { teamId: TEAM, schedulingType: 'roundRobin', ...extra });
const payload = { title: 'Balayage', lengthInMinutes: 120, hidden: false, slug: 'balayage-90' };

async function failure(p: Promise<unknown>): Promise<CalcomError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(CalcomError);
  return e as CalcomError;
}

describe('team routes', () => {
  it('says which team it targets', () => {
    expect(client().teamId).toBe(TEAM);
    expect(
      createCalcomClient({ apiUrl: API, apiKey: KEY, timeoutMs: 2000, limiter: createLimiter({ perMinute: 600_000 }) }).teamId,
    ).toBeUndefined();
  });

  it.each(['roundRobin', 'collective'] as const)(
    'creates with schedulingType %s and every member assigned, under /teams/{id}',
    async (type) => {
      calcomNock()
        .post(`/v2/teams/${TEAM}/event-types`, exactly({ ...payload, schedulingType: type, assignAllTeamMembers: true }))
        .reply(201, ok(teamEventType(9001, 'balayage-90', { schedulingType: type })));
      expect(await client(type).create(payload)).toMatchObject({ id: 9001, slug: 'balayage-90' });
    },
  );

  it('takes the parent of a managed create (Cal.com answers parent, then one child per member)', async () => {
    calcomNock()
      .post(`/v2/teams/${TEAM}/event-types`, exactly({ ...payload, schedulingType: 'managed', assignAllTeamMembers: true }))
      .reply(
        201,
        ok([
          teamEventType(9001, 'balayage-90', { schedulingType: 'managed' }),
          eventType(9002, 'balayage-90', { parentEventTypeId: 9001 }),
          eventType(9003, 'balayage-90', { parentEventTypeId: 9001 }),
        ]),
      );
    expect((await client('managed').create(payload)).id).toBe(9001);
  });

  it('reads the team list, one event type, and patches without a slug', async () => {
    calcomNock()
      .get(`/v2/teams/${TEAM}/event-types`)
      .reply(200, ok([teamEventType(9001, 'a-1'), teamEventType(9002, 'b-2')]))
      .get(`/v2/teams/${TEAM}/event-types/9001`)
      .reply(200, ok(teamEventType(9001, 'a-1')))
      .patch(`/v2/teams/${TEAM}/event-types/9001`, exactly({ lengthInMinutes: 60 }))
      .reply(200, ok(teamEventType(9001, 'a-1', { lengthInMinutes: 60 })));
    const c = client();
    expect((await c.listOwn()).map((e) => e.id)).toEqual([9001, 9002]);
    expect((await c.get(9001)).slug).toBe('a-1');
    expect((await c.update(9001, { lengthInMinutes: 60 })).lengthInMinutes).toBe(60);
  });

  it("reads on another target's route: the key owner's personal one, or another team's", async () => {
    calcomNock()
      .get('/v2/event-types/3757698')
      .reply(200, ok(eventType(3757698, 'ansatz-85')))
      .get('/v2/teams/7/event-types/55')
      .reply(200, ok(teamEventType(55, 'x', { teamId: 7 })));
    expect((await client().getUnder!(null, 3757698)).id).toBe(3757698);
    expect((await client().getUnder!(7, 55)).id).toBe(55);
  });
});

describe('team route errors', () => {
  it('403 for the role: a clear message, never retryable, fatal', async () => {
    calcomNock()
      .get(`/v2/teams/${TEAM}/event-types`)
      .reply(
        403,
        err(
          'ForbiddenException',
          `RolesGuard - user with id=12 does not have the minimum required role=TEAM_ADMIN within team with id=${TEAM}.`,
          `/v2/teams/${TEAM}/event-types`,
        ),
      );
    const e = await failure(client().listOwn());
    expect(e.message).toMatch(
      new RegExp(`^Cal.com API error 403: API key rejected for team ${TEAM}: the key's user must be a team admin or owner\\. RolesGuard`),
    );
    expect(e).toMatchObject({ status: 403, retryable: false, teamProblem: 'not-team-admin' });
    expect(classify(e)).toBe('fatal');
  });

  it('route-level 404 (a Cal.com without teams): says so, fatal', async () => {
    calcomNock()
      .post(`/v2/teams/${TEAM}/event-types`)
      .reply(404, err('NotFoundException', `Cannot POST /v2/teams/${TEAM}/event-types`, `/v2/teams/${TEAM}/event-types`));
    const e = await failure(client().create(payload));
    expect(e.message).toMatch(/^Cal.com API error 404: this Cal.com has no teams \(CALCOM_TEAM_ID=4242/);
    expect(e).toMatchObject({ teamProblem: 'no-teams', retryable: false });
    expect(classify(e)).toBe('fatal');
  });

  it("entity 404 on GET: an event type that is gone (or not this team's), no team problem", async () => {
    calcomNock()
      .get(`/v2/teams/${TEAM}/event-types/9009`)
      .reply(404, err('NotFoundException', 'Event type with id 9009 not found', `/v2/teams/${TEAM}/event-types/9009`));
    const e = await failure(client().get(9009));
    expect(e.teamProblem).toBeUndefined();
    expect(classify(e)).toBe('entity-not-found');
  });

  it('PATCH of a missing one answers 400 "Event type to update not found": confirm with a GET', async () => {
    calcomNock()
      .patch(`/v2/teams/${TEAM}/event-types/9009`)
      .reply(400, err('BadRequestException', 'Event type to update not found', `/v2/teams/${TEAM}/event-types/9009`));
    const e = await failure(client().update(9009, { title: 'x' }));
    expect(e.status).toBe(400);
    expect(classify(e)).toBe('entity-not-found');
  });

  it('a duplicate slug in the team is a duplicate slug (adopt it)', async () => {
    calcomNock()
      .post(`/v2/teams/${TEAM}/event-types`)
      .reply(400, err('BadRequestException', 'Team event type with this slug already exists', `/v2/teams/${TEAM}/event-types`));
    expect(classify(await failure(client().create(payload)))).toBe('duplicate-slug');
  });

  it("a 403 on another team's route names that team", async () => {
    calcomNock()
      .get('/v2/teams/7/event-types/55')
      .reply(
        403,
        err(
          'ForbiddenException',
          'RolesGuard - user with id=12 does not have the minimum required role=TEAM_ADMIN within team with id=7.',
          '/v2/teams/7/event-types/55',
        ),
      );
    expect((await failure(client().getUnder!(7, 55))).message).toMatch(/^Cal.com API error 403: API key rejected for team 7:/);
  });

  it('a 403 on a personal route gets no team hint', async () => {
    calcomNock()
      .get('/v2/event-types/1')
      .reply(403, err('ForbiddenException', 'not the owner', '/v2/event-types/1'));
    const e = await failure(client().getUnder!(null, 1));
    expect(e.teamProblem).toBeUndefined();
    expect(e.message).not.toContain('team admin');
  });
});
