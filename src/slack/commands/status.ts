// Usage: /calsync status 85
// The status card of one service: its sync state and latest runs (SPEC §4 `status`).
import type { Locale } from '../../sync/types.js';
import type { UseCases } from '../../usecases/index.js';
import { statusCard, unknownServiceMessage } from '../messages/index.js';
import type { Respond } from '../poster.js';

export interface StatusCommandDeps {
  status: UseCases['status'];
  locale: Locale;
}

export async function statusCommand(deps: StatusCommandDeps, id: number, respond: Respond): Promise<void> {
  const found = await deps.status(id);
  await respond(found ? statusCard(found.service, found.runs, deps.locale) : unknownServiceMessage(id, deps.locale));
}
