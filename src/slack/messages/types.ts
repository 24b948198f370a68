// Block Kit types come through Bolt (the only Slack package this project depends on directly).
import type { types } from '@slack/bolt';

export type KnownBlock = types.KnownBlock;
export type AnyBlock = types.KnownBlock | types.Block;
export type SectionBlock = types.SectionBlock;
export type ContextBlock = types.ContextBlock;
export type ActionsBlock = types.ActionsBlock;
export type HeaderBlock = types.HeaderBlock;
export type Button = types.Button;
export type MrkdwnElement = types.MrkdwnElement;

/** What every builder returns: blocks for the client, `text` for notifications and screen readers. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}
