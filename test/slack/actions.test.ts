// The `/calsync all` buttons called directly, as Bolt would: Confirm records one bulk job per confirmation
// and runs it; a second click runs nothing; a user outside the allow-list is refused. Cancel removes the
// confirmation only through Slack's own response_url.
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/lib/logger.js';
import { cancelAllAction, confirmAllAction, type ConfirmAllDeps } from '../../src/slack/actions/confirm-all.js';
import { refusalMessage } from '../../src/slack/messages/index.js';

const ORIGIN = 'https://hooks.slack.com';

function setup() {
  const seen = new Set<string>();
  const deps: ConfirmAllDeps = {
    locale: 'en',
    logger: createLogger('silent'),
    access: { allowedUsers: ['U0ALICE'], allowedChannels: [] },
    origins: [ORIGIN],
    jobs: {
      enqueue: vi.fn(async (key: string, kind, input) => {
        if (seen.has(key)) return null;
        seen.add(key);
        return { id: seen.size, kind, input, parentTs: null };
      }),
    },
    runJob: vi.fn(async () => {}),
  };
  const answers: unknown[] = [];
  const click = (user = 'U0ALICE', responseUrl = `${ORIGIN}/actions/T0/1/x`) =>
    confirmAllAction(deps)({
      ack: async () => {},
      body: {
        user: { id: user },
        channel: { id: 'C0SHOP' },
        container: { message_ts: '111.222' },
        actions: [{ action_ts: '1' }],
        response_url: responseUrl,
      },
      respond: async (m: unknown) => void answers.push(m),
      client: {},
    } as never);
  return { deps, answers, click };
}

describe('confirmAllAction', () => {
  it('records one bulk job for the confirmation and runs it; a second click runs nothing', async () => {
    const { deps, click } = setup();
    await click();
    await click();
    expect(deps.jobs.enqueue).toHaveBeenCalledWith(
      'all:C0SHOP:111.222',
      'bulk',
      expect.objectContaining({ user: 'U0ALICE', label: 'all' }),
    );
    expect(deps.runJob).toHaveBeenCalledTimes(1);
  });

  it('refuses a user outside the allow-list and records nothing', async () => {
    const { deps, answers, click } = setup();
    await click('U0MALLORY');
    expect(deps.jobs.enqueue).not.toHaveBeenCalled();
    expect(answers).toEqual([{ response_type: 'ephemeral', ...refusalMessage('en') }]);
  });
});

describe('cancelAllAction', () => {
  const cancel = (responseUrl: string) => {
    const respond = vi.fn(async () => {});
    const run = cancelAllAction({ logger: createLogger('silent'), origins: [ORIGIN] })({
      ack: async () => {},
      body: { response_url: responseUrl },
      respond,
    } as never);
    return { respond, run };
  };

  it("removes the confirmation through Slack's response_url, and never through another", async () => {
    const slack = cancel(`${ORIGIN}/actions/T0/1/x`);
    await slack.run;
    expect(slack.respond).toHaveBeenCalledWith({ delete_original: true });
    const other = cancel('https://evil.example/x');
    await other.run;
    expect(other.respond).not.toHaveBeenCalled();
  });
});
