// `/calsync all` asks first; these are its two buttons. The confirmation is taken once, so a double click
// never starts two whole-catalogue runs.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { isAllowed, type SlackDeps } from '../deps.js';
import { refusalMessage } from '../messages/index.js';
import type { Respond } from '../poster.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export function confirmAllAction(deps: SlackDeps) {
  const { locale, logger } = deps;
  return async ({ ack, body, respond }: Args): Promise<void> => {
    const user = body.user.id;
    const channel = body.channel?.id ?? '';
    const ephemeral: Respond = (m) => respond({ response_type: 'ephemeral', ...m });
    if (!channel || !isAllowed(deps.config, user, channel)) {
      await ack();
      return void (await ephemeral(refusalMessage(locale)));
    }
    const key = `all:${channel}:${(body.container as { message_ts?: string } | undefined)?.message_ts ?? body.actions[0]?.action_ts}`;
    const job = await deps.jobs.enqueue(key, 'bulk', { user, channel, label: 'all', responseUrl: body.response_url }).catch((err: unknown) => (logger.error({ err }, 'could not record a bulk job'), null));
    await ack();
    if (!job) return;
    await respond({ replace_original: true, text: locale === 'de' ? 'Alle Dienstleistungen werden synchronisiert …' : 'Syncing every service…' });
    await deps.runJob(job, ephemeral);
  };
}

export function cancelAllAction() {
  return async ({ ack, respond }: Args): Promise<void> => {
    await ack();
    await respond({ delete_original: true });
  };
}
