// The one Service builder for fakes, tests and benchmarks: a valid service, pending and linked to nothing,
// with only what the caller is about overridden.
import type { Service } from '../sync/types.js';

const UPDATED_AT = new Date('2026-11-01T00:00:00Z');

export function aService(overrides: Partial<Service> = {}): Service {
  const id = overrides.id ?? 1;
  return {
    id,
    name: `Service ${id}`,
    description: null,
    durationMinutes: 30,
    priceCents: null,
    currency: null,
    active: true,
    calcomEventTypeId: null,
    syncStatus: 'pending',
    syncError: null,
    syncAttempts: 0,
    lastSyncSuccess: null,
    lastCalcomSync: null,
    updatedAt: UPDATED_AT,
    ...overrides,
  };
}
