// Usage: /calsync 85 | sync 85 86 | status 85 | diff 85 | failed | all | import | digest | help
// The slash command listener: ack first (Slack allows 3 s), check who asks, parse, and route to the module
// of the subcommand. Answers that need no database (help, bad input, refusal) travel in the ack itself.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackMemory } from '../../db/slack.js';
import { redact } from '../../lib/redact.js';
import type { UseCases } from '../../usecases/index.js';
import { isAllowed, type ListenerBase } from '../deps.js';
import { invalidInputMessage, notInChannelMessage, refusalMessage, usageMessage } from '../messages/index.js';
import { DigestNotPostedError } from '../digest.js';
import { commandFailedMessage } from '../messages/trouble.js';
import { responder, type Respond } from '../poster.js';
import { allCommand } from './all.js';
import { diffCommand } from './diff.js';
import { digestCommand, type DigestCommandDeps } from './digest.js';
import { importCommand } from './import.js';
import { parseCommand, type Command } from './parse.js';
import { statusCommand } from './status.js';
import { syncCommand, type SyncCommandDeps } from './sync.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export interface CalsyncCommandDeps extends ListenerBase, SyncCommandDeps, DigestCommandDeps {
  memory: Pick<SlackMemory, 'firstReceipt'>;
  useCases: Pick<UseCases, 'status' | 'diff' | 'preview' | 'importFromCalcom'>;
  /** Redacted from an error before it is shown in Slack. */
  secrets: readonly string[];
}

export function calsyncCommand(deps: CalsyncCommandDeps) {
  const { locale, logger } = deps;
  return async ({ command, ack, respond, client, context }: Args): Promise<void> => {
    const user = command.user_id;
    const channel = command.channel_id;
    if (!isAllowed(deps.access, user, channel)) {
      logger.warn({ user, channel }, 'refused /calsync from a user or channel outside the allow-lists');
      await ack({ response_type: 'ephemeral', ...refusalMessage(locale) });
      return;
    }
    const cmd = parseCommand(command.text ?? '');
    if (cmd.kind === 'help') return ack({ response_type: 'ephemeral', ...usageMessage(locale) });
    if (cmd.kind === 'invalid') return ack({ response_type: 'ephemeral', ...invalidInputMessage(cmd.problem, locale) });
    // response_url only when it is Slack's (SPEC §4); a request carrying another gets its answers through the Web API.
    const ephemeral = responder({
      url: command.response_url,
      origins: deps.origins,
      client,
      channel,
      user,
      logger,
      respond: (m) => respond({ response_type: 'ephemeral', ...m }),
    });

    if (cmd.kind === 'sync' || cmd.kind === 'failed') {
      const request = {
        user,
        channel,
        triggerId: command.trigger_id,
        responseUrl: command.response_url,
        retryNum: context.retryNum,
        ack,
        respond: ephemeral,
      };
      return syncCommand(deps, cmd, request);
    }
    await ack();

    // A redelivery (X-Slack-Retry-Num) carries the same trigger_id: whoever saw it first does the work.
    if (!(await deps.memory.firstReceipt(`cmd:${command.trigger_id}`))) {
      logger.info({ retryNum: context.retryNum, command: cmd.kind }, 'ignored a redelivered command');
      return;
    }
    try {
      await route(deps, cmd, channel, ephemeral);
    } catch (err) {
      logger.error({ err, command: cmd.kind }, '/calsync failed');
      const why = redact(err instanceof Error ? err.message : String(err), deps.secrets);
      const said = err instanceof DigestNotPostedError ? notInChannelMessage(locale) : commandFailedMessage(why, locale);
      await ephemeral(said).catch(() => {});
    }
  };
}

type Routed = Exclude<Command, { kind: 'help' | 'invalid' | 'sync' | 'failed' }>;

function route(deps: CalsyncCommandDeps, cmd: Routed, channel: string, respond: Respond): Promise<void> {
  const { locale, useCases } = deps;
  switch (cmd.kind) {
    case 'status':
      return statusCommand({ status: useCases.status, locale }, cmd.id, respond);
    case 'diff':
      return diffCommand({ diff: useCases.diff, locale }, cmd.id, respond);
    case 'all':
      return allCommand({ preview: useCases.preview, locale }, respond);
    case 'import':
      return importCommand({ importFromCalcom: useCases.importFromCalcom, locale }, respond);
    case 'digest':
      return digestCommand(deps, channel);
  }
}
