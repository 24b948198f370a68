// Fakes for handlers-dictionary.test.ts: Slack (Bolt's ack and respond, a Web API client) recording all it is
// given, and the use cases, engine, catalogue and job runner behind the listeners, whose data has no letters
// (service `#42`, errors `500: #44`), so any letter left in what Slack gets is a word the code wrote.
import type { Job, JobInput } from '../../src/db/jobs.js';
import type { Digest } from '../../src/digest/compose.js';
import { manualClock } from '../../src/lib/clock.js';
import { createLogger } from '../../src/lib/logger.js';
import { calsyncCommand, type CalsyncCommandDeps } from '../../src/slack/commands/calsync.js';
import { digestPoster } from '../../src/slack/digest.js';
import { createJobRunner, type JobRunnerDeps } from '../../src/slack/jobs.js';
import type { Engine } from '../../src/sync/engine.js';
import type { FieldChange } from '../../src/sync/plan.js';
import type { RunRecord, Service, SyncResult, SyncRequest } from '../../src/sync/types.js';
import type { UseCases } from '../../src/usecases/index.js';
import { failed, NOW, run, service } from './messages/fixtures.js';

export const OUTSIDE = '#42';
export const ERROR = '500: #44';
export const ORIGIN = 'https://hooks.slack.com';
export const COMMAND_URL = `${ORIGIN}/commands/T0/1/x`;
export const ACTION_URL = `${ORIGIN}/actions/T0/1/x`;
export const USER = 'U0ALICE';
export const CHANNEL = 'C0SHOP';
export const logger = createLogger('silent');

/** One thing a listener sent Slack, and the way it went. */
export interface Sent {
  via: 'ack' | 'respond' | 'chat.postMessage' | 'chat.update' | 'chat.postEphemeral';
  body: object;
}

/** Bolt's ack and respond and a Web API client, recording all they are given; `refuse` makes chat.postMessage fail. */
export function fakeSlack(refuse?: string) {
  const sent: Sent[] = [];
  let ts = 0;
  const take =
    (via: Sent['via']) =>
    async (body: object = {}) =>
      void sent.push({ via, body });
  const client = {
    chat: {
      postMessage: async (body: object) => {
        if (refuse) throw Object.assign(new Error(refuse), { data: { error: refuse } });
        sent.push({ via: 'chat.postMessage', body });
        return { ok: true, ts: `${++ts}.000100` };
      },
      update: take('chat.update'),
      postEphemeral: take('chat.postEphemeral'),
    },
  };
  const ack = async (body?: object) => void (body && sent.push({ via: 'ack', body }));
  return { sent, client: client as never, ack, respond: take('respond') };
}

export type FakeSlack = ReturnType<typeof fakeSlack>;

/** Whatever fails in these fakes fails with a letterless error, as Cal.com's or the database's would be shown. */
export const boom = async (): Promise<never> => {
  throw new Error(ERROR);
};
export const nothing = async () => {};

let jobIds = 0;
/** `Jobs.enqueue` that records every job. */
export const record = async (_key: string, kind: Job['kind'], input: JobInput): Promise<Job | null> => ({
  id: ++jobIds,
  kind,
  input,
  parentTs: null,
});
export const aJob = (kind: Job['kind'], input: Partial<JobInput>): Job => ({
  id: ++jobIds,
  kind,
  parentTs: null,
  input: { user: USER, channel: CHANNEL, responseUrl: COMMAND_URL, ...input },
});

const TITLE_CHANGED: FieldChange[] = [{ field: 'title', from: '#2', to: OUTSIDE }];
const PAYLOAD = { title: OUTSIDE, lengthInMinutes: 30 };

const fail = (serviceId: number): SyncResult => failed({ serviceId, serviceName: OUTSIDE, error: ERROR, httpStatus: 500, eventTypeId: 1 });

/** The sync use case: 85 fails, 86 is updated, 87 is busy elsewhere; `gate` holds every sync until it opens. */
export function fakeEngine(gate: Promise<void> = Promise.resolve()): Engine {
  const results: Record<number, SyncResult> = {
    86: { kind: 'updated', serviceId: 86, serviceName: OUTSIDE, attempts: 1, eventTypeId: 2, changes: TITLE_CHANGED },
    87: { kind: 'busy', serviceId: 87, since: NOW, slack: { channel: 'C0OTHER', threadTs: '1.000100' } },
  };
  return {
    sync: async (request: SyncRequest) => {
      await gate;
      return results[request.serviceId] ?? fail(request.serviceId);
    },
    readAll: boom,
  };
}

/** A catalogue of letterless services; 404 is not in it, and reading 500 fails. */
export async function getService(id: number): Promise<Service | null> {
  if (id === 500) throw new Error(ERROR);
  return id === 404 ? null : service({ id, name: OUTSIDE, description: null, syncError: ERROR });
}

export function jobRunner(slack: FakeSlack, over: Partial<JobRunnerDeps> = {}) {
  return createJobRunner({
    locale: 'en',
    logger,
    engine: fakeEngine(),
    memory: { remember: nothing },
    client: slack.client,
    origins: [ORIGIN],
    store: { getService, serviceIds: async () => [85, 86], releaseClaimsOf: nothing },
    jobs: { update: nothing, finish: nothing, finishedRuns: async () => [], takeOrphans: async () => [] },
    limits: { slots: 8, perUser: 1 },
    clock: manualClock(NOW),
    progressEveryMs: 0,
    ...over,
  });
}

const DIGEST: Digest = {
  localDate: '2026-11-24',
  generatedAt: NOW,
  counts: { error: 1, stale: 1, neverSynced: 1, synced: 1, total: 4 },
  changes: { error: 1, stale: 0, neverSynced: -1, synced: 0, total: 0 },
  failures: [{ serviceId: 85, serviceName: OUTSIDE, error: ERROR, lastAttempt: NOW }],
  drift: [
    { kind: 'edited', serviceId: 86, serviceName: OUTSIDE, eventTypeId: 2, changes: TITLE_CHANGED },
    { kind: 'deleted', serviceId: 87, serviceName: OUTSIDE, eventTypeId: 3 },
  ],
  driftError: ERROR,
  quiet: false,
};

const statusRun: RunRecord = {
  ...run({ outcome: 'failed', error: ERROR }),
  id: 1,
  serviceId: 85,
  action: null,
  step: null,
  changes: null,
  oldEventTypeId: null,
  httpStatus: 500,
  attempts: 3,
  payloadHash: null,
  slackChannel: CHANNEL,
  slackThreadTs: null,
  jobId: null,
};

/** The use cases with letterless answers; each can be made to throw. */
export function fakeUseCases(): UseCases {
  return {
    status: async (id) => (id === 404 ? null : { service: (await getService(id))!, runs: [statusRun] }),
    diff: async (id) => {
      if (id === 404) return { kind: 'unknown', serviceId: id };
      if (id === 86) {
        return { kind: 'invalid', serviceId: id, problem: { rule: 'too-short', column: 'duration_minutes', actual: 0 } };
      }
      return {
        kind: 'diff',
        serviceId: id,
        serviceName: OUTSIDE,
        eventTypeId: 1,
        step: 'update',
        payload: PAYLOAD,
        live: { id: 1, title: '#43', slug: '#43', lengthInMinutes: 45 },
        differences: [
          { field: 'title', catalogue: OUTSIDE, calcom: '#43', settable: true },
          { field: 'price', catalogue: 25, calcom: null, settable: false },
        ],
      };
    },
    preview: async () => ({
      total: 3,
      missing: [],
      preview: {
        counts: { update: 1, create: 1, 'in-sync': 1 },
        unreadable: ERROR,
        items: [
          { serviceId: 85, serviceName: OUTSIDE, live: null, step: { step: 'update', eventTypeId: 1, changes: TITLE_CHANGED } },
          { serviceId: 86, serviceName: OUTSIDE, live: null, step: { step: 'create', payload: { ...PAYLOAD, slug: '#', hidden: false } } },
        ],
      },
    }),
    importFromCalcom: async () => ({
      teamId: null,
      link: [{ serviceId: 85, eventTypeId: 1, slug: '#42' }],
      create: [],
      alreadyLinked: 1,
      skipped: [{ eventTypeId: 2, reason: ERROR }],
    }),
    postDigest: async (_channel, _force, post) => ({ posted: true, ts: (await post(DIGEST)).ts }),
    loadDigest: async () => DIGEST,
  };
}

export function commandDeps(slack: FakeSlack, over: Partial<CalsyncCommandDeps> = {}): CalsyncCommandDeps {
  const useCases = fakeUseCases();
  const digest = digestPoster({ postDigest: useCases.postDigest, memory: { remember: nothing }, locale: 'en', logger }, slack.client);
  return {
    locale: 'en',
    logger,
    access: { allowedUsers: [USER], allowedChannels: [] },
    origins: [ORIGIN],
    secrets: [],
    jobs: { enqueue: record },
    runJob: jobRunner(slack).run,
    memory: { firstReceipt: async () => true },
    useCases,
    postDigest: async (channel) => void (await digest(channel, true)),
    ...over,
  };
}

/** Who clicks or types, and the response_url the request carries. */
export interface SlashRequest {
  user?: string;
  responseUrl?: string;
}

/** `/calsync <text>` as Bolt delivers it. */
export function slash(deps: CalsyncCommandDeps, slack: FakeSlack, text: string, request: SlashRequest = {}) {
  const { user = USER, responseUrl = COMMAND_URL } = request;
  return calsyncCommand(deps)({
    command: { text, user_id: user, channel_id: CHANNEL, trigger_id: 'T1', response_url: responseUrl },
    ack: slack.ack,
    respond: slack.respond,
    client: slack.client,
    context: {},
  } as never);
}
