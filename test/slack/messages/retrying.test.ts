import { describe, expect, it } from 'vitest';
import {
  bulkSummaryMessage,
  replaceRetryButton,
  RETRY_ACTION_ID,
  retryActionId,
  syncResultMessage,
} from '../../../src/slack/messages/index.js';
import { buttons, expectWellFormed, failed, texts, LOCALES } from './fixtures.js';

describe.each(LOCALES)('replaceRetryButton (%s)', (locale) => {
  it('takes the button off the posted failure, naming who retried, and keeps everything else', () => {
    const posted = syncResultMessage(failed(), locale);
    const msg = replaceRetryButton(posted, { actionId: RETRY_ACTION_ID, userId: 'U0456DEF' }, locale);
    expectWellFormed(msg);
    expect(buttons(msg)).toEqual([]);
    expect(msg.blocks).toHaveLength(posted.blocks.length);
    expect(msg.blocks.slice(0, -1)).toEqual(posted.blocks.slice(0, -1));
    expect(texts(msg)).toContain('<@U0456DEF>');
    expect(msg).toMatchSnapshot();
  });

  it('takes only the clicked button off a full bulk summary', () => {
    const failures = Array.from({ length: 200 }, (_, i) => ({ serviceId: i + 1, serviceName: `S${i + 1}`, error: 'boom', attempts: 3 }));
    const summary = bulkSummaryMessage(
      { label: 'failed', total: 200, counts: { failed: 200 }, failures, requestedBy: 'U0123ABC', durationMs: 1000 },
      locale,
    );
    expect(summary.blocks).toHaveLength(50);
    const msg = replaceRetryButton(summary, { actionId: retryActionId(7), userId: 'U0456DEF' }, locale);
    expectWellFormed(msg);
    expect(msg.blocks).toHaveLength(50);
    expect(buttons(msg)).toHaveLength(buttons(summary).length - 1);
    expect(buttons(msg).map((b) => b.action_id)).not.toContain(retryActionId(7));
    expect(texts(msg)).toContain('<@U0456DEF>');
  });
});

describe('retrying wording', () => {
  it.each([
    ['en', 'retrying, asked by <@U0456DEF>'],
    ['de', 'wird wiederholt, angefordert von <@U0456DEF>'],
  ] as const)('%s', (locale, phrase) => {
    const posted = syncResultMessage(failed(), locale);
    expect(texts(replaceRetryButton(posted, { actionId: RETRY_ACTION_ID, userId: 'U0456DEF' }, locale))).toContain(phrase);
  });
});
