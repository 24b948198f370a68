// End to end with a team target (issue 13): the real app in the sandbox with CALCOM_TEAM_ID, Slack signed
// requests, the emulator's team routes. The thread names the team event type's id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackThreads, textOf } from '../support/slack-threads.js';
import { startSandbox, SANDBOX_CALCOM_KEY, type Sandbox } from '../../src/sandbox/sandbox.js';

const TEAM = 4242;
const CH = 'C0OPS';
let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({
    env: { CALCOM_TEAM_ID: String(TEAM), CALCOM_SCHEDULING_TYPE: 'collective', CALCOM_RATE_LIMIT: '6000' },
    emulator: { teams: { [TEAM]: { [SANDBOX_CALCOM_KEY]: 'ADMIN', cal_sandbox_stylist: 'MEMBER' } } },
    slackDeps: { progressEveryMs: 0 },
  });
});
afterAll(() => sb?.close());
const { lastSeq, parentFor } = slackThreads(() => sb.slack, CH);

describe('/calsync <id> with CALCOM_TEAM_ID', () => {
  it('creates a collective team event type with every member, and the thread shows its id', async () => {
    await sb.ctx.db.prisma.service.create({ data: { id: 85, name: 'Ansatz + Längenausgleich', durationMinutes: 45 } });
    const before = lastSeq();
    await sb.send.command('85', { channel: CH });
    const parent = await parentFor(85, before);
    const reply = await sb.slack.waitFor(() => sb.slack.thread(CH, parent.ts)[0]);
    const [created] = sb.emulator.teamEventTypes(TEAM);
    expect(created).toMatchObject({
      slug: 'ansatz-langenausgleich-85',
      teamId: TEAM,
      schedulingType: 'collective',
      assignAllTeamMembers: true,
    });
    expect(reply.text).toMatch(/created/);
    expect(textOf(reply)).toContain(String(created!.id));
    expect((await sb.ctx.store.getService(85))!.calcomEventTypeId).toBe(created!.id);
    expect(sb.emulator.eventTypes(SANDBOX_CALCOM_KEY)).toEqual([]);
  });

  it('a personal link is refused in the thread with the way on, and nothing is created', async () => {
    const personal = sb.emulator.seed(SANDBOX_CALCOM_KEY, { title: 'Haarkur', slug: 'haarkur-94', lengthInMinutes: 20 });
    await sb.ctx.db.prisma.service.create({ data: { id: 94, name: 'Haarkur', durationMinutes: 20, calcomEventTypeId: personal.id } });
    const before = lastSeq();
    await sb.send.command('94', { channel: CH });
    const parent = await parentFor(94, before);
    const reply = await sb.slack.waitFor(() => sb.slack.thread(CH, parent.ts)[0]);
    expect(textOf(reply)).toContain(`Not moved: event type ${personal.id} is personal, not team ${TEAM}'s;`);
    expect(textOf(reply)).toContain('calsync sync 94 --move');
    expect(sb.emulator.teamEventTypes(TEAM).map((e) => e.slug)).toEqual(['ansatz-langenausgleich-85']);
  });

  it('/calsync diff 94 names the step "move to team" and writes nothing', async () => {
    const responseUrl = sb.slack.responseUrl('team-diff');
    await sb.send.command('diff 94', { channel: CH, responseUrl });
    const diff = await sb.slack.waitFor(() => sb.slack.responses.find((r) => r.url.endsWith('/team-diff'))?.body);
    expect(diff.text).toContain('Plan: move to team');
    expect(sb.emulator.teamEventTypes(TEAM)).toHaveLength(1);
  });
});
