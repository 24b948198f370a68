// The dry run of `/calsync diff`: writes nothing. Cal.com v2 takes no price on input (SPEC §3.2), so a
// difference the API cannot settle is labelled instead of promising a sync would fix it.
import { t, type Dictionary, type Locale } from '../../i18n/index.js';
import { context, message, section, sections } from './blocks.js';
import { codeBlock, inline, valueSpan } from './format.js';
import { LIMITS } from './limits.js';
import type { StepKind } from '../../sync/plan.js';
import type { DiffField } from '../../usecases/diff.js';
import type { KnownBlock, SlackMessage } from './types.js';

export interface DiffInput {
  serviceId: number;
  serviceName: string;
  eventTypeId: number | null;
  payload: Record<string, unknown>;
  live: Record<string, unknown> | null;
  differences: readonly DiffField[];
  /** The step a sync would take (plan.ts), shown when given. */
  step?: StepKind;
}

const DIFFERENCES_SHOWN = 25;

function differenceLine(diff: DiffField, d: Dictionary): string {
  const line = `• \`${inline(diff.field, 60)}\`: ${d.diff.catalogue} ${valueSpan(diff.catalogue)} → ${d.diff.calcom} ${valueSpan(diff.calcom)}`;
  return diff.settable ? line : `${line} _(${d.diff.notSettable})_`;
}

/** The live event type cut to the fields calsync manages, so both code blocks compare line by line. */
function managedFields(input: DiffInput): Record<string, unknown> | null {
  if (!input.live) return null;
  const keys = new Set(['id', ...Object.keys(input.payload), ...input.differences.map((x) => x.field)]);
  return Object.fromEntries(Object.entries(input.live).filter(([key]) => keys.has(key)));
}

function summary(input: DiffInput, d: Dictionary): string {
  if (input.eventTypeId === null) return d.diff.notLinked;
  if (!input.live) return d.diff.liveMissing(input.eventTypeId);
  return input.differences.length === 0 ? d.diff.noDifferences : d.diff.differences(input.differences.length);
}

export function diffMessage(input: DiffInput, locale: Locale): SlackMessage {
  const d = t(locale);
  const title = d.diff.title(input.serviceId, inline(input.serviceName));
  const headline = summary(input, d);
  const blocks: KnownBlock[] = [
    section(`:mag: *${title}*`),
    context(input.step ? `${d.diff.plan(d.plan.step[input.step])} · ${d.diff.nothingWritten}` : d.diff.nothingWritten),
  ];

  if (input.live && input.differences.length > 0) {
    const shown = input.differences.slice(0, DIFFERENCES_SHOWN).map((x) => differenceLine(x, d));
    const rest = input.differences.length - shown.length;
    blocks.push(...sections([`*${headline}*`, ...shown, ...(rest > 0 ? [`_${d.diff.more(rest)}_`] : [])]));
  } else {
    blocks.push(section(headline));
  }

  const payloadLabel = `*${d.diff.payload}*\n`;
  blocks.push(section(payloadLabel + codeBlock(input.payload, LIMITS.sectionText - payloadLabel.length)));
  const live = managedFields(input);
  if (live && input.eventTypeId !== null) {
    const liveLabel = `*${d.diff.live(input.eventTypeId)}*\n`;
    blocks.push(section(liveLabel + codeBlock(live, LIMITS.sectionText - liveLabel.length)));
  }
  const plan = input.step ? ` ${d.diff.plan(d.plan.step[input.step])}.` : '';
  return message(`${title}: ${headline}.${plan} ${d.diff.nothingWritten}`, blocks);
}
