// Every message builder, called once per shape with the given outside text (names, titles, errors, users),
// for the tests that hold each of them to a rule: hostile.test.ts (outside text stays inert) and
// dictionary.test.ts (every word comes from the dictionaries).
import type { Digest } from '../../../src/digest/compose.js';
import type { Locale } from '../../../src/i18n/index.js';
import { parseCommand } from '../../../src/slack/commands/parse.js';
import {
  alreadyRunningMessage,
  bulkProgressMessage,
  bulkSummaryMessage,
  confirmAllMessage,
  diffMessage,
  digestMessage,
  importSummaryMessage,
  invalidInputMessage,
  notInChannelMessage,
  parentMessage,
  replaceRetryButton,
  settleRetryLine,
  statusCard,
  syncResultMessage,
  unknownServiceMessage,
  usageMessage,
  withNotInChannelHint,
  type FailedOutcome,
  type InputProblem,
  type SlackMessage,
} from '../../../src/slack/messages/index.js';
import {
  bulkQueuedMessage,
  commandFailedMessage,
  couldNotRunMessage,
  databaseDownMessage,
  noneInErrorMessage,
  retryNotStartedMessage,
  syncingAllMessage,
} from '../../../src/slack/messages/trouble.js';
import type { SyncOutcome } from '../../../src/sync/types.js';
import { failed, NOW, outcome, run, service } from './fixtures.js';

/** `outside`: any text from the catalogue or Cal.com; `controls`: one meant to come first; `error`: an API error. */
export interface OutsideText {
  outside: string;
  controls: string;
  error: string;
}

/** What `/calsync …` can get wrong (echoed words without letters), through the real parser, held to the same rules. */
const REFUSED_COMMANDS = ['%%', '-1', '0', 'sync', 'status', 'failed now', '85\u0000', '1 '.repeat(21), '1'.repeat(501)];

function digest({ outside, controls, error }: OutsideText): Digest {
  return {
    localDate: '2026-11-24',
    generatedAt: NOW,
    counts: { error: 2, stale: 0, neverSynced: 0, synced: 1, total: 3 },
    changes: null,
    failures: [
      { serviceId: 85, serviceName: outside, error, lastAttempt: NOW },
      { serviceId: 86, serviceName: outside, error: controls, lastAttempt: null },
    ],
    // Drift quotes Cal.com's own values back: a title edited by hand is as outside as any error.
    drift: [
      { kind: 'edited', serviceId: 87, serviceName: outside, eventTypeId: 3, changes: [{ field: 'title', from: outside, to: controls }] },
      { kind: 'deleted', serviceId: 88, serviceName: controls, eventTypeId: 4 },
    ],
    driftError: error,
    quiet: false,
  };
}

export function everyBuilder(locale: Locale, text: OutsideText): Array<[string, () => SlackMessage]> {
  const { outside, controls, error } = text;
  const bad = failed({ serviceName: outside, error });
  const invalidRow: FailedOutcome = {
    ...failed({
      serviceName: outside,
      attempts: 0,
      httpStatus: null,
      error: 'Invalid service 85: duration_minutes must be at least 1 minute (is 0)',
    }),
    invalid: { rule: 'too-short', column: 'duration_minutes', actual: 0 },
  };
  const problems: Array<[string, InputProblem]> = [
    ...REFUSED_COMMANDS.map((raw): [string, InputProblem] => {
      const cmd = parseCommand(raw);
      if (cmd.kind !== 'invalid') throw new Error(`${JSON.stringify(raw)} parsed as ${cmd.kind}`);
      return [`invalid input: ${cmd.problem.code}`, cmd.problem];
    }),
    ['invalid input: an echoed word', { code: 'unknown-command', word: outside }],
    ['invalid input: a forged button', { code: 'not-our-button' }],
    [
      'invalid input: a catalogue row',
      { code: 'invalid-service', serviceId: 85, problem: { rule: 'control', column: 'name', codePoint: 'U+001B', position: 5 } },
    ],
  ];
  return [
    ['sync result: failed', () => syncResultMessage(bad, locale)],
    ['sync result: failed, controls first', () => syncResultMessage(failed({ serviceName: controls, error: controls }), locale)],
    ['sync result: failed, empty error', () => syncResultMessage(failed({ serviceName: outside, error: '' }), locale)],
    ['sync result: failed, an invalid row', () => syncResultMessage(invalidRow, locale)],
    ['sync result: updated', () => syncResultMessage({ ...outcome('updated'), serviceName: outside }, locale)],
    [
      'sync result: updated, outside changes',
      () =>
        syncResultMessage(
          {
            ...outcome('updated'),
            serviceName: outside,
            changes: [
              { field: 'title', from: controls, to: outside },
              { field: 'description', from: outside, to: null },
            ],
          } as SyncOutcome,
          locale,
        ),
    ],
    [
      'sync result: recreated',
      () =>
        syncResultMessage(
          { kind: 'recreated', serviceId: 85, serviceName: outside, attempts: 1, eventTypeId: 2, oldEventTypeId: 1 },
          locale,
        ),
    ],
    ['sync result: unchanged', () => syncResultMessage({ ...outcome('unchanged'), serviceName: outside }, locale)],
    ['not in channel (response_url)', () => withNotInChannelHint(syncResultMessage(bad, locale), locale)],
    ['not in channel (digest)', () => notInChannelMessage(locale)],
    [
      'replace retry button',
      () => replaceRetryButton(syncResultMessage(bad, locale), { actionId: 'calsync_retry', userId: 'U0123ABC' }, locale),
    ],
    [
      'replace retry button, a user that is no Slack id',
      () => replaceRetryButton(syncResultMessage(bad, locale), { actionId: 'calsync_retry', userId: outside }, locale),
    ],
    [
      'settle retry line',
      () =>
        settleRetryLine(
          replaceRetryButton(syncResultMessage(bad, locale), { actionId: 'calsync_retry', userId: 'U0123ABC' }, locale),
          { userId: 'U0123ABC', outcome: bad },
          locale,
        ),
    ],
    ['parent', () => parentMessage({ serviceId: 85, serviceName: outside, requestedBy: outside, state: 'failed', eventTypeId: 1 }, locale)],
    ['parent, queued', () => parentMessage({ serviceId: 85, serviceName: outside, requestedBy: 'U0123ABC', state: 'queued' }, locale)],
    ['already running', () => alreadyRunningMessage({ serviceId: 85, since: NOW, slack: { channel: outside, threadTs: outside } }, locale)],
    [
      'already running, in a thread',
      () => alreadyRunningMessage({ serviceId: 85, since: NOW, slack: { channel: 'C0123', threadTs: '1732438800.123456' } }, locale),
    ],
    ['bulk progress', () => bulkProgressMessage({ label: 'all', done: 1, total: 2, counts: { failed: 1 }, requestedBy: outside }, locale)],
    [
      'bulk summary',
      () =>
        bulkSummaryMessage(
          {
            label: 'failed',
            total: 2,
            counts: { failed: 2 },
            failures: [
              { serviceId: 85, serviceName: outside, error: outside, attempts: 3 },
              { serviceId: 86, serviceName: controls, error: controls, attempts: 3 },
            ],
            requestedBy: outside,
            durationMs: 1000,
          },
          locale,
        ),
    ],
    [
      'bulk summary, an invalid row',
      () =>
        bulkSummaryMessage(
          { label: 'all', total: 1, counts: { failed: 1 }, failures: [invalidRow], requestedBy: 'U0123ABC', durationMs: 1000 },
          locale,
        ),
    ],
    ['confirm all', () => confirmAllMessage({ total: 3 }, locale)],
    ['confirm all, an empty catalogue', () => confirmAllMessage({ total: 0 }, locale)],
    [
      'confirm all, the plan',
      () =>
        confirmAllMessage(
          {
            total: 30,
            counts: { 'in-sync': 20, update: 5, create: 2, adopt: 1, recreate: 1, move: 1 },
            first: [{ serviceId: 85, serviceName: outside, step: 'update', changes: [{ field: 'title', from: outside, to: controls }] }],
            unreadable: error,
          },
          locale,
        ),
    ],
    ['confirm all, nothing to do', () => confirmAllMessage({ total: 2, counts: { 'in-sync': 2 } }, locale)],
    ['digest, all clear', () => digestMessage({ ...digest(text), failures: [], drift: [], driftError: null, quiet: true }, locale)],
    ['digest', () => digestMessage(digest(text), locale)],
    [
      'diff',
      () =>
        diffMessage(
          {
            serviceId: 85,
            serviceName: outside,
            eventTypeId: 1,
            payload: { title: outside, description: outside },
            live: { id: 1, title: outside, description: outside },
            differences: [{ field: outside, catalogue: outside, calcom: { nested: outside }, settable: false }],
          },
          locale,
        ),
    ],
    [
      'import summary',
      () =>
        importSummaryMessage(
          { linked: 1, created: 1, skipped: 1, items: [{ action: 'created', eventTypeId: 1, title: outside, serviceId: 2 }] },
          locale,
        ),
    ],
    ...problems.map(([name, problem]): [string, () => SlackMessage] => [name, () => invalidInputMessage(problem, locale)]),
    ['unknown service', () => unknownServiceMessage(85, locale)],
    ['could not run', () => couldNotRunMessage(85, outside, locale)],
    ['could not run, controls first', () => couldNotRunMessage(85, controls, locale)],
    ['retry not started', () => retryNotStartedMessage(85, outside, locale)],
    ['command failed', () => commandFailedMessage(outside, locale)],
    ['database down', () => databaseDownMessage(locale)],
    ['bulk queued', () => bulkQueuedMessage('all', 2, locale)],
    ['syncing all', () => syncingAllMessage(locale)],
    ['none in error', () => noneInErrorMessage(locale)],
    ['usage', () => usageMessage(locale)],
    [
      'status card',
      () =>
        statusCard(
          service({ name: outside, syncStatus: 'unknown', syncStatusRaw: controls, syncError: controls }),
          [
            run({ outcome: 'failed', error: outside, requestedBy: outside }),
            run({ changes: [{ field: 'lengthInMinutes', from: 30, to: 45 }] }),
          ],
          locale,
        ),
    ],
  ];
}
