// Usage: /calsync all
// Asks before a whole-catalogue run: the plan's counts and first steps, with Confirm and Cancel
// (actions/confirm-all.ts). One read of Cal.com; the confirmed run plans afresh and re-checks each step.
import { work } from '../../sync/preview.js';
import type { Locale } from '../../sync/types.js';
import type { UseCases } from '../../usecases/index.js';
import { confirmAllMessage } from '../messages/index.js';
import type { Respond } from '../poster.js';

/** Steps listed in the confirmation; the counts cover the rest. */
const FIRST_STEPS = 10;

export interface AllCommandDeps {
  preview: UseCases['preview'];
  locale: Locale;
}

export async function allCommand(deps: AllCommandDeps, respond: Respond): Promise<void> {
  const { total, preview } = await deps.preview();
  const first = work(preview)
    .slice(0, FIRST_STEPS)
    .map((i) => ({
      serviceId: i.serviceId,
      serviceName: i.serviceName,
      step: i.step.step,
      changes: 'changes' in i.step ? i.step.changes : [],
    }));
  await respond(confirmAllMessage({ total, counts: preview.counts, first, unreadable: preview.unreadable }, deps.locale));
}
