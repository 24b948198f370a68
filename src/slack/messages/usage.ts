import { t, type CommandName, type Locale } from '../../i18n/index.js';
import { context, header, message, section } from './blocks.js';
import type { SlackMessage } from './types.js';

/** The command table of SPEC §4; the syntax is the same in every language. */
const COMMANDS: ReadonlyArray<readonly [CommandName, string]> = [
  ['sync', '`/calsync 85`, `/calsync sync 85 86`'],
  ['status', '`/calsync status 85`'],
  ['diff', '`/calsync diff 85`'],
  ['failed', '`/calsync failed`'],
  ['all', '`/calsync all`'],
  ['import', '`/calsync import`'],
  ['digest', '`/calsync digest`'],
  ['help', '`/calsync help`'],
];

/** Ephemeral help: for `help`, an empty command and anything unknown. */
export function usageMessage(locale: Locale): SlackMessage {
  const d = t(locale);
  const lines = COMMANDS.map(([name, syntax]) => `• ${syntax}: ${d.usage.commands[name]}`);
  return message(d.usage.title, [header(d.usage.title), section(`*${d.usage.intro}*\n${lines.join('\n')}`), context(d.usage.footer)]);
}
