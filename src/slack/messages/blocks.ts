// Small constructors so builders read as layout, and every piece is cut to its Block Kit limit. Every
// mrkdwn text is `verbatim`: Slack would otherwise turn a bare URL or channel name in a service name
// into a link; our own links and mentions are written out (`<url|label>`, `<@U123>`) and still work.
import { clamp } from './format.js';
import { LIMITS } from './limits.js';
import type { ActionsBlock, Button, ContextBlock, HeaderBlock, KnownBlock, MrkdwnElement, SectionBlock, SlackMessage } from './types.js';

export function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

export function section(text: string, accessory?: Button): SectionBlock {
  const block: SectionBlock = { type: 'section', text: mrkdwn(clamp(text, LIMITS.sectionText)) };
  if (accessory) block.accessory = accessory;
  return block;
}

export function fields(texts: readonly string[]): SectionBlock {
  return {
    type: 'section',
    fields: texts.slice(0, LIMITS.sectionFields).map((text) => mrkdwn(clamp(text, LIMITS.fieldText))),
  };
}

export function context(text: string): ContextBlock {
  return { type: 'context', elements: [mrkdwn(clamp(text, LIMITS.contextText))] };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: clamp(text, LIMITS.headerText), emoji: true } };
}

export function button(opts: { text: string; actionId: string; value?: string; style?: 'primary' | 'danger' }): Button {
  const b: Button = {
    type: 'button',
    text: { type: 'plain_text', text: clamp(opts.text, LIMITS.buttonText), emoji: true },
    action_id: opts.actionId,
  };
  if (opts.value !== undefined) b.value = opts.value;
  if (opts.style) b.style = opts.style;
  return b;
}

export function actions(elements: Button[], blockId?: string): ActionsBlock {
  return blockId ? { type: 'actions', block_id: blockId, elements } : { type: 'actions', elements };
}

/** Groups lines into as few sections as fit, so a long list never breaks the 3000-character limit. */
export function sections(lines: readonly string[]): SectionBlock[] {
  const out: SectionBlock[] = [];
  let current = '';
  for (const raw of lines) {
    const line = clamp(raw, LIMITS.sectionText);
    if (current && current.length + 1 + line.length > LIMITS.sectionText) {
      out.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(section(current));
  return out;
}

/** The notification text, one line, never empty. */
export function message(text: string, blocks: KnownBlock[]): SlackMessage {
  const fallback = text.replace(/\s*\n\s*/g, ' ').trim() || 'calsync';
  return { text: clamp(fallback, LIMITS.sectionText), blocks };
}
