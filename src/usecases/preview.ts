// The plan for many services, nothing written (SPEC §4 `all`, §7 `sync --dry-run`): the catalogue (or the
// ids asked for) planned against one read of Cal.com, as the run itself would plan it.
import type { Store } from '../db/store.js';
import { previewPlan, type Preview, type PreviewDeps } from '../sync/preview.js';

export interface CataloguePreview {
  /** Services planned. */
  total: number;
  /** Ids asked for that are not in the catalogue. */
  missing: number[];
  preview: Preview;
}

export interface CataloguePreviewDeps extends PreviewDeps {
  store: PreviewDeps['store'] & Pick<Store, 'listServices'>;
}

/** Every service, or only `ids` (in catalogue order). */
export async function previewCatalogue(deps: CataloguePreviewDeps, ids?: readonly number[]): Promise<CataloguePreview> {
  const wanted = ids ? new Set(ids) : null;
  const services = (await deps.store.listServices()).filter((s) => !wanted || wanted.has(s.id));
  const found = new Set(services.map((s) => s.id));
  const missing = ids ? ids.filter((id) => !found.has(id)) : [];
  return { total: services.length, missing, preview: await previewPlan(deps, services) };
}
