// The CLI against the emulator with a team target (issue 13, "Done when"): calsync sync --all creates team
// event types (round robin, every member a host), adopts one that already has a service's slug, updates
// without sending the slug, and a second run creates nothing; a member's key gets the clear 403 (exit 1).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, withCliSandbox } from '../support/cli.js';
import { startEmulator, type Emulator } from '../../src/sandbox/emulator.js';

const ADMIN = 'cal_test_cli_team_admin';
const MEMBER = 'cal_test_cli_team_member';
const STYLIST = 'cal_test_cli_team_stylist';
const TEAM = 4242;
const R = `/v2/teams/${TEAM}/event-types`;
let em: Emulator;
const dir = mkdtempSync(join(tmpdir(), 'calsync-cli-team-'));
let env: NodeJS.ProcessEnv;

const cli = (argv: string[], over: NodeJS.ProcessEnv = {}) => runCli(argv, { ...env, ...over });
const sent = (since: number) =>
  em
    .requests()
    .slice(since)
    .map((q) => `${q.method} ${q.path} ${q.status}`);

const ROLES = { [ADMIN]: 'OWNER', [MEMBER]: 'MEMBER', [STYLIST]: 'MEMBER' } as const;
withCliSandbox(dir, { key: ADMIN, emulator: { teams: { [TEAM]: ROLES } }, env: { CALCOM_TEAM_ID: String(TEAM) } }, (sandbox) => {
  ({ em, env } = sandbox);
  writeFileSync(
    join(dir, 'catalogue.csv'),
    'id,name,duration_minutes,price_cents,currency\n85,Ansatz + Längenausgleich,45,4500,EUR\n86,Herrenschnitt,30,2900,EUR\n87,Föhnen,15,,\n',
  );
});

describe('calsync with CALCOM_TEAM_ID against the emulator', () => {
  it("sync --all: creates team event types (round robin, all members), adopts the one with a service's slug, sends no slug on its update", async () => {
    expect((await cli(['services', 'import', join(dir, 'catalogue.csv')])).code).toBe(0);
    const byHand = em.seedTeam(TEAM, { title: 'Herrenschnitt', slug: 'herrenschnitt-86', lengthInMinutes: 20 });
    const before = em.requests().length;
    const r = await cli(['sync', '--all', '--json']);
    expect(r).toMatchObject({ code: 0, err: '' });
    const results = JSON.parse(r.out);
    expect(results.map((x: any) => [x.serviceId, x.kind])).toEqual([
      [85, 'created'],
      [86, 'adopted'],
      [87, 'created'],
    ]);
    expect(results[1]).toMatchObject({ eventTypeId: byHand.id, changes: [{ field: 'lengthInMinutes', from: 20, to: 30 }] });
    const team = em.teamEventTypes(TEAM);
    expect(team.map((e) => e.slug).sort()).toEqual(['ansatz-langenausgleich-85', 'fohnen-87', 'herrenschnitt-86']);
    const members = [ADMIN, MEMBER, STYLIST].map((k) => em.owner(k)!.userId).sort();
    for (const e of team) {
      expect(e).toMatchObject({ teamId: TEAM, schedulingType: 'roundRobin', assignAllTeamMembers: true });
      expect((e.hosts as { userId: number }[]).map((h) => h.userId).sort()).toEqual(members);
    }
    expect(team.find((e) => e.id === byHand.id)!.lengthInMinutes).toBe(30);
    // The start check, the list once, two creates, the adoption's PATCH; nothing on personal routes.
    expect(sent(before).slice(0, 2)).toEqual([`GET ${R} 200`, `GET ${R} 200`]);
    expect(sent(before).slice(2).sort()).toEqual([`PATCH ${R}/${byHand.id} 200`, `POST ${R} 201`, `POST ${R} 201`]);
    expect(em.eventTypes(ADMIN)).toEqual([]);
  });

  it('a second run creates nothing and sends nothing but reads', async () => {
    const before = em.requests().length;
    const r = await cli(['sync', '--all']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter((l) => / unchanged, event type \d+/.test(l))).toHaveLength(3);
    expect(sent(before)).toEqual([`GET ${R} 200`, `GET ${R} 200`]);
    expect(em.teamEventTypes(TEAM)).toHaveLength(3);
  });

  it("a rename updates the title without sending the slug (the team's check would refuse even its own)", async () => {
    const services = JSON.parse((await cli(['services', 'list', '--json'])).out);
    writeFileSync(join(dir, 'rename.json'), JSON.stringify([{ ...services.find((s: any) => s.id === 87), name: 'Föhnen & Styling' }]));
    await cli(['services', 'import', join(dir, 'rename.json')]);
    const r = await cli(['sync', '87']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/service 87 Föhnen & Styling: updated, event type \d+ \(1 attempt\): title "Föhnen" → "Föhnen & Styling"/);
    expect(em.teamEventTypes(TEAM).find((e) => e.slug === 'fohnen-87')!.title).toBe('Föhnen & Styling');
  });

  it('a team event type deleted by hand comes back on the team under its old slug', async () => {
    const ansatz = em.teamEventTypes(TEAM).find((e) => e.slug === 'ansatz-langenausgleich-85')!;
    em.delete(ansatz.id);
    const back = JSON.parse((await cli(['sync', '85', '--json'])).out);
    expect(back).toMatchObject([{ kind: 'recreated', oldEventTypeId: ansatz.id }]);
    expect(em.teamEventTypes(TEAM).find((e) => e.id === back[0].eventTypeId)).toMatchObject({
      slug: 'ansatz-langenausgleich-85',
      teamId: TEAM,
    });
  });

  it("a member's key: the clear 403, once, never retried; exit 1", async () => {
    const before = em.requests().length;
    const r = await cli(['sync', '--all'], { CALCOM_API_KEY: MEMBER });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^calsync: the key's user is not an admin of team 4242 \(CALCOM_TEAM_ID=4242\): Cal.com API error 403: API key rejected for team 4242: the key's user must be a team admin or owner\./,
    );
    expect(sent(before)).toEqual([`GET ${R} 403`]);
    expect(r.out).toBe('');
  });

  it("calsync import with a member's key: the clear 403 in one line, exit 1", async () => {
    const r = await cli(['import'], { CALCOM_API_KEY: MEMBER });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^calsync: Cal.com API error 403: API key rejected for team 4242: the key's user must be a team admin or owner\. RolesGuard/,
    );
    expect(r.err).not.toMatch(/unexpected error|\n\s+at /);
  });

  it('a Cal.com without teams: "this Cal.com has no teams", exit 1', async () => {
    const ce = await startEmulator({ rateLimitPerMinute: false, noTeams: true });
    try {
      const r = await cli(['sync', '85'], { CALCOM_API_URL: ce.url });
      expect(r.code).toBe(1);
      expect(r.err).toMatch(
        /^calsync: this Cal.com has no teams \(CALCOM_TEAM_ID=4242\): Cal.com API error 404: this Cal.com has no teams/,
      );
    } finally {
      await ce.close();
    }
  });

  it('a service linked to a personal event type: the plan says move to team; sync refuses (exit 1); --move moves it', async () => {
    const personal = em.seed(ADMIN, { title: 'Haarkur', slug: 'haarkur-94', lengthInMinutes: 20 });
    writeFileSync(
      join(dir, 'personal.json'),
      JSON.stringify([{ id: 94, name: 'Haarkur', duration_minutes: 20, calcom_event_type_id: personal.id }]),
    );
    await cli(['services', 'import', join(dir, 'personal.json')]);
    const plan = await cli(['sync', '94', '--dry-run']);
    expect(plan.out).toContain(`service 94 Haarkur: move to team 4242: linked to event type ${personal.id} of the key owner (personal)`);
    const refused = await cli(['sync', '94']);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(
      `Not moved: event type ${personal.id} is personal, not team 4242's; \`calsync sync 94 --move\` creates it on team 4242 as "haarkur-94"`,
    );
    expect(em.teamEventTypes(TEAM).some((e) => e.slug === 'haarkur-94')).toBe(false);
    const moved = await cli(['sync', '94', '--move', '--json']);
    expect(moved.code).toBe(0);
    const [result] = JSON.parse(moved.out);
    expect(result).toMatchObject({ kind: 'created', movedFrom: personal.id });
    expect(em.teamEventTypes(TEAM).find((e) => e.id === result.eventTypeId)).toMatchObject({ slug: 'haarkur-94' });
    expect(em.eventTypes(ADMIN).map((e) => e.id)).toEqual([personal.id]); // left as it is
    expect(JSON.parse((await cli(['sync', '94', '--json'])).out)).toMatchObject([{ kind: 'unchanged', eventTypeId: result.eventTypeId }]);
  });

  it("calsync import reads the team's list: links by slug, adds the rest", async () => {
    em.seedTeam(TEAM, { title: 'Beratung', slug: 'beratung', lengthInMinutes: 15 });
    const r = await cli(['import', '--json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out);
    expect(plan).toMatchObject({ teamId: TEAM, create: [{ name: 'Beratung', slug: 'beratung' }] });
    const list = JSON.parse((await cli(['services', 'list', '--json'])).out);
    const beratung = list.find((s: any) => s.name === 'Beratung');
    expect(JSON.parse((await cli(['sync', String(beratung.id), '--json'])).out)).toMatchObject([{ kind: 'unchanged' }]);
  });
});
