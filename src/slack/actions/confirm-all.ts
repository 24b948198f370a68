// `/calsync all` asks first; these are its two buttons. The confirmation is taken once, so a double click
// never starts two whole-catalogue runs. Its answers go to response_url only when that is Slack's.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Jobs } from '../../db/jobs.js';
import { isAllowed, type ListenerBase, type RunJob } from '../deps.js';
import { refusalMessage } from '../messages/index.js';
import { databaseDownMessage, syncingAllMessage } from '../messages/trouble.js';
import { isSlackResponseUrl, responder, type Respond } from '../poster.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export interface ConfirmAllDeps extends ListenerBase {
  jobs: Pick<Jobs, 'enqueue'>;
  runJob: RunJob;
}

export function confirmAllAction(deps: ConfirmAllDeps) {
  const { locale, logger, origins } = deps;
  return async ({ ack, body, respond, client }: Args): Promise<void> => {
    const user = body.user.id;
    const channel = body.channel?.id ?? '';
    const ephemeral = responder({
      url: body.response_url,
      origins,
      respond: (m) => respond({ response_type: 'ephemeral', ...m }),
      client,
      channel,
      user,
      logger,
    });
    const tell: Respond = (m) => ephemeral(m).catch((err: unknown) => logger.warn({ err, user, channel }, 'could not answer a click'));
    if (!channel || !isAllowed(deps.access, user, channel)) {
      await ack();
      return void (await tell(refusalMessage(locale)));
    }
    const key = `all:${channel}:${(body.container as { message_ts?: string } | undefined)?.message_ts ?? body.actions[0]?.action_ts}`;
    const job = await deps.jobs
      .enqueue(key, 'bulk', { user, channel, label: 'all', responseUrl: body.response_url })
      .catch((err: unknown) => {
        logger.error({ err }, 'could not record a bulk job');
        return undefined;
      });
    await ack();
    if (job === null) return; // a second click on the same confirmation
    if (!job) return void (await tell(databaseDownMessage(locale)));
    // Cosmetic: the confirmation becomes "syncing…"; if Slack refuses that, the run goes ahead anyway.
    if (isSlackResponseUrl(body.response_url, origins)) {
      await respond({ replace_original: true, ...syncingAllMessage(locale) }).catch((err: unknown) =>
        logger.warn({ err, channel }, 'could not replace the confirmation'),
      );
    }
    await deps.runJob(job, ephemeral).catch((err: unknown) => logger.error({ err }, '/calsync all job failed'));
  };
}

export function cancelAllAction(deps: Pick<ListenerBase, 'origins' | 'logger'>) {
  return async ({ ack, body, respond }: Args): Promise<void> => {
    await ack();
    if (!isSlackResponseUrl(body.response_url, deps.origins))
      return void deps.logger.warn('ignored a response_url outside SLACK_RESPONSE_URL_ORIGINS');
    await respond({ delete_original: true }).catch((err: unknown) => deps.logger.warn({ err }, 'could not remove the confirmation'));
  };
}
