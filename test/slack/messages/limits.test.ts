import { describe, expect, it } from 'vitest';
import type { KnownBlock } from '../../../src/slack/messages/index.js';
import { checkBlockKitLimits } from './block-kit.js';

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (action_id: string, label = 'Retry', value = '{"s":1}'): KnownBlock => ({
  type: 'actions',
  elements: [{ type: 'button', action_id, value, text: { type: 'plain_text', text: label } }],
});
const ok = { text: 'fine', blocks: [section('hello'), button('a')] };

describe('checkBlockKitLimits', () => {
  it('accepts a message within the limits', () => {
    expect(checkBlockKitLimits(ok)).toEqual([]);
  });

  it.each<[string, { text: string; blocks: KnownBlock[] }, RegExp]>([
    ['empty text', { text: ' ', blocks: [] }, /^text: empty/],
    ['51 blocks', { text: 'x', blocks: Array.from({ length: 51 }, () => section('x')) }, /^blocks: 51 > 50/],
    ['long section', { text: 'x', blocks: [section('x'.repeat(3001))] }, /blocks\[0\]\.text: 3001 chars > 3000/],
    ['empty section', { text: 'x', blocks: [section('')] }, /blocks\[0\]\.text: empty/],
    ['long label', { text: 'x', blocks: [button('a', 'R'.repeat(76))] }, /elements\[0\]\.text: 76 chars > 75/],
    ['long value', { text: 'x', blocks: [button('a', 'Retry', 'v'.repeat(2001))] }, /value: 2001 chars > 2000/],
    ['duplicate action_id', { text: 'x', blocks: [button('a'), button('a')] }, /action_id: duplicate "a"/],
    ['long block_id', { text: 'x', blocks: [{ type: 'divider', block_id: 'b'.repeat(256) }] }, /block_id: 256 chars > 255/],
    [
      'duplicate block_id',
      {
        text: 'x',
        blocks: [
          { type: 'divider', block_id: 'b' },
          { type: 'divider', block_id: 'b' },
        ],
      },
      /block_id: duplicate/,
    ],
    ['long header', { text: 'x', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] }, /151 chars > 150/],
  ])('flags %s', (_name, message, problem) => {
    const problems = checkBlockKitLimits(message);
    expect(problems.some((p) => problem.test(p))).toBe(true);
  });

  it('flags a button accessory too', () => {
    const message = {
      text: 'x',
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: 'x' },
          accessory: { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'L'.repeat(80) } },
        },
      ] as KnownBlock[],
    };
    expect(checkBlockKitLimits(message)).toEqual(['blocks[0].accessory.text: 80 chars > 75']);
  });
});
