// The Retry button (SPEC §4): ack; check the clicker; take the click once (a double click or a
// redelivery finds the receipt and stops); replace the button with "retrying, asked by @user"; run the
// sync; post the result as a new reply in the same thread; update the parent if it is one service's.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { secretsOf } from '../../config.js';
import { snippet } from '../../sync/snippet.js';
import { isAllowed, type SlackDeps } from '../deps.js';
import { syncInThread } from '../flows/sync-thread.js';
import { invalidInputMessage, parseRetryValue, refusalMessage, replaceRetryButton, settleRetryLine, type KnownBlock } from '../messages/index.js';
import { channelReporter, createPoster, type Respond } from '../poster.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export function retryAction(deps: SlackDeps) {
  const { locale, logger, memory } = deps;
  return async ({ ack, body, action, respond, client }: Args): Promise<void> => {
    const user = body.user.id;
    // Slack always sends a container with a click; a forged or truncated payload may not.
    const container = (body.container ?? {}) as { channel_id?: string; message_ts?: string; thread_ts?: string };
    const channel = body.channel?.id ?? container.channel_id ?? '';
    const messageTs = container.message_ts ?? body.message?.ts ?? '';
    const ephemeral: Respond = (m) => respond({ response_type: 'ephemeral', replace_original: false, ...m });
    if (!isAllowed(deps.config, user, channel)) {
      await ack();
      logger.warn({ user, channel }, 'refused a Retry click from a user or channel outside the allow-lists');
      return void (await ephemeral(refusalMessage(locale)));
    }
    const serviceId = parseRetryValue(action.value);
    if (serviceId === null || !channel || !messageTs) {
      await ack();
      logger.warn({ user, channel }, 'ignored a Retry click with a value that is not ours');
      return void (await ephemeral(invalidInputMessage('this button does not carry a service id', locale)));
    }
    const threadTs = container.thread_ts ?? (body.message?.thread_ts as string | undefined) ?? messageTs;
    // Taken once and recorded before the ack: a double click or a redelivery finds the job and stops.
    const job = await deps.jobs
      .enqueue(`btn:${channel}:${messageTs}:${action.action_id}`, 'retry', { user, channel, ids: [serviceId], threadTs, messageTs, responseUrl: body.response_url })
      .catch((err: unknown) => (logger.error({ err }, 'could not record a Retry job'), undefined));
    await ack();
    if (job === undefined) return void (await ephemeral({ text: 'calsync: the database is not answering, so nothing was started. Try again in a minute.', blocks: [] }));
    if (job === null) return void logger.info({ user, serviceId }, 'ignored a second click on the same Retry button');
    await deps.background(async () => {
      const poster = createPoster(client, logger);
      const clicked = body.message
        ? replaceRetryButton({ text: String(body.message.text ?? ''), blocks: (body.message.blocks ?? []) as KnownBlock[] }, { actionId: action.action_id, userId: user }, locale)
        : null;
      if (clicked) await poster.update(channel, messageTs, clicked);
      const parent = await memory.lookup(channel, threadTs);
      try {
        const result = await syncInThread(deps, deps.engine, channelReporter(poster, channel, ephemeral, locale), {
          serviceId, user, channel, threadTs, jobId: job.id,
          trigger: parent?.kind === 'digest' ? 'digest' : 'button',
          parentTs: parent?.kind === 'service' ? threadTs : null,
        });
        // In a digest or a bulk summary, the clicked row shows how its retry ended; the rest stays as it was.
        if (clicked && parent?.kind !== 'service') await poster.update(channel, messageTs, settleRetryLine(clicked, { userId: user, outcome: result }, locale));
      } catch (err) {
        logger.error({ err, serviceId }, 'Retry failed');
        await ephemeral({ text: `calsync: the retry of service ${serviceId} could not run (${snippet((err as Error).message, secretsOf(deps.config))}).`, blocks: [] }).catch(() => {});
      } finally {
        await deps.jobs.finish(job.id).catch(() => {});
      }
    });
  };
}
