// The Retry button (SPEC §4): ack; check the clicker; take the click once (a double click or a
// redelivery finds the receipt and stops); replace the button with "retrying, asked by @user"; run the
// sync; post the result as a new reply in the same thread; update the parent if it is one service's.
// Slack refusing the button replacement or the reply never stops the sync; and when the click's work
// could not start at all, the receipt is released and the button restored, so the next click works.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Jobs } from '../../db/jobs.js';
import type { SlackMemory } from '../../db/slack.js';
import type { Engine } from '../../sync/engine.js';
import { isAllowed, type Background, type FlowDeps, type ListenerBase } from '../deps.js';
import { syncInThread } from '../flows/sync-thread.js';
import {
  invalidInputMessage,
  parseRetryValue,
  refusalMessage,
  replaceRetryButton,
  settleRetryLine,
  type KnownBlock,
} from '../messages/index.js';
import { couldNotRunMessage, databaseDownMessage, retryNotStartedMessage } from '../messages/trouble.js';
import { channelReporter, createPoster, responder, type Respond } from '../poster.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

export interface RetryDeps extends ListenerBase, FlowDeps {
  jobs: Pick<Jobs, 'enqueue' | 'finish' | 'release'>;
  memory: FlowDeps['memory'] & Pick<SlackMemory, 'lookup'>;
  background: Background;
}

/** Where a click happened. Slack always sends a container with a click; a forged or truncated payload may not. */
function clickOf(body: Args['body']) {
  const container = (body.container ?? {}) as { channel_id?: string; message_ts?: string; thread_ts?: string };
  const messageTs = container.message_ts ?? body.message?.ts ?? '';
  return {
    user: body.user.id,
    channel: body.channel?.id ?? container.channel_id ?? '',
    messageTs,
    threadTs: container.thread_ts ?? (body.message?.thread_ts as string | undefined) ?? messageTs,
  };
}

export function retryAction(deps: RetryDeps) {
  const { locale, logger } = deps;
  return async ({ ack, body, action, respond, client }: Args): Promise<void> => {
    const { user, channel, messageTs, threadTs } = clickOf(body);
    const ephemeral = responder({
      url: body.response_url,
      origins: deps.origins,
      client,
      channel,
      user,
      logger,
      respond: (m) => respond({ response_type: 'ephemeral', replace_original: false, ...m }),
    });
    const tell: Respond = (m) =>
      ephemeral(m).catch((err: unknown) => logger.warn({ err, user, channel }, 'could not answer a Retry click'));
    if (!isAllowed(deps.access, user, channel)) {
      await ack();
      logger.warn({ user, channel }, 'refused a Retry click from a user or channel outside the allow-lists');
      return void (await tell(refusalMessage(locale)));
    }
    const serviceId = parseRetryValue(action.value);
    if (serviceId === null || !channel || !messageTs) {
      await ack();
      logger.warn({ user, channel }, 'ignored a Retry click with a value that is not ours');
      return void (await tell(invalidInputMessage({ code: 'not-our-button' }, locale)));
    }
    // Taken once and recorded before the ack: a double click or a redelivery finds the job and stops.
    const input = { user, channel, ids: [serviceId], threadTs, messageTs, responseUrl: body.response_url };
    const job = await deps.jobs.enqueue(`btn:${channel}:${messageTs}:${action.action_id}`, 'retry', input).catch((err: unknown) => {
      logger.error({ err }, 'could not record a Retry job');
      return undefined;
    });
    await ack();
    if (job === undefined) return void (await tell(databaseDownMessage(locale)));
    if (job === null) return void logger.info({ user, serviceId }, 'ignored a second click on the same Retry button');
    const original = body.message ? { text: String(body.message.text ?? ''), blocks: (body.message.blocks ?? []) as KnownBlock[] } : null;
    await retryInThread(
      deps,
      { jobId: job.id, serviceId, user, channel, messageTs, threadTs, actionId: action.action_id, original },
      createPoster(client, logger),
      tell,
    );
  };
}

interface Click {
  jobId: number;
  serviceId: number;
  user: string;
  channel: string;
  messageTs: string;
  threadTs: string;
  actionId: string;
  /** The clicked message as Slack sent it, to put the button back if the work never starts. */
  original: { text: string; blocks: KnownBlock[] } | null;
}

/** The taken click's work, in the user's turn: the button becomes "retrying", the sync runs and replies in the thread. */
async function retryInThread(deps: RetryDeps, click: Click, poster: ReturnType<typeof createPoster>, tell: Respond): Promise<void> {
  const { locale, logger, memory } = deps;
  const { jobId, serviceId, user, channel, messageTs, threadTs, original } = click;
  const clicked = original ? replaceRetryButton(original, { actionId: click.actionId, userId: user }, locale) : null;
  // Whether the sync itself began: before it, a failure leaves nothing done and the click is given back.
  let started = false;
  const engine: Engine = {
    ...deps.engine,
    sync: (request, listed) => {
      started = true;
      return deps.engine.sync(request, listed);
    },
  };
  try {
    await deps.background(user, async () => {
      // Cosmetic: a button Slack won't replace must not keep the sync from running.
      if (clicked) await poster.update(channel, messageTs, clicked);
      const parent = await memory.lookup(channel, threadTs);
      const result = await syncInThread(deps, engine, channelReporter(poster, channel, tell, locale, logger), {
        serviceId,
        user,
        channel,
        threadTs,
        jobId,
        trigger: parent?.kind === 'digest' ? 'digest' : 'button',
        parentTs: parent?.kind === 'service' ? threadTs : null,
      });
      // In a digest or a bulk summary, the clicked row shows how its retry ended; the rest stays as it was.
      if (clicked && parent?.kind !== 'service')
        await poster.update(channel, messageTs, settleRetryLine(clicked, { userId: user, outcome: result }, locale));
    });
    await deps.jobs.finish(jobId).catch(() => {});
  } catch (err) {
    if (started) {
      logger.error({ err, serviceId }, 'Retry failed');
      await deps.jobs.finish(jobId).catch(() => {});
      return void (await tell(couldNotRunMessage(serviceId, reason(err), locale)));
    }
    // Nothing ran: free the click, so the restored button (or a second click) starts it after all.
    logger.error({ err, serviceId }, 'Retry could not start; its button takes a new click');
    await deps.jobs.release(jobId).catch((e: unknown) => logger.error({ err: e, job: jobId }, 'could not release a Retry click'));
    if (original && clicked) await poster.update(channel, messageTs, original);
    await tell(retryNotStartedMessage(serviceId, reason(err), locale));
  }
}
