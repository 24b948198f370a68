// Slack messages as a person reads them, for a terminal: mrkdwn marks dropped, mentions as @names,
// buttons as [Retry], threads indented under their parent.
import type { SlackMessageRecord } from './slack-fake.js';

const people: Record<string, string> = { U0ALICE: 'alice', U0BOB: 'bob', U0CALSYNC: 'calsync' };

const emoji: Record<string, string> = {
  white_check_mark: '✅',
  x: '❌',
  recycle: '♻️',
  link: '🔗',
  arrows_counterclockwise: '🔄',
  warning: '⚠️',
  hourglass_flowing_sand: '⏳',
  hourglass: '⌛',
  no_entry: '⛔',
  mag: '🔍',
  inbox_tray: '📥',
  bar_chart: '📊',
  sunny: '☀️',
  white_circle: '⚪',
  large_yellow_circle: '🟡',
};

export function plain(mrkdwn: string): string {
  return mrkdwn
    .replace(/:([a-z0-9_+-]+):/g, (m, name: string) => emoji[name] ?? m)
    .replace(/<@(\w+)>/g, (_m, id: string) => `@${people[id] ?? id}`)
    .replace(/<#(\w+)(\|[^>]*)?>/g, '#ops')
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2')
    .replace(/<!date\^\d+\^[^|]*\|([^>]+)>/g, '$1')
    .replace(/(^|[\s(])\*([^*\n]+)\*/g, '$1$2')
    .replace(/(^|[\s(])_([^_\n]+)_/g, '$1$2')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function blockLines(block: any): string[] {
  switch (block.type) {
    case 'header':
      return [plain(block.text.text).toUpperCase()];
    case 'section': {
      const lines = block.text ? plain(block.text.text).split('\n') : [];
      for (const f of block.fields ?? []) lines.push(plain(f.text).replace(/\n/g, ' '));
      if (block.accessory?.type === 'button') lines[lines.length - 1] = `${lines.at(-1) ?? ''}  [${block.accessory.text.text}]`;
      return lines;
    }
    case 'context':
      return [block.elements.map((e: any) => plain(e.text ?? '')).join(' ')];
    case 'actions':
      return [block.elements.map((e: any) => `[${e.text?.text ?? e.action_id}]`).join(' ')];
    case 'divider':
      return ['─'.repeat(20)];
    default:
      return [];
  }
}

export function renderMessage(m: { text: string; blocks: any[] }, indent = ''): string {
  const lines = m.blocks.length ? m.blocks.flatMap(blockLines) : [plain(m.text)];
  return lines
    .filter((l) => l.trim() !== '')
    .map((l) => indent + l)
    .join('\n');
}

/** A channel message and its thread, as Slack would show it now. */
export function renderThread(parent: SlackMessageRecord, replies: SlackMessageRecord[]): string {
  const out = [renderMessage(parent, '│ ')];
  for (const r of replies) out.push(renderMessage(r, '│   ↳ '));
  return out.join('\n│\n');
}
