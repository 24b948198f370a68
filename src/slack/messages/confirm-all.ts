import { planSummary, t, type Locale } from '../../i18n/index.js';
import type { StepKind } from '../../sync/plan.js';
import { actions, button, context, message, section } from './blocks.js';
import { clamp, inline, valueSpan } from './format.js';
import { LIMITS } from './limits.js';
import type { KnownBlock, SlackMessage } from './types.js';

export const CONFIRM_ALL_ACTION_ID = 'calsync_all_confirm';
export const CANCEL_ALL_ACTION_ID = 'calsync_all_cancel';

/** One planned change as the preview lists it (the first few of a plan). */
export interface PlannedChange {
  serviceId: number;
  serviceName: string;
  step: StepKind;
  changes: readonly { field: string; from: unknown; to: unknown }[];
}

export interface ConfirmAllInput {
  total: number;
  /** The plan's counts (SPEC §4 `all`); without them the message only asks. */
  counts?: Partial<Record<StepKind, number>>;
  first?: readonly PlannedChange[];
  /** Why Cal.com could not be read, when it could not. */
  unreadable?: string | null;
}

const FIRST_SHOWN = 10;

function changeLines(first: readonly PlannedChange[], total: number, locale: Locale): string {
  const d = t(locale);
  const lines = first.slice(0, FIRST_SHOWN).map((c) => {
    const fields = c.changes
      .slice(0, 4)
      .map((x) => `\`${inline(x.field, 40)}\` ${valueSpan(x.from, 60)} → ${valueSpan(x.to, 60)}`)
      .join(', ');
    return `• ${d.common.service(c.serviceId, inline(c.serviceName, 80))}: ${d.plan.step[c.step]}${fields ? ` ${fields}` : ''}`;
  });
  if (total > lines.length) lines.push(`_${d.plan.more(total - lines.length)}_`);
  return clamp([`*${d.plan.firstChanges}*`, ...lines].join('\n'), LIMITS.sectionText);
}

/** `/calsync all` asks first (SPEC §4), showing the plan. The confirm value carries the count the user agreed to. */
export function confirmAllMessage(input: ConfirmAllInput, locale: Locale): SlackMessage {
  const d = t(locale);
  if (input.total <= 0) return message(d.confirmAll.empty, [section(d.confirmAll.empty)]);
  const buttons = actions(
    [
      button({ text: d.confirmAll.confirm, actionId: CONFIRM_ALL_ACTION_ID, value: JSON.stringify({ n: input.total }), style: 'primary' }),
      button({ text: d.confirmAll.cancel, actionId: CANCEL_ALL_ACTION_ID }),
    ],
    'calsync_all',
  );
  if (!input.counts) {
    const question = d.confirmAll.question(input.total);
    return message(question, [section(`:warning: *${question}*`), buttons]);
  }
  const summary = planSummary(input.counts, locale);
  const work = input.total - (input.counts['in-sync'] ?? 0);
  if (work === 0 && !input.unreadable) return message(summary, [section(`:white_check_mark: ${summary}`)]);
  const blocks: KnownBlock[] = [section(`:warning: *${summary}*`)];
  if (input.unreadable) blocks.push(context(inline(d.plan.unreadable(input.unreadable), 2900)));
  if (input.first?.length) blocks.push(section(changeLines(input.first, work, locale)));
  blocks.push(buttons);
  return message(summary, blocks);
}
