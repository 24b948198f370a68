// Import from Cal.com (SPEC §4 `import`, §7 `calsync import`): read the target's event types, plan which to
// link and which to add (sync/import.ts decides), and apply that plan. Linked services are never touched.
import type { Store } from '../db/store.js';
import { planImport, type ImportPlan } from '../sync/import.js';
import { targetOf } from '../sync/locate.js';
import type { EventTypes } from '../sync/ports.js';

export interface ImportDeps {
  calcom: Pick<EventTypes, 'listOwn' | 'teamId'>;
  store: Pick<Store, 'listServices' | 'applyImport'>;
}

/** The plan as applied. */
export async function importFromCalcom(deps: ImportDeps): Promise<ImportPlan> {
  const plan = planImport(await deps.calcom.listOwn(), await deps.store.listServices(), { teamId: targetOf(deps.calcom) });
  await deps.store.applyImport(plan);
  return plan;
}
