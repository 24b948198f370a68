// Usage: /calsync 85 | sync 85 86 | status 85 | diff 85 | failed | all | import | digest | help
// The slash command listener: ack first (Slack allows 3 s), check who asks, then hand the work to a flow.
// Answers that need no database (help, bad input, refusal) travel in the ack itself.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { payloadFor, serviceProblem } from '../../sync/payload.js';
import { differences } from '../../sync/diff.js';
import { planImport } from '../../sync/import.js';
import { previewPlan, work } from '../../sync/preview.js';
import { targetOf } from '../../sync/locate.js';
import { secretsOf } from '../../config.js';
import { redact } from '../../sync/snippet.js';
import { isAllowed, type SlackDeps } from '../deps.js';
import {
  confirmAllMessage, DigestNotPostedError, diffMessage, notInChannelMessage, importSummaryMessage,
  invalidInputMessage, refusalMessage, statusCard, unknownServiceMessage, usageMessage,
} from '../messages/index.js';
import { commandFailedMessage, databaseDownMessage } from '../messages/trouble.js';
import { channelReporter, createPoster, responder, type Respond } from '../poster.js';
import { parseCommand, type Command } from './parse.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export function calsyncCommand(deps: SlackDeps) {
  const { locale, logger } = deps;
  return async ({ command, ack, respond, client, context }: Args): Promise<void> => {
    const user = command.user_id;
    const channel = command.channel_id;
    if (!isAllowed(deps.config, user, channel)) {
      logger.warn({ user, channel }, 'refused /calsync from a user or channel outside the allow-lists');
      await ack({ response_type: 'ephemeral', ...refusalMessage(locale) });
      return;
    }
    const cmd = parseCommand(command.text ?? '');
    if (cmd.kind === 'help') return ack({ response_type: 'ephemeral', ...usageMessage(locale) });
    if (cmd.kind === 'invalid') return ack({ response_type: 'ephemeral', ...invalidInputMessage(cmd.problem, locale) });
    // response_url only when it is Slack's (SPEC §4); a request carrying another gets its answers through the Web API.
    const ephemeral = responder({
      url: command.response_url, origins: deps.config.slack.responseUrlOrigins, client, channel, user, logger,
      respond: (m) => respond({ response_type: 'ephemeral', ...m }),
    });

    if (cmd.kind === 'sync' || cmd.kind === 'failed') {
      // Recorded before the ack (SPEC §10): a crash after it loses nothing, and a redelivery of the same
      // trigger_id finds the job and stops.
      let job;
      try {
        job = await deps.jobs.enqueue(`cmd:${command.trigger_id}`, cmd.kind === 'sync' ? 'sync' : 'bulk', {
          user, channel, responseUrl: command.response_url, ...(cmd.kind === 'sync' ? { ids: cmd.ids } : { label: 'failed' as const }),
        });
      } catch (err) {
        logger.error({ err }, 'could not record a /calsync job');
        return ack({ response_type: 'ephemeral', ...databaseDownMessage(locale) });
      }
      await ack();
      if (!job) return void logger.info({ retryNum: context.retryNum }, 'ignored a redelivered command');
      return deps.runJob(job, ephemeral).catch((err: unknown) => logger.error({ err }, '/calsync job failed'));
    }
    await ack();

    // A redelivery (X-Slack-Retry-Num) carries the same trigger_id: whoever saw it first does the work.
    if (!(await deps.memory.firstReceipt(`cmd:${command.trigger_id}`))) {
      logger.info({ retryNum: context.retryNum, command: cmd.kind }, 'ignored a redelivered command');
      return;
    }
    try {
      await run(deps, cmd, { user, channel, respond: ephemeral, reporter: channelReporter(createPoster(client, logger), channel, ephemeral, locale, logger) });
    } catch (err) {
      logger.error({ err, command: cmd.kind }, '/calsync failed');
      const why = redact(err instanceof Error ? err.message : String(err), secretsOf(deps.config));
      const said = err instanceof DigestNotPostedError ? notInChannelMessage(locale) : commandFailedMessage(why, locale);
      await ephemeral(said).catch(() => {});
    }
  };
}

interface Where {
  user: string;
  channel: string;
  respond: Respond;
  reporter: ReturnType<typeof channelReporter>;
}

async function run(deps: SlackDeps, cmd: Exclude<Command, { kind: 'help' | 'invalid' | 'sync' | 'failed' }>, where: Where): Promise<void> {
  const { store, locale } = deps;
  switch (cmd.kind) {
    case 'status': {
      const service = await store.getService(cmd.id);
      if (!service) return void (await where.respond(unknownServiceMessage(cmd.id, locale)));
      await where.respond(statusCard(service, await store.recentRuns(cmd.id), locale));
      return;
    }
    case 'diff': {
      const service = await store.getService(cmd.id);
      if (!service) return void (await where.respond(unknownServiceMessage(cmd.id, locale)));
      const problem = serviceProblem(service);
      const refused = problem && invalidInputMessage({ code: 'invalid-service', serviceId: service.id, problem }, locale);
      if (refused) return void (await where.respond(refused));
      // The planner decides what a sync would send; price and currency are shown beside it, not settable.
      const { items: [item] } = await previewPlan({ calcom: deps.calcom, store }, [service]);
      const { step, live } = item!;
      const changes = step.step === 'update' || step.step === 'adopt' ? step.changes : [];
      const unsettable = live ? differences(payloadFor(service), live, { cents: service.priceCents, currency: service.currency }).filter((x) => !x.settable) : [];
      const diffs = [...changes.map((c) => ({ field: c.field, catalogue: c.to, calcom: c.from ?? null, settable: true })), ...unsettable];
      await where.respond(diffMessage({ serviceId: service.id, serviceName: service.name, eventTypeId: service.calcomEventTypeId, payload: { ...payloadFor(service) }, live, differences: diffs, step: step.step }, locale));
      return;
    }
    case 'all': {
      // One read of Cal.com, a plan for every service; the confirmed run plans afresh and re-checks each step.
      const services = await store.listServices();
      const preview = await previewPlan({ calcom: deps.calcom, store }, services);
      const first = work(preview).slice(0, 10).map((i) => ({ serviceId: i.serviceId, serviceName: i.serviceName, step: i.step.step, changes: 'changes' in i.step ? i.step.changes : [] }));
      await where.respond(confirmAllMessage({ total: services.length, counts: preview.counts, first, unreadable: preview.unreadable }, locale));
      return;
    }
    case 'import': {
      const plan = planImport(await deps.calcom.listOwn(), await store.listServices(), { teamId: targetOf(deps.calcom) });
      await store.applyImport(plan);
      await where.respond({ ...importSummaryMessage({ linked: plan.link.length, created: plan.create.length, skipped: plan.skipped.length }, locale), response_type: 'in_channel' });
      return;
    }
    case 'digest':
      await deps.postDigest?.(where.channel);
      return;
  }
}
