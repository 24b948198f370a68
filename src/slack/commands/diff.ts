// Usage: /calsync diff 85
// What a sync of one service would send, as the planner decides it; writes nothing (SPEC §4 `diff`).
import type { Locale } from '../../sync/types.js';
import type { UseCases } from '../../usecases/index.js';
import { diffMessage, invalidInputMessage, unknownServiceMessage } from '../messages/index.js';
import type { Respond } from '../poster.js';

export interface DiffCommandDeps {
  diff: UseCases['diff'];
  locale: Locale;
}

export async function diffCommand(deps: DiffCommandDeps, id: number, respond: Respond): Promise<void> {
  const { locale } = deps;
  const diff = await deps.diff(id);
  if (diff.kind === 'unknown') return void (await respond(unknownServiceMessage(id, locale)));
  if (diff.kind === 'invalid')
    return void (await respond(invalidInputMessage({ code: 'invalid-service', serviceId: diff.serviceId, problem: diff.problem }, locale)));
  const { kind: _kind, ...view } = diff;
  await respond(diffMessage(view, locale));
}
