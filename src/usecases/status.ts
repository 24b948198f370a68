// Status of one service (SPEC §4 `status`, §7 `calsync status`): the catalogue row and its latest runs.
import type { Store } from '../db/store.js';
import type { RunRecord, Service } from '../sync/types.js';

export interface ServiceStatus {
  service: Service;
  runs: RunRecord[];
}

/** Null when the id is not in the catalogue. */
export async function serviceStatus(store: Pick<Store, 'getService' | 'recentRuns'>, id: number): Promise<ServiceStatus | null> {
  const service = await store.getService(id);
  return service ? { service, runs: await store.recentRuns(id) } : null;
}
