// Usage: /calsync import
// Links and adds services from Cal.com's event types (SPEC §4 `import`); the summary is posted in the channel.
import type { Locale } from '../../sync/types.js';
import type { UseCases } from '../../usecases/index.js';
import { importSummaryMessage } from '../messages/index.js';
import type { Respond } from '../poster.js';

export interface ImportCommandDeps {
  importFromCalcom: UseCases['importFromCalcom'];
  locale: Locale;
}

export async function importCommand(deps: ImportCommandDeps, respond: Respond): Promise<void> {
  const plan = await deps.importFromCalcom();
  const summary = importSummaryMessage(
    { linked: plan.link.length, created: plan.create.length, skipped: plan.skipped.length },
    deps.locale,
  );
  await respond({ ...summary, response_type: 'in_channel' });
}
