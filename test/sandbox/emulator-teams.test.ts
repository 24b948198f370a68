// The emulator's team event types (issue 13): the rules calsync depends on, over real HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/sandbox/emulator.js';
import { call } from './helpers.js';

const ADMIN = 'cal_test_team_admin';
const OWNER = 'cal_test_team_owner';
const MEMBER = 'cal_test_team_member';
const TEAM = 4242;
const R = `/teams/${TEAM}/event-types`;
const body = (extra: Record<string, unknown> = {}) => ({
  title: 'Balayage',
  slug: 'balayage-90',
  lengthInMinutes: 120,
  schedulingType: 'roundRobin',
  assignAllTeamMembers: true,
  ...extra,
});

let em: Emulator;
beforeAll(async () => {
  em = await startEmulator({ rateLimitPerMinute: false, teams: { [TEAM]: { [ADMIN]: 'ADMIN', [OWNER]: 'OWNER', [MEMBER]: 'MEMBER' } } });
});
afterAll(() => em.close());
beforeEach(() => em.reset());

describe('team event types', () => {
  it('an admin creates one (round robin, every member a host); the list, GET and PATCH see it; personal routes do not', async () => {
    const created = await call(em, 'POST', R, body(), { key: ADMIN });
    expect(created.status).toBe(201);
    const et = created.body.data;
    expect(et).toMatchObject({
      slug: 'balayage-90',
      teamId: TEAM,
      schedulingType: 'roundRobin',
      assignAllTeamMembers: true,
      ownerId: null,
    });
    expect(et.hosts.map((h: { userId: number }) => h.userId).sort()).toEqual([ADMIN, OWNER, MEMBER].map((k) => em.owner(k)!.userId).sort());
    expect((await call(em, 'GET', R, undefined, { key: OWNER })).body.data.map((e: { id: number }) => e.id)).toEqual([et.id]);
    expect((await call(em, 'GET', `${R}/${et.id}`, undefined, { key: ADMIN })).body.data.id).toBe(et.id);
    expect((await call(em, 'PATCH', `${R}/${et.id}`, { lengthInMinutes: 90 }, { key: ADMIN })).body.data.lengthInMinutes).toBe(90);
    expect((await call(em, 'GET', `/event-types/${et.id}`, undefined, { key: ADMIN })).status).toBe(404);
    expect((await call(em, 'GET', '/event-types', undefined, { key: ADMIN })).body.data).toEqual([]);
    expect(em.teamEventTypes(TEAM).map((e) => e.id)).toEqual([et.id]);
  });

  it('needs no cal-api-version on team routes (any, or none)', async () => {
    expect((await call(em, 'POST', R, body(), { key: ADMIN, version: null })).status).toBe(201);
    expect((await call(em, 'GET', R, undefined, { key: ADMIN, version: '2024-08-13' })).status).toBe(200);
  });

  it('slugs are unique per team, not across personal and team', async () => {
    em.seed(ADMIN, { title: 'Mine', slug: 'balayage-90', lengthInMinutes: 30 });
    expect((await call(em, 'POST', R, body(), { key: ADMIN })).status).toBe(201);
    const dup = await call(em, 'POST', R, body(), { key: ADMIN });
    expect(dup.status).toBe(400);
    expect(dup.body.error).toMatchObject({ code: 'BadRequestException', message: 'Team event type with this slug already exists' });
    const other = (await call(em, 'POST', R, body({ slug: 'other' }), { key: ADMIN })).body.data.id;
    expect((await call(em, 'PATCH', `${R}/${other}`, { slug: 'balayage-90' }, { key: ADMIN })).body.error.message).toBe(
      'Team event type with this slug already exists',
    );
    // The check runs whenever slug is in the body, against the event type's own slug too.
    expect((await call(em, 'PATCH', `${R}/${other}`, { slug: 'other', title: 'x' }, { key: ADMIN })).body.error.message).toBe(
      'Team event type with this slug already exists',
    );
  });

  it("a member's key: 403 naming the role; a stranger's: 403 not a member", async () => {
    const refused = await call(em, 'GET', R, undefined, { key: MEMBER });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      `RolesGuard - user with id=${em.owner(MEMBER)!.userId} does not have the minimum required role=TEAM_ADMIN within team with id=${TEAM}.`,
    );
    expect((await call(em, 'POST', R, body(), { key: 'cal_test_stranger' })).body.error.message).toMatch(
      /is not a member of the team with id=4242/,
    );
  });

  it('a missing id: GET and DELETE the entity 404, PATCH 400 "Event type to update not found"', async () => {
    expect((await call(em, 'GET', `${R}/999`, undefined, { key: ADMIN })).body.error).toMatchObject({
      code: 'NotFoundException',
      message: 'Event type with id 999 not found',
    });
    expect((await call(em, 'DELETE', `${R}/999`, undefined, { key: ADMIN })).status).toBe(404);
    const patched = await call(em, 'PATCH', `${R}/999`, { title: 'x' }, { key: ADMIN });
    expect(patched.status).toBe(400);
    expect(patched.body.error).toMatchObject({ code: 'BadRequestException', message: 'Event type to update not found' });
    const personal = em.seed(ADMIN, { title: 'Mine', slug: 'mine', lengthInMinutes: 30 });
    expect((await call(em, 'PATCH', `${R}/${personal.id}`, { title: 'x' }, { key: ADMIN })).body.error.message).toBe(
      'Event type to update not found',
    );
  });

  it('a managed create answers an array: the parent first, then one child per member', async () => {
    const created = await call(em, 'POST', R, body({ schedulingType: 'managed' }), { key: ADMIN });
    expect(created.status).toBe(201);
    const [parent, ...children] = created.body.data;
    expect(parent).toMatchObject({ teamId: TEAM, schedulingType: 'managed' });
    expect(children).toHaveLength(3);
    expect(children.every((c: { parentEventTypeId: number }) => c.parentEventTypeId === parent.id)).toBe(true);
  });

  it('create rules: schedulingType required and known; hosts or assignAllTeamMembers, not both', async () => {
    expect((await call(em, 'POST', R, body({ schedulingType: undefined }), { key: ADMIN })).status).toBe(400);
    expect((await call(em, 'POST', R, body({ schedulingType: 'ROUND_ROBIN' }), { key: ADMIN })).status).toBe(400);
    expect((await call(em, 'POST', R, body({ hosts: [{ userId: 1 }] }), { key: ADMIN })).body.error.message).toMatch(/not both/);
    expect((await call(em, 'POST', R, body({ assignAllTeamMembers: undefined }), { key: ADMIN })).status).toBe(400);
  });

  it('a community edition has no team routes: route-level 404', async () => {
    const ce = await startEmulator({ rateLimitPerMinute: false, noTeams: true });
    try {
      const answer = await call(ce, 'GET', R, undefined, { key: ADMIN });
      expect(answer.status).toBe(404);
      expect(answer.body.error.message).toBe(`Cannot GET /v2${R}`);
    } finally {
      await ce.close();
    }
  });

  it('calsync emulator --team 4242 --team-member KEY: every other key is an admin', async () => {
    const { parseEmulatorArgs } = await import('../../src/sandbox/main.js');
    const opts = parseEmulatorArgs(['--port', '0', '--rate-limit', 'off', '--team', '4242', '--team-member', MEMBER]);
    expect(opts.teams).toEqual({ [TEAM]: { '*': 'ADMIN', [MEMBER]: 'MEMBER' } });
    expect(() => parseEmulatorArgs(['--team-member', MEMBER])).toThrow(/--team-member needs --team/);
    const standalone = await startEmulator(opts);
    try {
      const created = await call(standalone, 'POST', R, body(), { key: 'cal_test_anyone' });
      expect(created.status).toBe(201);
      expect(created.body.data.hosts.map((h: { userId: number }) => h.userId)).toContain(standalone.owner('cal_test_anyone')!.userId);
      expect((await call(standalone, 'GET', R, undefined, { key: MEMBER })).status).toBe(403);
    } finally {
      await standalone.close();
    }
  });

  it('seedTeam: a team event type made by hand', () => {
    const seeded = em.seedTeam(TEAM, { title: 'Team: Ansatz', slug: 'ansatz-85', lengthInMinutes: 45 });
    expect(seeded).toMatchObject({ teamId: TEAM, schedulingType: 'roundRobin' });
    expect(() => em.seedTeam(TEAM, { title: 'again', slug: 'ansatz-85', lengthInMinutes: 45 })).toThrow(
      /already has an event type with slug/,
    );
  });
});
