// Services for tests: the one builder (aService, shared with the benchmarks from src/sandbox/services.ts), on
// which the presets of a domain build (a synced digest row, the Slack messages' service 85), and putService
// for end-to-end tests that write catalogue rows.
import type { Prisma, PrismaClient } from '../../src/db/generated/client.js';
export { aService } from '../../src/sandbox/services.js';

/** Columns of a catalogue row besides id and name, as the database takes them. */
export type ServiceRow = Partial<Omit<Prisma.ServiceUncheckedCreateInput, 'id' | 'name'>>;

/**
 * Writes service `id` to the catalogue table as a pending 45-minute service, whether or not the row exists
 * (end-to-end tests share one database across cases and re-use ids).
 */
export async function putService(prisma: PrismaClient, id: number, name: string, extra: ServiceRow = {}): Promise<void> {
  const row = { name, durationMinutes: 45, ...extra };
  await prisma.service.upsert({ where: { id }, create: { id, ...row }, update: { syncStatus: 'pending', ...row } });
}
