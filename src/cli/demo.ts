// `npm run demo`: the whole product offline. The Cal.com emulator, the Slack fake, an in-memory database
// with a sample catalogue and the real app over signed HTTP (or, with --socket, over Socket Mode to the Socket
// Mode fake); plays the scenarios of SPEC §9 and prints the Slack threads as a person in the channel would read them.
// With `--team` the same tour runs against a team's event types (CALCOM_TEAM_ID, round robin), plus a
// service still linked to a personal event type: planned as a move, refused, then moved with --move.
// It is a surface (it prints to a terminal) built on the sandbox, so it lives here: cli → sandbox, never back.
import { renderMessage, renderThread } from '../sandbox/render.js';
import { SANDBOX_CALCOM_KEY, startSandbox, type Sandbox } from '../sandbox/sandbox.js';
import type { Locale } from '../sync/types.js';
import { planText, resultLine } from './render.js';

const CHANNEL = 'C0OPS';
/** The demo's team, the sandbox key its admin; two stylists are plain members. */
const DEMO_TEAM_ID = 4242;
const DEMO_TEAM_SLUG = 'salon';

const catalogue = [
  {
    id: 85,
    name: 'Ansatz + Längenausgleich',
    durationMinutes: 45,
    priceCents: 4500,
    currency: 'EUR',
    calcomEventTypeId: 3757698,
    description: 'Ansatzfarbe mit Längenausgleich',
  },
  { id: 86, name: 'Herrenschnitt', durationMinutes: 30, priceCents: 2900, currency: 'EUR' },
  { id: 87, name: 'Balayage', durationMinutes: 120, priceCents: 14900, currency: 'EUR' },
  { id: 88, name: 'Beratung', durationMinutes: 0 },
  { id: 89, name: 'Föhnen & Styling', durationMinutes: 30, priceCents: 2500, currency: 'EUR' },
  ...[90, 91, 92, 93].map((id, i) => ({
    id,
    name: ['Dauerwelle', 'Glätten', 'Strähnchen', 'Kopfmassage'][i]!,
    durationMinutes: 30 + 15 * i,
    syncStatus: 'error',
    syncError: 'Cal.com API error 503: Service Unavailable',
  })),
];

async function seed(sb: Sandbox, team: boolean) {
  for (const s of catalogue) await sb.ctx.db.prisma.service.create({ data: s });
  // Service 86's event type exists in Cal.com but was never linked (the seed's orphaned 3761978).
  const make = team
    ? (f: Parameters<Sandbox['emulator']['seed']>[1]) => sb.emulator.seedTeam(DEMO_TEAM_ID, f)
    : (f: Parameters<Sandbox['emulator']['seed']>[1]) => sb.emulator.seed(SANDBOX_CALCOM_KEY, f);
  make({ id: 3761978, title: 'Herrenschnitt', slug: 'herrenschnitt-86', lengthInMinutes: 30 });
  make({ id: 3761990, title: 'Föhnen', slug: 'fohnen-styling-89', lengthInMinutes: 25 });
  await sb.ctx.db.prisma.service.update({ where: { id: 89 }, data: { calcomEventTypeId: 3761990 } });
  if (!team) return;
  // Linked before the switch to the team: the key owner's personal event type.
  sb.emulator.seed(SANDBOX_CALCOM_KEY, { id: 3761995, title: 'Haarkur', slug: 'haarkur-94', lengthInMinutes: 20 });
  await sb.ctx.db.prisma.service.create({
    data: { id: 94, name: 'Haarkur', durationMinutes: 20, calcomEventTypeId: 3761995, syncStatus: 'synced' },
  });
}

/** The event types calsync syncs to: the team's, or the sandbox key owner's own. */
const targetList = (sb: Sandbox, team: boolean) =>
  team ? sb.emulator.teamEventTypes(DEMO_TEAM_ID) : sb.emulator.eventTypes(SANDBOX_CALCOM_KEY);

/** The slug (booking URL path) of the event type linked to a service, as Cal.com has it now. */
function bookingSlug(sb: Sandbox, serviceId: number, team = false): string {
  const slugs = targetList(sb, team)
    .filter((e) => e.slug.endsWith(`-${serviceId}`))
    .map((e) => e.slug);
  return `${team ? `team/${DEMO_TEAM_SLUG}` : 'demo'}/${slugs.join(', ') || '—'}`;
}

/** The parts of a posted Block Kit message the tour looks for: its header and its buttons. */
interface Button {
  action_id: string;
  value: string;
  text: { text: string };
}
interface Block {
  type?: string;
  accessory?: Partial<Button>;
  elements?: Partial<Button>[];
}
const isRetryButton = (e: Partial<Button> | undefined): e is Button => Boolean(e?.action_id?.startsWith('calsync_retry'));

/** Clicks the digest's Restore button for one service and prints the digest's thread. */
async function restoreFromDigest(sb: Sandbox, serviceId: number, out: (line: string) => void) {
  const digest = sb.slack
    .channelMessages(CHANNEL)
    .filter((m) => m.blocks.some((b: Block) => b.type === 'header'))
    .at(-1);
  const button = digest?.blocks
    .map((b: Block) => b.accessory)
    .filter(isRetryButton)
    .find((e) => JSON.parse(e.value).s === serviceId);
  if (!digest || !button) return;
  out(`── @alice clicks [${button.text.text}] beside service ${serviceId} in the digest`);
  const res = await sb.send.click({
    actionId: button.action_id,
    value: button.value,
    channel: CHANNEL,
    messageTs: digest.ts,
    message: digest,
  });
  out(`   (acked in ${res.ms.toFixed(0)} ms)\n`);
  await settle(sb);
  out(`${renderThread(digest, sb.slack.thread(CHANNEL, digest.ts))}\n`);
}

/** Service 94 is still linked to a personal event type: the plan says "move to team", a sync refuses, --move moves. */
async function personalToTeam(sb: Sandbox, say: (text: string, note: string) => Promise<void>, out: (line: string) => void) {
  await say('94', 'Service 94 is still linked to personal event type 3761995 (from before the switch to the team)');
  out('── $ calsync sync 94 --move');
  const moved = await sb.ctx.requireEngine().engine.sync({ serviceId: 94, trigger: 'cli', requestedBy: 'demo', move: true });
  out(`   ${resultLine(moved)}`);
  out(
    `   Booking URL of service 94 now: cal.com/${bookingSlug(sb, 94, true)}; the personal one still exists: ${sb.emulator
      .eventTypes(SANDBOX_CALCOM_KEY)
      .map((e) => e.id)
      .join(', ')}\n`,
  );
}

/** Waits until every sync has finished and Slack has been quiet for a moment. */
async function settle(sb: Sandbox) {
  let seen = -1;
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const busy = await sb.ctx.db.prisma.syncLock.count();
    if (busy === 0 && sb.slack.calls.length === seen) return;
    seen = sb.slack.calls.length;
  }
}

export async function runDemo(opts: { locale: Locale; socket?: boolean; team?: boolean; out: (line: string) => void }): Promise<number> {
  const { out } = opts;
  const team = !!opts.team;
  const transport = opts.socket ? 'Socket Mode' : 'HTTP';
  out(`calsync demo: Cal.com emulator + Slack fake + in-memory database, all on loopback (${opts.locale}, Slack over ${transport}).\n`);
  if (team)
    out(
      `Target: team ${DEMO_TEAM_ID} (CALCOM_TEAM_ID=${DEMO_TEAM_ID}, round robin, every member a host); the sandbox key belongs to a team admin.\n`,
    );
  const sb = await startSandbox({
    socket: opts.socket,
    env: { CALSYNC_LOCALE: opts.locale, CALCOM_RATE_LIMIT: '600', ...(team ? { CALCOM_TEAM_ID: String(DEMO_TEAM_ID) } : {}) },
    emulator: team
      ? {
          teams: {
            [DEMO_TEAM_ID]: { [SANDBOX_CALCOM_KEY]: 'ADMIN', cal_sandbox_stylist_anna: 'MEMBER', cal_sandbox_stylist_ben: 'MEMBER' },
          },
        }
      : {},
    slackDeps: { progressEveryMs: 500 },
  });
  try {
    await seed(sb, team);
    const shown = new Set<string>();
    const showNew = () => {
      for (const m of sb.slack.channelMessages(CHANNEL)) {
        if (shown.has(m.ts)) continue;
        shown.add(m.ts);
        out(`${renderThread(m, sb.slack.thread(CHANNEL, m.ts))}\n`);
      }
    };
    const say = async (text: string, note: string) => {
      out(`── ${note}\n@alice › /calsync ${text}`);
      const res = await sb.send.command(text, { channel: CHANNEL });
      out(`   (Slack got its ack in ${res.ms.toFixed(0)} ms${res.body ? `: ${renderMessage(JSON.parse(res.body)).trim()}` : ''})\n`);
      await settle(sb);
      showNew();
    };

    await say('85', 'Service 85 is linked to event type 3757698, which was deleted in Cal.com');
    await say('sync 86 87', 'Service 86 has an event type nobody linked; 87 is new');
    await say('88', 'Service 88 has no duration: it fails before any API call');

    sb.emulator.inject({ kind: 'status', status: 503, method: 'PATCH', times: 3 });
    await say('89', 'Cal.com answers 503 three times');
    const [failure] = sb.slack.thread(CHANNEL, [...shown].at(-1)!);
    const button = failure?.blocks.flatMap((b: Block) => [b.accessory, ...(b.elements ?? [])]).find(isRetryButton);
    if (failure && button) {
      out(`── Cal.com is back; @alice clicks [${button.text.text}] in the thread`);
      const res = await sb.send.click({
        actionId: button.action_id,
        value: button.value,
        channel: CHANNEL,
        messageTs: failure.ts,
        threadTs: failure.threadTs,
        message: failure,
      });
      out(`   (acked in ${res.ms.toFixed(0)} ms)\n`);
      await settle(sb);
      const parent = sb.slack.messages.get(`${CHANNEL}:${failure.threadTs}`)!;
      out(`${renderThread(parent, sb.slack.thread(CHANNEL, parent.ts))}\n`);
    }

    await say('failed', 'Re-sync every service in error as one bulk run');

    // Plan, then apply: a rename sends the title only, so the booking URL stays; a second sync sends nothing.
    await sb.ctx.db.prisma.service.update({ where: { id: 87 }, data: { name: 'Balayage Deluxe' } });
    await say('87', 'Service 87 is renamed to "Balayage Deluxe" in the catalogue');
    out(`   Booking URL after the rename: cal.com/${bookingSlug(sb, 87, team)} (unchanged: an update never sends the slug)\n`);
    await say('87', 'The same sync again: Cal.com already matches, so nothing is sent');

    // Drift: someone edits 86 and deletes 89 by hand in Cal.com's web UI.
    const fohnen = (await sb.ctx.store.getService(89))!.calcomEventTypeId!;
    sb.emulator.edit(3761978, { lengthInMinutes: 45 });
    sb.emulator.delete(fohnen);
    out(`── By hand in Cal.com: event type 3761978 (service 86) set to 45 minutes; event type ${fohnen} (service 89) deleted\n`);
    await say('digest', 'The daily digest (posted at DIGEST_TIME on its own; here on demand) reads Cal.com once and names the drift');
    await restoreFromDigest(sb, 89, out);
    out(`   Booking URL of service 89 again: cal.com/${bookingSlug(sb, 89, team)} (recreated under its remembered slug)\n`);

    out('── $ calsync sync --all --dry-run');
    out(`${planText((await sb.ctx.useCases.preview()).preview).replace(/^/gm, '   ')}\n`);
    await say('all', 'The whole catalogue: the plan first (ephemeral), applied only after the confirm button');
    for (const r of sb.slack.responses.slice(-1)) out(`${renderMessage(r.body, '  (only you) ')}\n`);
    await say('status 85', 'The status card (ephemeral: only @alice sees it)');
    for (const r of sb.slack.responses.slice(-1)) out(`${renderMessage(r.body, '  (only you) ')}\n`);
    await say('abc', 'A typo gets an explanation and nothing else');
    if (team) await personalToTeam(sb, say, out);

    const events = targetList(sb, team);
    const slugs = new Set(events.map((e) => e.slug));
    out(`${team ? `Team ${DEMO_TEAM_ID}` : 'Cal.com'} now has ${events.length} event types, ${slugs.size} distinct slugs: no duplicates.`);
    const services = await sb.ctx.store.listServices();
    out(
      services
        .map((s) => `  service ${s.id} ${s.name.padEnd(26)} ${s.syncStatus.padEnd(7)} event type ${s.calcomEventTypeId ?? '—'}`)
        .join('\n'),
    );
    return 0;
  } finally {
    await sb.close();
  }
}
