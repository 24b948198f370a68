// Every word a listener sends comes from the dictionaries, not only every word a builder makes: a handler
// that hands a builder an English reason, or posts a text of its own, fails here. The listeners are called
// as Bolt would, in the pseudo-locale of messages/pseudo-en.ts, with fakes whose data has no letters (service
// `#42`, errors `500: #44`); whatever reaches Slack (ack bodies, respond, the Web API) may keep no letter
// once data and syntax are taken out.
import { describe, expect, it, vi } from 'vitest';
import { cancelAllAction, confirmAllAction } from '../../src/slack/actions/confirm-all.js';
import { retryAction, type RetryDeps } from '../../src/slack/actions/retry.js';
import type { CalsyncCommandDeps } from '../../src/slack/commands/calsync.js';
import { parseCommand, type CommandProblem } from '../../src/slack/commands/parse.js';
import { digestPoster } from '../../src/slack/digest.js';
import { parentMessage, syncResultMessage } from '../../src/slack/messages/index.js';
import { bulkQueuedMessage, couldNotRunMessage, noneInErrorMessage } from '../../src/slack/messages/trouble.js';
import {
  ACTION_URL,
  aJob,
  boom,
  CHANNEL,
  commandDeps,
  ERROR,
  fakeEngine,
  fakeUseCases,
  getService,
  jobRunner,
  logger,
  nothing,
  ORIGIN,
  OUTSIDE,
  record,
  slash,
  USER,
  fakeSlack,
  type FakeSlack,
  type SlashRequest,
  type Sent,
} from './letterless-fakes.js';
import { buttons, failed } from './messages/fixtures.js';
import { allTexts, wordsOutside } from './messages/pseudo-en.js';

vi.mock('../../src/i18n/en.js', async (importOriginal) => (await import('./messages/pseudo-en.js')).pseudoEn(importOriginal));

/** The check: something was said, and every letter in it is either data or a dictionary text (veiled). */
function expectOnlyDictionaryWords(sent: readonly Sent[]): void {
  expect(
    sent.flatMap(({ body }) => allTexts(body)),
    'no text reached Slack',
  ).not.toEqual([]);
  expect(sent.flatMap(({ via, body }) => wordsOutside(body).map((text) => `${via}: ${text}`))).toEqual([]);
}

/** One text per kind of input `/calsync` refuses, each made of no letters but the verbs it needs. */
const REFUSED: Record<CommandProblem['code'], string> = {
  'too-long': '1'.repeat(501),
  'control-characters': '85\u0000',
  'no-ids': 'sync',
  'too-many-ids': '1 '.repeat(21),
  'not-an-id': '#%',
  'out-of-range': '0',
  'one-id': 'diff 1 2',
  'no-arguments': 'failed 1',
  'unknown-command': '%%',
};

/** A `/calsync` case: its text, what differs in the listener's deps, and who asks where. */
type CommandCase = [name: string, text: string, over?: (slack: FakeSlack) => Partial<CalsyncCommandDeps>, request?: SlashRequest];

const failing = (): Partial<CalsyncCommandDeps> => ({
  useCases: { ...fakeUseCases(), status: boom, diff: boom, preview: boom, importFromCalcom: boom },
  postDigest: boom,
});

const COMMANDS: CommandCase[] = [
  ['help', ''],
  ['refused: a user outside the allow-list', 'diff 85', undefined, { user: 'U0MALLORY' }],
  ['refused: a channel outside the allow-list', '85', () => ({ access: { allowedUsers: [], allowedChannels: ['C0OTHER'] } })],
  ['/calsync 85 with the database down', '85', () => ({ jobs: { enqueue: boom } })],
  ['/calsync failed with the database down', 'failed', () => ({ jobs: { enqueue: boom } })],
  ['/calsync 85 86 87 404 500: failed, updated, busy, unknown, unreadable', '85 86 87 404 500'],
  ['/calsync failed', 'failed'],
  ['status, known', 'status 85'],
  ['status, unknown', 'status 404'],
  ['diff, known', 'diff 85'],
  ['diff, unknown', 'diff 404'],
  ['diff, unknown, answered through the Web API', 'diff 404', undefined, { responseUrl: 'https://elsewhere.example/x' }],
  ['diff, an invalid service', 'diff 86'],
  ['all: the preview to confirm', 'all'],
  ['import', 'import'],
  ['digest', 'digest'],
  ...['status 85', 'diff 85', 'all', 'import', 'digest'].map((text): CommandCase => [`${text}, its use case failing`, text, failing]),
];

describe('every word /calsync answers with is from the dictionaries', () => {
  it.each(COMMANDS)('%s', async (_name, text, over, request) => {
    const slack = fakeSlack();
    await slash(commandDeps(slack, over?.(slack)), slack, text, request);
    expectOnlyDictionaryWords(slack.sent);
  });

  it('/calsync 85 in a channel the bot is not in: the result with a hint, through response_url', async () => {
    const slack = fakeSlack('not_in_channel');
    await slash(commandDeps(slack), slack, '85');
    expect(slack.sent.map((s) => s.via)).toEqual(['respond', 'respond']);
    expectOnlyDictionaryWords(slack.sent);
  });

  it('digest, the bot not in the channel (DigestNotPostedError)', async () => {
    const slack = fakeSlack('not_in_channel');
    await slash(commandDeps(slack), slack, 'digest');
    expect(slack.sent.map((s) => s.via)).toEqual(['respond']);
    expectOnlyDictionaryWords(slack.sent);
  });

  it.each(Object.entries(REFUSED))('invalid input: %s', async (code, text) => {
    expect(parseCommand(text)).toMatchObject({ kind: 'invalid', problem: { code } });
    const slack = fakeSlack();
    await slash(commandDeps(slack), slack, text);
    expect(slack.sent.map((s) => s.via)).toEqual(['ack']);
    expectOnlyDictionaryWords(slack.sent);
  });
});

describe('every word the job runner and the digest poster say of their own is from the dictionaries', () => {
  const said = (slack: FakeSlack) => slack.sent.map(({ body }) => (body as { text?: string }).text);

  it('a bulk run and a sync queued behind another job of the same user, then run', async () => {
    const slack = fakeSlack();
    let open!: () => void;
    const runner = jobRunner(slack, { engine: fakeEngine(new Promise<void>((resolve) => (open = resolve))) });
    const jobs = [aJob('sync', { ids: [85] }), aJob('bulk', { label: 'failed' }), aJob('sync', { ids: [86] })];
    const runs = jobs.map((job) => runner.run(job, slack.respond));
    open();
    await Promise.all(runs);
    expect(said(slack)).toEqual(
      expect.arrayContaining([
        bulkQueuedMessage('failed', 1, 'en').text,
        parentMessage({ serviceId: 86, serviceName: OUTSIDE, requestedBy: USER, state: 'queued', ahead: 2 }, 'en').text,
      ]),
    );
    expectOnlyDictionaryWords(slack.sent);
  });

  it('a bulk run of the services in error, with none in error', async () => {
    const slack = fakeSlack();
    const runner = jobRunner(slack, { store: { getService, serviceIds: async () => [], releaseClaimsOf: nothing } });
    await runner.run(aJob('bulk', { label: 'failed' }), slack.respond);
    expect(said(slack)).toEqual([noneInErrorMessage('en').text]);
    expectOnlyDictionaryWords(slack.sent);
  });

  it('a resumed job whose service could not run, answered through the Web API', async () => {
    const slack = fakeSlack();
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const orphan = aJob('sync', { ids: [500], responseUrl: 'https://elsewhere.example/x' });
    const jobs = { update: nothing, finish: async () => finished(), finishedRuns: async () => [], takeOrphans: async () => [orphan] };
    await jobRunner(slack, { jobs }).recover(0);
    await done;
    expect(slack.sent.map((s) => s.via)).toEqual(['chat.postEphemeral']);
    expect(said(slack)).toEqual([couldNotRunMessage(500, ERROR, 'en').text]);
    expectOnlyDictionaryWords(slack.sent);
  });

  it('the scheduled digest', async () => {
    const slack = fakeSlack();
    const deps = { postDigest: fakeUseCases().postDigest, memory: { remember: nothing }, locale: 'en' as const, logger };
    await digestPoster(deps, slack.client)(CHANNEL, false);
    expectOnlyDictionaryWords(slack.sent);
  });
});

describe('every word the Retry button answers with is from the dictionaries', () => {
  // The message the button sits in, as the bot posted it (in the pseudo-locale too).
  const original = syncResultMessage(failed({ serviceId: 85, serviceName: OUTSIDE, error: ERROR }), 'en');
  const [button] = buttons(original);
  const retryJobs = { enqueue: record, finish: nothing, release: nothing };
  const inThreadOf = (kind: 'service' | 'digest') => ({ remember: nothing, lookup: async () => ({ kind, serviceId: 85 }) });

  function click(slack: FakeSlack, over: Partial<RetryDeps> = {}, { user = USER, value = button!.value } = {}) {
    const deps: RetryDeps = {
      locale: 'en',
      logger,
      access: { allowedUsers: [USER], allowedChannels: [] },
      origins: [ORIGIN],
      engine: fakeEngine(),
      store: { getService },
      memory: inThreadOf('service'),
      jobs: retryJobs,
      background: (_user, work) => work(),
      ...over,
    };
    return retryAction(deps)({
      ack: slack.ack,
      respond: slack.respond,
      client: slack.client,
      action: { type: 'button', action_id: button!.action_id, value },
      body: {
        user: { id: user },
        channel: { id: CHANNEL },
        container: { message_ts: '111.000100', thread_ts: '100.000100' },
        message: { ts: '111.000100', ...original },
        response_url: ACTION_URL,
      },
    } as never);
  }

  const cases: Array<[string, (slack: FakeSlack) => Promise<unknown>]> = [
    ['a forged value', (slack) => click(slack, {}, { value: '{"s":"#42"}' })],
    ['a user outside the allow-list', (slack) => click(slack, {}, { user: 'U0MALLORY' })],
    ['the database down', (slack) => click(slack, { jobs: { ...retryJobs, enqueue: boom } })],
    ['the work not started', (slack) => click(slack, { memory: { remember: nothing, lookup: boom } })],
    ['the sync failing', (slack) => click(slack, { engine: { ...fakeEngine(), sync: boom } })],
    ['a sync that fails again, in a service thread', (slack) => click(slack)],
    ['a sync that succeeds, in a digest', (slack) => click(slack, { memory: inThreadOf('digest') })],
    ['a service gone from the catalogue', (slack) => click(slack, { store: { getService: async () => null } })],
  ];

  it.each(cases)('%s', async (_name, press) => {
    const slack = fakeSlack();
    await press(slack);
    expectOnlyDictionaryWords(slack.sent);
  });

  it('a second click says nothing', async () => {
    const slack = fakeSlack();
    await click(slack, { jobs: { ...retryJobs, enqueue: async () => null } });
    expect(slack.sent).toEqual([]);
  });
});

describe('every word the /calsync all buttons answer with is from the dictionaries', () => {
  function confirm(slack: FakeSlack, { user = USER, enqueue = record } = {}) {
    const access = { allowedUsers: [USER], allowedChannels: [] };
    return confirmAllAction({ locale: 'en', logger, access, origins: [ORIGIN], jobs: { enqueue }, runJob: jobRunner(slack).run })({
      ack: slack.ack,
      respond: slack.respond,
      client: slack.client,
      body: {
        user: { id: user },
        channel: { id: CHANNEL },
        container: { message_ts: '111.000100' },
        actions: [{ action_ts: '1' }],
        response_url: ACTION_URL,
      },
    } as never);
  }

  const cases: Array<[string, (slack: FakeSlack) => Promise<unknown>]> = [
    ['Confirm: the whole catalogue synced', (slack) => confirm(slack)],
    ['Confirm: a user outside the allow-list', (slack) => confirm(slack, { user: 'U0MALLORY' })],
    ['Confirm: the database down', (slack) => confirm(slack, { enqueue: boom })],
  ];

  it.each(cases)('%s', async (_name, press) => {
    const slack = fakeSlack();
    await press(slack);
    expectOnlyDictionaryWords(slack.sent);
  });

  it('a second Confirm says nothing; Cancel removes the confirmation without a word', async () => {
    const slack = fakeSlack();
    await confirm(slack, { enqueue: async () => null });
    const cancel = cancelAllAction({ logger, origins: [ORIGIN] });
    await cancel({ ack: slack.ack, respond: slack.respond, body: { response_url: ACTION_URL } } as never);
    expect(slack.sent).toEqual([{ via: 'respond', body: { delete_original: true } }]);
  });
});
