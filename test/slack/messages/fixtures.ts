// Builders for test inputs and the checks every message must pass, so each test states only what differs.
import { expect } from 'vitest';
import type { Locale } from '../../../src/i18n/index.js';
import type { Service, SyncOutcome } from '../../../src/sync/types.js';
import type { FailedOutcome, SlackMessage, StatusRun } from '../../../src/slack/messages/index.js';
import { aService } from '../../support/services.js';
import { checkBlockKitLimits } from './block-kit.js';

// A Record over Locale: a new locale is a compile error here until the tests cover it.
const EVERY_LOCALE: Record<Locale, true> = { en: true, de: true };
export const LOCALES = Object.keys(EVERY_LOCALE) as Locale[];

export const API_KEY = 'cal_live_abc123def456ghi789';
export const LONG_NAME = 'Ansatz + Längenausgleich mit Pflegekur & Styling <für> besondere Anlässe, inklusive Beratung 💇‍♀️';
export const NOW = new Date('2026-11-24T09:00:00Z');

export const at = (minutes: number): Date => new Date(NOW.getTime() + minutes * 60_000);

export function outcome(kind: 'created' | 'updated' | 'unchanged' | 'adopted'): SyncOutcome {
  return { kind, serviceId: 85, serviceName: 'Ansatz + Längenausgleich', attempts: 1, eventTypeId: 3757698 };
}

export function recreated(): SyncOutcome {
  return {
    kind: 'recreated',
    serviceId: 85,
    serviceName: 'Ansatz + Längenausgleich',
    attempts: 2,
    eventTypeId: 3757700,
    oldEventTypeId: 3757698,
  };
}

export function failed(overrides: Partial<FailedOutcome> = {}): FailedOutcome {
  return {
    kind: 'failed',
    serviceId: 85,
    serviceName: 'Ansatz + Längenausgleich',
    attempts: 3,
    error:
      'Cal.com API error 400: {"status":"error","error":{"code":"BadRequestException","message":"lengthInMinutes must be a positive number"}}',
    httpStatus: 400,
    eventTypeId: 3757698,
    ...overrides,
  };
}

export function service(overrides: Partial<Service> = {}): Service {
  return aService({
    id: 85,
    name: 'Ansatz + Längenausgleich',
    description: 'Ansatzfarbe und Längenausgleich',
    durationMinutes: 90,
    priceCents: 8900,
    currency: 'EUR',
    calcomEventTypeId: 3757698,
    syncStatus: 'synced',
    syncAttempts: 1,
    lastSyncSuccess: at(-60),
    lastCalcomSync: at(-60),
    updatedAt: at(-120),
    ...overrides,
  });
}

export function run(overrides: Partial<StatusRun> = {}): StatusRun {
  return {
    trigger: 'command',
    outcome: 'updated',
    startedAt: at(-60),
    finishedAt: new Date(at(-60).getTime() + 1_400),
    newEventTypeId: 3757698,
    error: null,
    requestedBy: 'U0123ABC',
    ...overrides,
  };
}

/** The checks every message passes: a fallback text, Block Kit limits, no secret. */
export function expectWellFormed(message: SlackMessage): void {
  expect(message.text.trim()).not.toBe('');
  expect(checkBlockKitLimits(message)).toEqual([]);
  expect(JSON.stringify(message)).not.toContain('cal_live_abc');
}

/** Every button of a message, wherever it sits. */
export function buttons(message: SlackMessage): Array<{ action_id: string; value?: string; text: string }> {
  const out: Array<{ action_id: string; value?: string; text: string }> = [];
  for (const block of message.blocks) {
    const elements = block.type === 'actions' ? block.elements : block.type === 'section' && block.accessory ? [block.accessory] : [];
    for (const e of elements) {
      if (e.type === 'button') out.push({ action_id: e.action_id ?? '', value: e.value, text: e.text.text });
    }
  }
  return out;
}

/** All mrkdwn text of a message, block by block. */
export function texts(message: SlackMessage): string {
  return message.blocks
    .flatMap((block) => {
      if (block.type === 'section') return [block.text?.text ?? '', ...(block.fields ?? []).map((f) => f.text)];
      if (block.type === 'context') return block.elements.map((e) => ('text' in e && typeof e.text === 'string' ? e.text : ''));
      if (block.type === 'header') return [block.text.text];
      return [];
    })
    .join('\n');
}

/** The code spans of a text, with Slack's escaping undone. */
export function codeSpans(text: string): string[] {
  return [...text.matchAll(/(?<!`)`([^`\n]+)`(?!`)/g)].map((m) =>
    (m[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
  );
}

export const graphemeCount = (text: string): number => [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].length;
