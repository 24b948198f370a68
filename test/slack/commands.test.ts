// The /calsync listener called directly, as Bolt would, with fake use cases: each subcommand reaches its
// use case and its answer is that use case's result rendered by its builder; refusals and redeliveries
// reach none; a failing use case is answered with its error, secrets redacted.
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/lib/logger.js';
import { calsyncCommand, type CalsyncCommandDeps } from '../../src/slack/commands/calsync.js';
import { diffMessage, importSummaryMessage, refusalMessage, statusCard, unknownServiceMessage } from '../../src/slack/messages/index.js';
import { aService } from '../support/services.js';
import type { ServiceDiff } from '../../src/usecases/diff.js';

const ORIGIN = 'https://hooks.slack.com';
const SECRET = 'cal_live_0123456789abcdef';

const service = aService({
  id: 85,
  name: 'Beard trim',
  priceCents: 2500,
  currency: 'EUR',
  calcomEventTypeId: 9001,
  syncStatus: 'synced',
  syncAttempts: 1,
});

const diff: ServiceDiff = {
  kind: 'diff',
  serviceId: 85,
  serviceName: 'Beard trim',
  eventTypeId: 9001,
  payload: { title: 'Beard trim', lengthInMinutes: 30 },
  live: null,
  step: 'update',
  differences: [{ field: 'lengthInMinutes', catalogue: 30, calcom: 45, settable: true }],
};

function setup(over: Partial<CalsyncCommandDeps> = {}) {
  const useCases = {
    status: vi.fn(async (id: number) => (id === 85 ? { service, runs: [] } : null)),
    diff: vi.fn(async () => diff),
    preview: vi.fn(),
    importFromCalcom: vi.fn(async () => ({
      teamId: null,
      link: [{ serviceId: 1, eventTypeId: 2, slug: 'a' }],
      create: [],
      alreadyLinked: 0,
      skipped: [],
    })),
  };
  const deps: CalsyncCommandDeps = {
    locale: 'en',
    logger: createLogger('silent'),
    access: { allowedUsers: ['U0ALICE'], allowedChannels: [] },
    origins: [ORIGIN],
    secrets: [SECRET],
    jobs: { enqueue: vi.fn(async (_key, kind, input) => ({ id: 7, kind, input, parentTs: null })) },
    runJob: vi.fn(async () => {}),
    memory: { firstReceipt: vi.fn(async () => true) },
    useCases,
    postDigest: vi.fn(async () => {}),
    ...over,
  };
  const acks: unknown[] = [];
  const answers: unknown[] = [];
  const send = (text: string, user = 'U0ALICE') =>
    calsyncCommand(deps)({
      command: { text, user_id: user, channel_id: 'C0SHOP', trigger_id: 'T1', response_url: `${ORIGIN}/commands/T0/1/x` },
      ack: async (m?: unknown) => void acks.push(m),
      respond: async (m: unknown) => void answers.push(m),
      client: {},
      context: {},
    } as never);
  return { deps, useCases, acks, answers, send };
}

describe('calsyncCommand routes each subcommand to its use case', () => {
  it('/calsync diff 85 → the diff use case, rendered by diffMessage', async () => {
    const { useCases, answers, send } = setup();
    await send('diff 85');
    expect(useCases.diff).toHaveBeenCalledWith(85);
    const { kind: _kind, ...view } = diff as Extract<ServiceDiff, { kind: 'diff' }>;
    expect(answers).toEqual([{ response_type: 'ephemeral', ...diffMessage(view, 'en') }]);
  });

  it('/calsync status 85 → the status card; an unknown id → unknownServiceMessage', async () => {
    const { useCases, answers, send } = setup();
    await send('status 85');
    await send('status 86');
    expect(useCases.status.mock.calls).toEqual([[85], [86]]);
    expect(answers).toEqual([
      { response_type: 'ephemeral', ...statusCard(service, [], 'en') },
      { response_type: 'ephemeral', ...unknownServiceMessage(86, 'en') },
    ]);
  });

  it('/calsync import → the import use case, its summary in the channel', async () => {
    const { useCases, answers, send } = setup();
    await send('import');
    expect(useCases.importFromCalcom).toHaveBeenCalledTimes(1);
    expect(answers).toEqual([{ response_type: 'in_channel', ...importSummaryMessage({ linked: 1, created: 0, skipped: 0 }, 'en') }]);
  });

  it('/calsync digest → the digest poster for this channel', async () => {
    const { deps, send } = setup();
    await send('digest');
    expect(deps.postDigest).toHaveBeenCalledWith('C0SHOP');
  });

  it('/calsync 85 → a job recorded before the ack, then run', async () => {
    const { deps, acks, send } = setup();
    await send('85');
    expect(deps.jobs.enqueue).toHaveBeenCalledWith(
      'cmd:T1',
      'sync',
      expect.objectContaining({ user: 'U0ALICE', channel: 'C0SHOP', ids: [85] }),
    );
    expect(acks).toEqual([undefined]);
    expect(deps.runJob).toHaveBeenCalledWith(expect.objectContaining({ id: 7, kind: 'sync' }), expect.any(Function));
  });

  it('a user outside the allow-list is refused in the ack, and no use case runs', async () => {
    const { useCases, acks, send } = setup();
    await send('diff 85', 'U0MALLORY');
    expect(acks).toEqual([{ response_type: 'ephemeral', ...refusalMessage('en') }]);
    expect(useCases.diff).not.toHaveBeenCalled();
  });

  it('a redelivered command does nothing the second time', async () => {
    const { useCases, send } = setup({ memory: { firstReceipt: vi.fn(async () => false) } });
    await send('diff 85');
    expect(useCases.diff).not.toHaveBeenCalled();
  });

  it('a use case that fails is answered with its error, secrets redacted', async () => {
    const { useCases, answers, send } = setup();
    useCases.diff.mockRejectedValueOnce(new Error(`Cal.com refused key ${SECRET}`));
    await send('diff 85');
    const text = JSON.stringify(answers);
    expect(text).toContain('Cal.com refused key');
    expect(text).not.toContain(SECRET);
  });
});
