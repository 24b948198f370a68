// Block Kit's limits checked on a whole message: every builder's output passes through this in the tests,
// so a message Slack would refuse (`invalid_blocks`) fails here first.
import { LIMITS } from '../../../src/slack/messages/index.js';
import type { AnyBlock } from '../../../src/slack/messages/types.js';

interface TextLike {
  type?: unknown;
  text?: unknown;
}
interface ElementLike {
  type?: unknown;
  text?: TextLike;
  action_id?: unknown;
  value?: unknown;
  url?: unknown;
}

/** Every limit the message breaks, as readable lines; empty when it is fine to post. */
export function checkBlockKitLimits(message: { text: string; blocks: readonly AnyBlock[] }): string[] {
  const problems: string[] = [];
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  const tooLong = (where: string, value: unknown, max: number): void => {
    if (typeof value === 'string' && value.length > max) problems.push(`${where}: ${value.length} chars > ${max}`);
  };
  const empty = (where: string, value: unknown): void => {
    if (typeof value !== 'string' || value.trim() === '') problems.push(`${where}: empty`);
  };
  const element = (where: string, el: ElementLike): void => {
    if (typeof el.action_id === 'string') {
      tooLong(`${where}.action_id`, el.action_id, LIMITS.actionId);
      if (actionIds.has(el.action_id)) problems.push(`${where}.action_id: duplicate "${el.action_id}"`);
      actionIds.add(el.action_id);
    }
    if (el.type !== 'button') return;
    empty(`${where}.text`, el.text?.text);
    tooLong(`${where}.text`, el.text?.text, LIMITS.buttonText);
    tooLong(`${where}.value`, el.value, LIMITS.buttonValue);
    tooLong(`${where}.url`, el.url, LIMITS.buttonUrl);
  };

  empty('text', message.text);
  tooLong('text', message.text, LIMITS.messageText);
  if (message.blocks.length > LIMITS.blocks) problems.push(`blocks: ${message.blocks.length} > ${LIMITS.blocks}`);

  message.blocks.forEach((block, i) => {
    const at = `blocks[${i}]`;
    if (typeof block.block_id === 'string') {
      tooLong(`${at}.block_id`, block.block_id, LIMITS.blockId);
      if (blockIds.has(block.block_id)) problems.push(`${at}.block_id: duplicate "${block.block_id}"`);
      blockIds.add(block.block_id);
    }
    const b = block as { type: string; text?: TextLike; fields?: TextLike[]; elements?: ElementLike[]; accessory?: ElementLike };
    switch (b.type) {
      case 'section':
        if (b.text === undefined && (b.fields ?? []).length === 0) problems.push(`${at}: section needs text or fields`);
        if (b.text !== undefined) empty(`${at}.text`, b.text.text);
        tooLong(`${at}.text`, b.text?.text, LIMITS.sectionText);
        if ((b.fields ?? []).length > LIMITS.sectionFields) problems.push(`${at}.fields: more than ${LIMITS.sectionFields}`);
        for (const [j, f] of (b.fields ?? []).entries()) tooLong(`${at}.fields[${j}]`, f.text, LIMITS.fieldText);
        if (b.accessory) element(`${at}.accessory`, b.accessory);
        break;
      case 'header':
        empty(`${at}.text`, b.text?.text);
        tooLong(`${at}.text`, b.text?.text, LIMITS.headerText);
        break;
      case 'context':
        if ((b.elements ?? []).length > LIMITS.contextElements) problems.push(`${at}.elements: more than ${LIMITS.contextElements}`);
        for (const [j, e] of (b.elements ?? []).entries()) tooLong(`${at}.elements[${j}]`, e.text, LIMITS.contextText);
        break;
      case 'actions':
        if ((b.elements ?? []).length === 0) problems.push(`${at}.elements: empty`);
        if ((b.elements ?? []).length > LIMITS.actionsElements) problems.push(`${at}.elements: more than ${LIMITS.actionsElements}`);
        for (const [j, e] of (b.elements ?? []).entries()) element(`${at}.elements[${j}]`, e);
        break;
    }
  });
  return problems;
}
