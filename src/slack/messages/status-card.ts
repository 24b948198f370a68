import { t, type Dictionary, type Locale } from '../../i18n/index.js';
import type { FieldChange } from '../../sync/plan.js';
import type { OutcomeKind, Service, Trigger } from '../../sync/types.js';
import { fields, message, section } from './blocks.js';
import { STATE_EMOJI, STATUS_EMOJI } from './emoji.js';
import { codeSpan, formatDuration, formatUtc, inline, userRef, valueSpan } from './format.js';
import type { KnownBlock, SlackMessage } from './types.js';

export interface StatusRun {
  trigger: Trigger;
  /** null while the run has not finished. */
  outcome: OutcomeKind | null;
  startedAt: Date;
  finishedAt: Date | null;
  newEventTypeId: number | null;
  error: string | null;
  requestedBy: string | null;
  /** The fields the run sent (audit `changes`); their values are on the run's own thread reply. */
  changes?: readonly FieldChange[] | null;
}

const STATUS_RUNS_SHOWN = 5;

function runLine(run: StatusRun, d: Dictionary): string {
  const state = run.outcome ? `${STATE_EMOJI[run.outcome]} ${d.outcome[run.outcome]}` : `${STATE_EMOJI.running} ${d.common.running}`;
  const parts = [formatUtc(run.startedAt), d.trigger[run.trigger], state];
  if (run.finishedAt) parts.push(formatDuration(run.finishedAt.getTime() - run.startedAt.getTime()));
  if (run.newEventTypeId !== null) parts.push(`${d.common.eventTypeId} ${run.newEventTypeId}`);
  if (run.requestedBy) parts.push(userRef(run.requestedBy));
  const error = run.outcome === 'failed' && run.error ? `\n    ${codeSpan(run.error, d.common.emptyError)}` : '';
  const changed = run.changes?.length
    ? `\n    ${d.result.changed}: ${run.changes.map((c) => `\`${inline(c.field, 40)}\``).join(', ')}`
    : '';
  return `• ${parts.join(' · ')}${changed}${error}`;
}

/** Ephemeral `/calsync status 85`: status, event type id, last success, last error, last runs. */
export function statusCard(service: Service, runs: readonly StatusRun[], locale: Locale): SlackMessage {
  const d = t(locale);
  const title = d.status.title(service.id, inline(service.name));
  // A value another system wrote is shown as written (made safe), next to the words "unknown status".
  const raw = service.syncStatus === 'unknown' ? ` ${valueSpan(service.syncStatusRaw ?? '', 40)}` : '';
  const status = `${d.syncStatus[service.syncStatus]}${raw}`;
  const eventTypeId = service.calcomEventTypeId ?? d.status.notLinked;
  const latest = [...runs].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime()).slice(0, STATUS_RUNS_SHOWN);

  const blocks: KnownBlock[] = [
    section(`*${title}*${service.active ? '' : `\n${d.status.inactive}`}`),
    fields([
      `*${d.status.status}*\n${STATUS_EMOJI[service.syncStatus]} ${status}`,
      `*${d.common.eventTypeId}*\n${eventTypeId}`,
      `*${d.status.lastSuccess}*\n${formatUtc(service.lastSyncSuccess, d.common.never)}`,
      `*${d.status.lastCalcomSync}*\n${formatUtc(service.lastCalcomSync, d.common.never)}`,
      `*${d.common.attempts}*\n${service.syncAttempts}`,
    ]),
  ];
  if (service.syncError) {
    blocks.push(section(`*${d.status.lastError}*\n${codeSpan(service.syncError, d.common.emptyError)}`));
  }
  const runLines = latest.length > 0 ? latest.map((run) => runLine(run, d)).join('\n') : d.status.noRuns;
  blocks.push(section(`*${d.status.lastRuns}*\n${runLines}`));

  const text = `${title}: ${status}, ${d.common.eventTypeId} ${eventTypeId}, ${d.status.lastSuccess} ${formatUtc(service.lastSyncSuccess, d.common.never)}`;
  return message(text, blocks);
}
