import { t, type Locale } from '../../i18n/index.js';
import type { SlackTarget } from '../../sync/types.js';
import { message, section } from './blocks.js';
import { STATE_EMOJI } from './emoji.js';
import { channelRef, formatUtc, threadLink } from './format.js';
import type { SlackMessage } from './types.js';

export interface AlreadyRunningInput {
  serviceId: number;
  since: Date;
  /** Where the running sync reports; a thread link when both channel and thread are known. */
  slack?: SlackTarget;
}

/** Ephemeral answer to a second request while a sync of the service runs (SPEC §3.10). */
export function alreadyRunningMessage(input: AlreadyRunningInput, locale: Locale): SlackMessage {
  const d = t(locale);
  const running = d.busy.running(input.serviceId, formatUtc(input.since));
  const target = input.slack;
  const link = target?.threadTs ? threadLink(target.channel, target.threadTs, d.busy.threadLabel) : null;
  const channel = target ? channelRef(target.channel) : null;
  const where = link ? d.busy.inThread(link) : channel ? d.busy.inChannel(channel) : d.busy.later;
  return message(`${running} ${where}`, [section(`${STATE_EMOJI.busy} ${running}\n${where}`)]);
}
