import { t, type Dictionary, type Locale } from '../../i18n/index.js';
import { showValue, type FieldChange } from '../../sync/plan.js';
import type { SyncOutcome } from '../../sync/types.js';
import { actions, button, context, fields, message, section } from './blocks.js';
import { STATE_EMOJI } from './emoji.js';
import { clamp, codeSpan, escapeMrkdwn, inline, valueSpan } from './format.js';
import { LIMITS } from './limits.js';
import { RETRY_ACTION_ID, retryValue } from './retry.js';
import type { KnownBlock, SlackMessage } from './types.js';

export type FailedOutcome = Extract<SyncOutcome, { kind: 'failed' }>;

export interface SyncResultOptions {
  /** The Retry button's value; ids only. Defaults to `{"s":<serviceId>}`. */
  retryValue?: string;
}

/** The reply in a service's thread: outcome word, Event Type ID, attempts; on failure snippet and Retry. */
export function syncResultMessage(outcome: SyncOutcome, locale: Locale, opts: SyncResultOptions = {}): SlackMessage {
  const d = t(locale);
  if (outcome.kind === 'failed') {
    const { text, blocks } = failureParts(outcome, d);
    const value =
      opts.retryValue !== undefined && opts.retryValue.length <= LIMITS.buttonValue ? opts.retryValue : retryValue(outcome.serviceId);
    const retry = button({ text: d.common.retry, actionId: RETRY_ACTION_ID, value });
    return message(text, [...blocks, actions([retry], RETRY_ACTION_ID)]);
  }
  const title = d.common.service(outcome.serviceId, inline(outcome.serviceName));
  const headline = d.result.synced(d.outcome[outcome.kind]);
  const note =
    'movedFrom' in outcome && outcome.movedFrom !== undefined
      ? d.result.moved(outcome.movedFrom, outcome.eventTypeId)
      : outcome.kind === 'recreated'
        ? d.result.recreated(outcome.oldEventTypeId, outcome.eventTypeId)
        : outcome.kind === 'adopted'
          ? d.result.adopted
          : outcome.kind === 'unchanged'
            ? d.result.unchanged
            : null;
  const changes = 'changes' in outcome ? (outcome.changes ?? []) : [];
  const blocks: KnownBlock[] = [
    section(`${STATE_EMOJI[outcome.kind]} *${headline}*${note ? `\n${note}` : ''}`),
    ...(changes.length > 0 ? [section(changesText(changes, d))] : []),
    fields([`*${d.common.eventTypeId}*\n${outcome.eventTypeId}`, `*${d.common.attempts}*\n${outcome.attempts}`]),
    context(title),
  ];
  const changed =
    changes.length > 0
      ? ` (${changes.map((c) => `${c.field} ${inline(showValue(c.from ?? null), 40)} → ${inline(showValue(c.to), 40)}`).join('; ')})`
      : '';
  const text = `${headline}: ${title}, ${d.common.eventTypeId} ${outcome.eventTypeId}${changed}${note ? `. ${note}` : ''}`;
  return message(text, blocks);
}

const CHANGES_SHOWN = 10;

/** `*Changed*` then one line per field, old → new; sized for one section. */
function changesText(changes: readonly FieldChange[], d: Dictionary): string {
  const shown = changes
    .slice(0, CHANGES_SHOWN)
    .map((c) => `• \`${inline(c.field, 40)}\` ${valueSpan(c.from, 300)} → ${valueSpan(c.to, 300)}`);
  const rest = changes.length - shown.length;
  return clamp(
    [`*${d.result.changed}*`, ...shown, ...(rest > 0 ? [`_${d.result.moreChanges(rest)}_`] : [])].join('\n'),
    LIMITS.sectionText,
  );
}

/** Why a sync failed: a row refused before any API call in the reader's language; else Cal.com's error text. */
export function failureReason(f: Pick<FailedOutcome, 'serviceId' | 'error' | 'invalid'>, d: Dictionary): string {
  if (f.invalid) return escapeMrkdwn(d.result.invalid(f.serviceId, d.serviceProblem(f.invalid)));
  return codeSpan(f.error, d.common.emptyError);
}

/** A failure without its Retry button: shared by the result and the "retrying" version of it. */
function failureParts(outcome: FailedOutcome, d: Dictionary): SlackMessage {
  const title = d.common.service(outcome.serviceId, inline(outcome.serviceName));
  const headline = d.result.failed(outcome.attempts);
  const facts = [`*${d.common.eventTypeId}*\n${outcome.eventTypeId ?? d.common.none}`, `*${d.common.attempts}*\n${outcome.attempts}`];
  if (outcome.httpStatus !== null) facts.push(`*${d.common.httpStatus}*\n${outcome.httpStatus}`);
  const why = failureReason(outcome, d);
  const blocks: KnownBlock[] = [section(`${STATE_EMOJI.failed} *${headline}*\n${why}`), fields(facts), context(title)];
  return { text: `${headline}: ${title} — ${why}`, blocks };
}
