// How sync results read in a terminal (the Slack messages have their own builders). Names and errors come
// from the catalogue and Cal.com, so each is one line here (a newline in a name would break the table);
// program.ts strips every control character from what is printed (sync/text.ts `terminalSafe`).
import cliProgress from 'cli-progress';
import { oneLine, inertJson, terminalSafe } from '../sync/text.js';
import type { RunRecord, Service, SyncResult } from '../sync/types.js';
import { outcomeWord, planSummary } from '../i18n/index.js';
import type { ImportPlan } from '../sync/import.js';
import { changeLine, type FieldChange, type Step } from '../sync/plan.js';
import { work, type Preview } from '../sync/preview.js';
import { formatDate, table } from './io.js';

export function resultLine(r: SyncResult): string {
  switch (r.kind) {
    case 'unknown':
      return `service ${r.serviceId}: not in the catalogue`;
    case 'busy':
      return `service ${r.serviceId}: a sync is already running (since ${formatDate(r.since)})`;
    case 'failed':
      return `service ${r.serviceId} ${oneLine(r.serviceName)}: failed after ${r.attempts} attempt${r.attempts === 1 ? '' : 's'}: ${oneLine(r.error)}`;
    case 'recreated':
      return `service ${r.serviceId} ${oneLine(r.serviceName)}: recreated as event type ${r.eventTypeId} (event type ${r.oldEventTypeId} was gone)`;
    default: {
      const changes = 'changes' in r && r.changes?.length ? `: ${r.changes.map((c) => oneLine(changeLine(c))).join('; ')}` : '';
      const moved = 'movedFrom' in r && r.movedFrom !== undefined ? `; moved from event type ${r.movedFrom}, which was left as it is` : '';
      return `service ${r.serviceId} ${oneLine(r.serviceName)}: ${outcomeWord(r.kind, 'en')}, event type ${r.eventTypeId} (${r.attempts} attempt${r.attempts === 1 ? '' : 's'})${changes}${moved}`;
    }
  }
}

/** The JSON shape of one result for `--json`: stable keys, dates as ISO strings. */
export function resultJson(r: SyncResult) {
  return { ...r, ...(r.kind === 'busy' ? { since: r.since.toISOString() } : {}) };
}

/** JSON for `--json`: valid and equal to JSON.stringify's, with DEL, C1 and format characters escaped. */
export const toJson = inertJson;

/** What the table holds: a status another system wrote stays as written. */
const storedStatus = (s: Service): string => s.syncStatusRaw ?? s.syncStatus;

/** A service as its table row (SPEC §6 column names), for `services list --json`. */
export function serviceRow(s: Service) {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    duration_minutes: s.durationMinutes,
    price_cents: s.priceCents,
    currency: s.currency,
    active: s.active,
    calcom_event_type_id: s.calcomEventTypeId,
    sync_status: storedStatus(s),
    sync_error: s.syncError,
    sync_attempts: s.syncAttempts,
    last_sync_success: s.lastSyncSuccess?.toISOString() ?? null,
    last_calcom_sync: s.lastCalcomSync?.toISOString() ?? null,
    updated_at: s.updatedAt.toISOString(),
  };
}

export function servicesTable(services: Service[]): string {
  return table(
    services.map((s) => [
      s.id,
      oneLine(s.name),
      s.durationMinutes,
      s.active ? 'yes' : 'no',
      s.calcomEventTypeId,
      statusWord(s),
      formatDate(s.lastSyncSuccess),
    ]),
    ['ID', 'NAME', 'MIN', 'ACTIVE', 'EVENT TYPE', 'STATUS', 'LAST SUCCESS'],
  );
}

/** `error`, or `unknown ("weird")` for a value calsync can't read. */
function statusWord(s: Service): string {
  return s.syncStatus === 'unknown' ? `unknown (${JSON.stringify(oneLine(s.syncStatusRaw ?? ''))})` : s.syncStatus;
}

/** `  changed title, lengthInMinutes`: what a run sent, by field (`status --json` has the values). */
const changedFields = (r: RunRecord) => (r.changes?.length ? `  changed ${r.changes.map((c) => oneLine(c.field)).join(', ')}` : '');

export function statusText(s: Service, runs: RunRecord[]): string {
  const lines = [
    `Service ${s.id}: ${oneLine(s.name)}`,
    `  status:        ${statusWord(s)}`,
    `  event type:    ${s.calcomEventTypeId ?? '—'}`,
    `  last success:  ${formatDate(s.lastSyncSuccess)}`,
    `  last attempt:  ${formatDate(s.lastCalcomSync)}`,
  ];
  if (s.syncError) lines.push(`  last error:    ${oneLine(s.syncError)}`);
  if (runs.length) {
    lines.push('  recent runs:');
    for (const r of runs)
      lines.push(
        `    ${formatDate(r.startedAt)}  ${r.trigger.padEnd(7)}  ${(r.outcome ?? 'running').padEnd(10)}  ${r.newEventTypeId ?? ''}${changedFields(r)}${r.error ? `  ${oneLine(r.error).slice(0, 80)}` : ''}`,
      );
  }
  return lines.join('\n');
}

export function importText(plan: ImportPlan): string {
  const lines = [
    `linked ${plan.link.length}, created ${plan.create.length}, already linked ${plan.alreadyLinked}, skipped ${plan.skipped.length}`,
  ];
  for (const l of plan.link) lines.push(`  linked service ${l.serviceId} to event type ${l.eventTypeId} (${oneLine(l.slug)})`);
  for (const c of plan.create) lines.push(`  created service ${c.id} "${oneLine(c.name)}" from event type ${c.eventTypeId}`);
  for (const s of plan.skipped) lines.push(`  skipped event type ${s.eventTypeId}: ${oneLine(s.reason)}`);
  return lines.join('\n');
}

/**
 * The one place the CLI's text meets the terminal: every line printed loses its control and format
 * characters (an ESC from a service name would otherwise recolour, move the cursor or, with OSC 52,
 * write the clipboard). JSON passes unharmed: `toJson` leaves no raw control character in it.
 */
export function safeOut<O extends { stdout: (s: string) => void; stderr: (s: string) => void }>(out: O): O {
  return { ...out, stdout: (s: string) => out.stdout(terminalSafe(s)), stderr: (s: string) => out.stderr(terminalSafe(s)) };
}

/** Files with this many rows get a progress bar while their rows are checked (on a terminal only). */
export const BIG_IMPORT_ROWS = 5000;

/**
 * Progress for `calsync services import` of a big file on a terminal: one bar while its rows are checked,
 * another while they are written, so a 50 MB file never sits silent. Null when not a terminal.
 */
export function importProgress(isTTY: boolean, stream: NodeJS.WritableStream = process.stderr) {
  if (!isTTY) return null;
  const phase = (label: string) => {
    let bar: cliProgress.SingleBar | null = null;
    return (done: number, total: number): void => {
      if (total < BIG_IMPORT_ROWS) return;
      if (!bar) {
        bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {value}/{total}`, stream }, cliProgress.Presets.shades_classic);
        bar.start(total, done);
      } else bar.update(done);
      if (done >= total) bar.stop(); // parseCatalogue reports the end before it throws for bad rows
    };
  };
  return { checking: phase('checking rows'), writing: phase('writing rows ') };
}

/** One line per service that would change, then the counts: what `sync --dry-run` prints. */
export function planText(preview: Preview): string {
  const lines: string[] = [];
  if (preview.unreadable)
    lines.push(`Cal.com could not be read (${oneLine(preview.unreadable)}): every linked service is shown as an update`);
  for (const item of work(preview)) lines.push(`service ${item.serviceId} ${oneLine(item.serviceName)}: ${stepLine(item.step)}`);
  lines.push(`${planSummary(preview.counts, 'en')} (dry run: nothing was written)`);
  return lines.join('\n');
}

function stepLine(step: Step): string {
  const changes = (list: FieldChange[]) => (list.length ? `: ${list.map((c) => oneLine(changeLine(c))).join('; ')}` : '');
  switch (step.step) {
    case 'in-sync':
      return `in sync with event type ${step.eventTypeId}`;
    case 'update':
      return `update event type ${step.eventTypeId}${changes(step.changes)}`;
    case 'create':
      return `create event type "${oneLine(step.payload.slug)}"`;
    case 'adopt':
      return `adopt event type ${step.eventTypeId} "${oneLine(step.slug)}"${changes(step.changes)}`;
    case 'recreate':
      return `recreate event type ${step.oldEventTypeId} (gone) as "${oneLine(step.payload.slug)}"`;
    case 'move':
      return (
        `move to ${step.to === null ? 'personal event types' : `team ${step.to}`}: linked to event type ${step.eventTypeId} of ${step.from === null ? 'the key owner (personal)' : `team ${step.from}`}; ` +
        `a sync refuses it without --move, which creates "${oneLine(step.payload.slug)}" and leaves ${step.eventTypeId} as it is`
      );
    case 'invalid':
      return `invalid: ${oneLine(step.reason)}`;
  }
}

/** The JSON shape of `sync --dry-run --json`: one entry per service, the step's own fields flattened. */
export function planJson(preview: Preview) {
  return {
    unreadable: preview.unreadable,
    counts: preview.counts,
    services: preview.items.map(({ serviceId, serviceName, step }) => ({ serviceId, serviceName, ...step })),
  };
}
