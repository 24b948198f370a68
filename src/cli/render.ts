// How sync results read in a terminal (the Slack messages have their own builders).
import type { Service, SyncResult } from '../sync/types.js';
import { outcomeWord, planSummary } from '../i18n/index.js';
import type { RunRow } from '../db/store.js';
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
      return `service ${r.serviceId} ${r.serviceName}: failed after ${r.attempts} attempt${r.attempts === 1 ? '' : 's'}: ${r.error}`;
    case 'recreated':
      return `service ${r.serviceId} ${r.serviceName}: recreated as event type ${r.eventTypeId} (event type ${r.oldEventTypeId} was gone)`;
    default: {
      const changes = 'changes' in r && r.changes?.length ? `: ${r.changes.map((c) => plainText(changeLine(c))).join('; ')}` : '';
      return `service ${r.serviceId} ${r.serviceName}: ${outcomeWord(r.kind, 'en')}, event type ${r.eventTypeId} (${r.attempts} attempt${r.attempts === 1 ? '' : 's'})${changes}`;
    }
  }
}

/** Text from the catalogue or Cal.com on one line, without control characters (no terminal escapes). */
export function plainText(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');
}

/** The JSON shape of one result for `--json`: stable keys, dates as ISO strings. */
export function resultJson(r: SyncResult) {
  return { ...r, ...(r.kind === 'busy' ? { since: r.since.toISOString() } : {}) };
}

/** A service as its table row (SPEC §6 column names), for `services list --json`. */
export function serviceRow(s: Service) {
  return {
    id: s.id, name: s.name, description: s.description, duration_minutes: s.durationMinutes, price_cents: s.priceCents, currency: s.currency,
    active: s.active, calcom_event_type_id: s.calcomEventTypeId, sync_status: s.syncStatus, sync_error: s.syncError, sync_attempts: s.syncAttempts,
    last_sync_success: s.lastSyncSuccess?.toISOString() ?? null, last_calcom_sync: s.lastCalcomSync?.toISOString() ?? null, updated_at: s.updatedAt.toISOString(),
  };
}

export function servicesTable(services: Service[]): string {
  return table(
    services.map((s) => [s.id, s.name, s.durationMinutes, s.active ? 'yes' : 'no', s.calcomEventTypeId, s.syncStatus, formatDate(s.lastSyncSuccess)]),
    ['ID', 'NAME', 'MIN', 'ACTIVE', 'EVENT TYPE', 'STATUS', 'LAST SUCCESS'],
  );
}

export function statusText(s: Service, runs: RunRow[]): string {
  const lines = [
    `Service ${s.id}: ${s.name}`,
    `  status:        ${s.syncStatus}`,
    `  event type:    ${s.calcomEventTypeId ?? '—'}`,
    `  last success:  ${formatDate(s.lastSyncSuccess)}`,
    `  last attempt:  ${formatDate(s.lastCalcomSync)}`,
  ];
  if (s.syncError) lines.push(`  last error:    ${s.syncError}`);
  if (runs.length) {
    lines.push('  recent runs:');
    for (const r of runs) lines.push(`    ${formatDate(r.startedAt)}  ${r.trigger.padEnd(7)}  ${(r.outcome ?? 'running').padEnd(10)}  ${r.newEventTypeId ?? ''}${r.error ? `  ${r.error.slice(0, 80)}` : ''}`);
  }
  return lines.join('\n');
}

export function importText(plan: ImportPlan): string {
  const lines = [`linked ${plan.link.length}, created ${plan.create.length}, already linked ${plan.alreadyLinked}, skipped ${plan.skipped.length}`];
  for (const l of plan.link) lines.push(`  linked service ${l.serviceId} to event type ${l.eventTypeId} (${l.slug})`);
  for (const c of plan.create) lines.push(`  created service ${c.id} "${c.name}" from event type ${c.eventTypeId}`);
  for (const s of plan.skipped) lines.push(`  skipped event type ${s.eventTypeId}: ${s.reason}`);
  return lines.join('\n');
}

/** One line per service that would change, then the counts: what `sync --dry-run` prints. */
export function planText(preview: Preview): string {
  const lines: string[] = [];
  if (preview.unreadable) lines.push(`Cal.com could not be read (${plainText(preview.unreadable)}): every linked service is shown as an update`);
  for (const item of work(preview)) lines.push(`service ${item.serviceId} ${plainText(item.serviceName)}: ${stepLine(item.step)}`);
  lines.push(`${planSummary(preview.counts, 'en')} (dry run: nothing was written)`);
  return lines.join('\n');
}

function stepLine(step: Step): string {
  const changes = (list: FieldChange[]) => (list.length ? `: ${list.map((c) => plainText(changeLine(c))).join('; ')}` : '');
  switch (step.step) {
    case 'in-sync':
      return `in sync with event type ${step.eventTypeId}`;
    case 'update':
      return `update event type ${step.eventTypeId}${changes(step.changes)}`;
    case 'create':
      return `create event type "${plainText(step.payload.slug)}"`;
    case 'adopt':
      return `adopt event type ${step.eventTypeId} "${plainText(step.slug)}"${changes(step.changes)}`;
    case 'recreate':
      return `recreate event type ${step.oldEventTypeId} (gone) as "${plainText(step.payload.slug)}"`;
    case 'invalid':
      return `invalid: ${plainText(step.reason)}`;
  }
}

/** The JSON shape of `sync --dry-run --json`: one entry per service, the step's own fields flattened. */
export function planJson(preview: Preview) {
  return { unreadable: preview.unreadable, counts: preview.counts, services: preview.items.map(({ serviceId, serviceName, step }) => ({ serviceId, serviceName, ...step })) };
}
