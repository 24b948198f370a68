// The engine with a team target (issue 13), against the real client and nock: the same plan and apply as
// for personal event types, on /teams/{teamId}/event-types, with the team routes' own answers.
import { describe, expect, it } from 'vitest';
import { calcomNock, engineFor, err, eventType, ok } from '../support/calcom-nock.js';
import { MemoryStore } from '../support/memory-store.js';
import { aService } from '../support/services.js';
import type { TeamTarget } from '../../src/config.js';

const TEAM: TeamTarget = { id: 4242, schedulingType: 'roundRobin' };
const R = `/v2/teams/${TEAM.id}/event-types`;
const SLUG = 'ansatz-langenausgleich-85';
const ansatz = aService({ id: 85, name: 'Ansatz + Längenausgleich', durationMinutes: 45 });
const teamET = (id: number, slug: string, extra: Record<string, unknown> = {}) =>
  eventType(id, slug, { teamId: TEAM.id, schedulingType: 'roundRobin', ...extra });
const live85 = (id = 9001, extra: Record<string, unknown> = {}) =>
  teamET(id, SLUG, { title: 'Ansatz + Längenausgleich', lengthInMinutes: 45, ...extra });
const notFound = (id: number) => err('NotFoundException', `Event type with id ${id} not found`, `${R}/${id}`);
const exactly = (expected: Record<string, unknown>) => (body: Record<string, unknown>) => JSON.stringify(body) === JSON.stringify(expected);
/** 85 linked to team event type `id` under this team, its slug remembered. */
const teamLinked = (id = 9001, s = ansatz) => {
  const store = new MemoryStore({ ...s, calcomEventTypeId: id });
  store.slugs.set(s.id, { eventTypeId: id, slug: SLUG, teamId: TEAM.id });
  return store;
};
const forbidden = err(
  'ForbiddenException',
  `RolesGuard - user with id=12 does not have the minimum required role=TEAM_ADMIN within team with id=${TEAM.id}.`,
  R,
);

describe('sync to a team', () => {
  it('new service → POST on the team route (round robin, every member) → linked under the team', async () => {
    const store = new MemoryStore(ansatz);
    calcomNock()
      .post(
        R,
        exactly({
          title: 'Ansatz + Längenausgleich',
          lengthInMinutes: 45,
          hidden: false,
          slug: SLUG,
          schedulingType: 'roundRobin',
          assignAllTeamMembers: true,
        }),
      )
      .reply(201, ok(live85()));
    expect(await engineFor(store, { team: TEAM }).engine.sync({ serviceId: 85, trigger: 'cli' })).toMatchObject({
      kind: 'created',
      eventTypeId: 9001,
    });
    expect(store.slugs.get(85)).toEqual({ eventTypeId: 9001, slug: SLUG, teamId: TEAM.id });
  });

  it('linked, changed → GET then PATCH on the team route, without slug', async () => {
    const store = teamLinked(9001, { ...ansatz, durationMinutes: 60 });
    calcomNock()
      .get(`${R}/9001`)
      .reply(200, ok(live85()))
      .patch(`${R}/9001`, exactly({ lengthInMinutes: 60 }))
      .reply(200, ok(live85(9001, { lengthInMinutes: 60 })));
    expect(await engineFor(store, { team: TEAM }).engine.sync({ serviceId: 85, trigger: 'cli' })).toMatchObject({
      kind: 'updated',
      changes: [{ field: 'lengthInMinutes', from: 45, to: 60 }],
    });
  });

  it('"Team event type with this slug already exists" → adopted from the team\'s list', async () => {
    const store = new MemoryStore(ansatz);
    calcomNock()
      .post(R)
      .reply(400, err('BadRequestException', 'Team event type with this slug already exists', R))
      .get(R)
      .reply(200, ok([teamET(9000, 'other'), live85(9005, { lengthInMinutes: 30 })]))
      .patch(`${R}/9005`, exactly({ lengthInMinutes: 45 }))
      .reply(200, ok(live85(9005)));
    expect(await engineFor(store, { team: TEAM }).engine.sync({ serviceId: 85, trigger: 'cli' })).toMatchObject({
      kind: 'adopted',
      eventTypeId: 9005,
    });
    expect(store.slugs.get(85)).toEqual({ eventTypeId: 9005, slug: SLUG, teamId: TEAM.id });
  });

  it('PATCH answers 400 "Event type to update not found" → a GET confirms → recreated under the remembered slug', async () => {
    const store = teamLinked(9001, { ...ansatz, name: 'Ansatz neu' });
    calcomNock()
      .get(`${R}/9001`)
      .reply(200, ok(live85()))
      .patch(`${R}/9001`)
      .reply(400, err('BadRequestException', 'Event type to update not found', `${R}/9001`))
      .get(`${R}/9001`)
      .reply(404, notFound(9001))
      .post(R, (b) => b.slug === SLUG && b.title === 'Ansatz neu' && b.assignAllTeamMembers === true)
      .reply(201, ok(live85(9002)));
    expect(await engineFor(store, { team: TEAM }).engine.sync({ serviceId: 85, trigger: 'cli' })).toMatchObject({
      kind: 'recreated',
      eventTypeId: 9002,
      oldEventTypeId: 9001,
    });
  });

  it('PATCH 400 "to update not found" but the GET still finds it → failed, nothing created', async () => {
    const store = teamLinked(9001, { ...ansatz, durationMinutes: 60 });
    calcomNock()
      .get(`${R}/9001`)
      .reply(200, ok(live85()))
      .patch(`${R}/9001`)
      .reply(400, err('BadRequestException', 'Event type to update not found', `${R}/9001`))
      .get(`${R}/9001`)
      .reply(200, ok(live85()));
    expect(await engineFor(store, { team: TEAM }).engine.sync({ serviceId: 85, trigger: 'cli' })).toMatchObject({
      kind: 'failed',
      httpStatus: 400,
    });
  });

  it('gone from the team (linked under it) → recreated on the team, no personal lookup', async () => {
    const store = teamLinked(9001);
    calcomNock()
      .get(`${R}/9001`)
      .reply(404, notFound(9001))
      .post(R, (b) => b.slug === SLUG)
      .reply(201, ok(live85(9002)));
    expect(await engineFor(store, { team: TEAM }).engine.sync({ serviceId: 85, trigger: 'cli' })).toMatchObject({
      kind: 'recreated',
      eventTypeId: 9002,
      oldEventTypeId: 9001,
    });
  });

  it("a member's key: 403 → one request, never retried, the clear message recorded", async () => {
    const store = new MemoryStore(ansatz);
    calcomNock().post(R).reply(403, forbidden);
    const { engine, waits } = engineFor(store, { team: TEAM });
    const result = await engine.sync({ serviceId: 85, trigger: 'cli' });
    expect(result).toMatchObject({ kind: 'failed', httpStatus: 403, attempts: 1 });
    expect(waits).toEqual([]);
    expect(store.services.get(85)!.syncError).toMatch(
      /^Cal.com API error 403: API key rejected for team 4242: the key's user must be a team admin or owner/,
    );
  });

  it('a Cal.com without teams: the route-level 404 fails at once, never a create loop', async () => {
    const store = teamLinked(9001);
    calcomNock()
      .get(`${R}/9001`)
      .reply(404, err('NotFoundException', `Cannot GET ${R}/9001`, `${R}/9001`));
    const result = await engineFor(store, { team: TEAM }).engine.sync({ serviceId: 85, trigger: 'cli' });
    expect(result).toMatchObject({ kind: 'failed', httpStatus: 404, attempts: 1, eventTypeId: 9001 });
    expect(store.services.get(85)!.syncError).toContain('this Cal.com has no teams');
  });

  it("a bulk run reads the team's list once and plans against it", async () => {
    const store = new MemoryStore(teamLinked(9001).services.get(85)!, aService({ id: 86, name: 'Föhnen', durationMinutes: 15 }));
    store.slugs.set(85, { eventTypeId: 9001, slug: SLUG, teamId: TEAM.id });
    calcomNock()
      .get(R)
      .reply(200, ok([live85()]))
      .post(R, (b) => b.slug === 'fohnen-86' && b.schedulingType === 'roundRobin')
      .reply(201, ok(teamET(9003, 'fohnen-86', { title: 'Föhnen', lengthInMinutes: 15 })));
    const { engine } = engineFor(store, { team: TEAM });
    const listed = await engine.readAll();
    expect((await engine.sync({ serviceId: 85, trigger: 'bulk' }, listed)).kind).toBe('unchanged');
    expect((await engine.sync({ serviceId: 86, trigger: 'bulk' }, listed)).kind).toBe('created');
  });
});

describe('a link to another target (personal ↔ team): planned as a move, never silently duplicated', () => {
  const PERSONAL = 3757698;
  const personal85 = (extra: Record<string, unknown> = {}) =>
    eventType(PERSONAL, SLUG, { title: 'Ansatz + Längenausgleich', lengthInMinutes: 45, ...extra });
  const personalNotFound = err('NotFoundException', `Event type with id ${PERSONAL} not found`, `/v2/event-types/${PERSONAL}`);
  /** 85 linked to its personal event type, the link remembered as personal (as every link before issue 13). */
  const personalLinked = () => {
    const store = new MemoryStore({ ...ansatz, calcomEventTypeId: PERSONAL });
    store.slugs.set(85, { eventTypeId: PERSONAL, slug: SLUG });
    return store;
  };

  it('remembered as personal → one GET on the personal route → refused with the way on; nothing created, link kept', async () => {
    const store = personalLinked();
    calcomNock().get(`/v2/event-types/${PERSONAL}`).reply(200, ok(personal85()));
    const result = await engineFor(store, { team: TEAM }).engine.sync({ serviceId: 85, trigger: 'cli' });
    expect(result).toMatchObject({ kind: 'failed', attempts: 1, httpStatus: null, eventTypeId: PERSONAL });
    const error = (result as { error: string }).error;
    expect(error).toBe(
      `Not moved: event type ${PERSONAL} is personal, not team 4242's; \`calsync sync 85 --move\` creates it on team 4242 as "${SLUG}" and leaves ${PERSONAL} as it is. Nothing was created.`,
    );
    expect(error.slice(0, 100)).toContain('`calsync sync 85 --move`'); // in Slack's snippet
    expect(store.services.get(85)!.calcomEventTypeId).toBe(PERSONAL);
    expect(store.runs[0]).toMatchObject({ step: 'move', outcome: 'failed', action: null });
  });

  it('with --move: created on the team under the same slug, linked under the team, the personal one left alone', async () => {
    const store = personalLinked();
    calcomNock()
      .get(`/v2/event-types/${PERSONAL}`)
      .reply(200, ok(personal85()))
      .post(R, (b) => b.slug === SLUG && b.assignAllTeamMembers === true && b.schedulingType === 'roundRobin')
      .reply(201, ok(live85(9001)));
    const result = await engineFor(store, { team: TEAM }).engine.sync({ serviceId: 85, trigger: 'cli', move: true });
    expect(result).toMatchObject({ kind: 'created', eventTypeId: 9001, movedFrom: PERSONAL });
    expect(store.slugs.get(85)).toEqual({ eventTypeId: 9001, slug: SLUG, teamId: TEAM.id });
    expect(store.links).toEqual([9001]); // never unlinked in between
  });

  it('with --move, the team already has the slug → adopted, still reported as moved', async () => {
    const store = personalLinked();
    calcomNock()
      .get(`/v2/event-types/${PERSONAL}`)
      .reply(200, ok(personal85()))
      .post(R)
      .reply(400, err('BadRequestException', 'Team event type with this slug already exists', R))
      .get(R)
      .reply(200, ok([live85(9005)]));
    expect(await engineFor(store, { team: TEAM }).engine.sync({ serviceId: 85, trigger: 'cli', move: true })).toMatchObject({
      kind: 'adopted',
      eventTypeId: 9005,
      movedFrom: PERSONAL,
      changes: [],
    });
  });

  it('remembered as personal but deleted there → recreated on the team (nothing to duplicate)', async () => {
    const store = personalLinked();
    calcomNock()
      .get(`/v2/event-types/${PERSONAL}`)
      .reply(404, personalNotFound)
      .post(R, (b) => b.slug === SLUG)
      .reply(201, ok(live85(9001)));
    expect(await engineFor(store, { team: TEAM }).engine.sync({ serviceId: 85, trigger: 'cli' })).toMatchObject({
      kind: 'recreated',
      eventTypeId: 9001,
      oldEventTypeId: PERSONAL,
    });
  });

  it('target unknown (linked by another system): the team route, then the personal route → move', async () => {
    const store = new MemoryStore({ ...ansatz, calcomEventTypeId: PERSONAL });
    calcomNock().get(`${R}/${PERSONAL}`).reply(404, notFound(PERSONAL)).get(`/v2/event-types/${PERSONAL}`).reply(200, ok(personal85()));
    expect(await engineFor(store, { team: TEAM }).engine.sync({ serviceId: 85, trigger: 'cli' })).toMatchObject({
      kind: 'failed',
      attempts: 1,
    });
    expect(store.runs[0]).toMatchObject({ step: 'move' });
  });

  it('target unknown, not found on either route → recreated on the team', async () => {
    const store = new MemoryStore({ ...ansatz, calcomEventTypeId: PERSONAL });
    calcomNock()
      .get(`${R}/${PERSONAL}`)
      .reply(404, notFound(PERSONAL))
      .get(`/v2/event-types/${PERSONAL}`)
      .reply(404, personalNotFound)
      .post(R)
      .reply(201, ok(live85(9001)));
    expect(await engineFor(store, { team: TEAM }).engine.sync({ serviceId: 85, trigger: 'cli' })).toMatchObject({
      kind: 'recreated',
      eventTypeId: 9001,
    });
  });

  it('target unknown, found on the team route → a plain team link, and its target remembered', async () => {
    const store = new MemoryStore({ ...ansatz, calcomEventTypeId: 9001 });
    calcomNock().get(`${R}/9001`).reply(200, ok(live85()));
    expect(await engineFor(store, { team: TEAM }).engine.sync({ serviceId: 85, trigger: 'cli' })).toMatchObject({ kind: 'unchanged' });
    expect(store.slugs.get(85)).toEqual({ eventTypeId: 9001, slug: SLUG, teamId: TEAM.id });
  });

  it("a bulk run: missing from the team's list, confirmed on the personal route → move", async () => {
    const store = personalLinked();
    calcomNock().get(R).reply(200, ok([])).get(`/v2/event-types/${PERSONAL}`).reply(200, ok(personal85()));
    const { engine } = engineFor(store, { team: TEAM });
    expect(await engine.sync({ serviceId: 85, trigger: 'bulk' }, await engine.readAll())).toMatchObject({ kind: 'failed' });
    expect(store.runs[0]).toMatchObject({ step: 'move' });
  });

  it("the other way: target personal, linked under team 4242 → GET on that team's route → move refused", async () => {
    const store = teamLinked(9001);
    calcomNock().get(`${R}/9001`).reply(200, ok(live85()));
    const result = await engineFor(store).engine.sync({ serviceId: 85, trigger: 'cli' });
    expect((result as { error: string }).error).toMatch(
      /^Not moved: event type 9001 is team 4242's, not personal; `calsync sync 85 --move` creates it as a personal event type as "ansatz/,
    );
  });
});

describe('the plan preview (--dry-run, /calsync all) against a team', () => {
  it("reads the team's list once, confirms a personal link on its own route, and shows it as a move", async () => {
    const { previewPlan } = await import('../../src/sync/preview.js');
    const store = new MemoryStore({ ...ansatz, calcomEventTypeId: 3757698 }, aService({ id: 86, name: 'Föhnen', durationMinutes: 15 }));
    store.slugs.set(85, { eventTypeId: 3757698, slug: SLUG });
    calcomNock()
      .get(R)
      .reply(200, ok([]))
      .get('/v2/event-types/3757698')
      .reply(200, ok(eventType(3757698, SLUG)));
    const { calcom } = engineFor(store, { team: TEAM });
    const preview = await previewPlan({ calcom, store }, [store.services.get(85)!, store.services.get(86)!]);
    expect(preview.items.map((i) => i.step.step)).toEqual(['move', 'create']);
    expect(preview.items[0]!.step).toMatchObject({ step: 'move', eventTypeId: 3757698, from: null, to: TEAM.id });
    expect(preview.counts).toEqual({ move: 1, create: 1 });
  });
});

describe('the start check (calsync serve, calsync sync): one read of the team', () => {
  const check = async () => (await import('../../src/sync/team-check.js')).checkTeamTarget;

  it('a member\'s key: "the key\'s user is not an admin of team 4242"', async () => {
    calcomNock().get(R).reply(403, forbidden);
    await expect((await check())(engineFor(new MemoryStore(), { team: TEAM }).calcom)).rejects.toMatchObject({
      name: 'TeamTargetError',
      problem: 'not-team-admin',
      message: expect.stringMatching(
        /^the key's user is not an admin of team 4242 \(CALCOM_TEAM_ID=4242\): Cal.com API error 403: API key rejected for team 4242/,
      ),
    });
  });

  it('a Cal.com without teams: "this Cal.com has no teams"', async () => {
    calcomNock()
      .get(R)
      .reply(404, err('NotFoundException', `Cannot GET ${R}`, R));
    await expect((await check())(engineFor(new MemoryStore(), { team: TEAM }).calcom)).rejects.toMatchObject({
      problem: 'no-teams',
      message: expect.stringMatching(/^this Cal.com has no teams/),
    });
  });

  it('Cal.com down proves nothing about the team: the work goes on', async () => {
    calcomNock()
      .get(R)
      .reply(503, err('ServiceUnavailableException', 'down', R));
    await expect((await check())(engineFor(new MemoryStore(), { team: TEAM }).calcom)).resolves.toBeUndefined();
  });

  it('no team: no read at all', async () => {
    await expect((await check())(engineFor(new MemoryStore()).calcom)).resolves.toBeUndefined();
  });
});
