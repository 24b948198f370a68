// `/calsync all` asks first; these are its two buttons. The confirmation is taken once, so a double click
// never starts two whole-catalogue runs.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { isAllowed, type SlackDeps } from '../deps.js';
import { bulkInSlack } from '../flows/bulk.js';
import { refusalMessage } from '../messages/index.js';
import { channelReporter, createPoster, type Respond } from '../poster.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export function confirmAllAction(deps: SlackDeps) {
  const { locale, logger } = deps;
  return async ({ ack, body, respond, client }: Args): Promise<void> => {
    await ack();
    const user = body.user.id;
    const channel = body.channel?.id ?? '';
    const ephemeral: Respond = (m) => respond({ response_type: 'ephemeral', ...m });
    if (!channel || !isAllowed(deps.config, user, channel)) return void (await ephemeral(refusalMessage(locale)));
    const key = `all:${channel}:${(body.container as { message_ts?: string }).message_ts ?? body.actions[0]?.action_ts}`;
    if (!(await deps.memory.firstReceipt(key))) return;
    await respond({ replace_original: true, text: locale === 'de' ? 'Alle Dienstleistungen werden synchronisiert …' : 'Syncing every service…' });
    const ids = await deps.store.serviceIds();
    await bulkInSlack(deps, channelReporter(createPoster(client, logger), channel, ephemeral, locale), { label: 'all', ids, user, channel });
  };
}

export function cancelAllAction() {
  return async ({ ack, respond }: Args): Promise<void> => {
    await ack();
    await respond({ delete_original: true });
  };
}
