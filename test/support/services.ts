// The one Service builder for tests: a valid service, pending and linked to nothing, with only what a test is
// about overridden. Presets for a domain (a synced digest row, the Slack messages' service 85) build on it.
import type { Prisma, PrismaClient } from '../../src/db/generated/client.js';
import type { Service } from '../../src/sync/types.js';

/** Columns of a catalogue row besides id and name, as the database takes them. */
export type ServiceRow = Partial<Omit<Prisma.ServiceUncheckedCreateInput, 'id' | 'name'>>;

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

/**
 * Writes service `id` to the catalogue table as a pending 45-minute service, whether or not the row exists
 * (end-to-end tests share one database across cases and re-use ids).
 */
export async function putService(prisma: PrismaClient, id: number, name: string, extra: ServiceRow = {}): Promise<void> {
  const row = { name, durationMinutes: 45, ...extra };
  await prisma.service.upsert({ where: { id }, create: { id, ...row }, update: { syncStatus: 'pending', ...row } });
}
