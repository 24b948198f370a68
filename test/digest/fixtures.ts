// Builders for digest tests: a service in a given state, and a digest with n failures.
import { composeDigest, type Digest, type DigestCounts, type DigestService } from '../../src/digest/compose.js';
import { payloadFor, payloadHash } from '../../src/sync/payload.js';
import type { Service } from '../../src/sync/types.js';
import { aService } from '../support/services.js';

export const NOW = new Date('2026-11-24T08:00:00Z');
export const API_KEY = 'cal_live_abc123def456ghi789';
export const minutesAgo = (m: number): Date => new Date(NOW.getTime() - m * 60_000);

/** A service synced an hour ago and linked to event type 1000 + id. */
export function row(id: number, overrides: Partial<Service> = {}): Service {
  return aService({
    id,
    calcomEventTypeId: 1000 + id,
    syncStatus: 'synced',
    syncAttempts: 1,
    lastSyncSuccess: minutesAgo(60),
    lastCalcomSync: minutesAgo(60),
    updatedAt: minutesAgo(60),
    ...overrides,
  });
}

/** The hash a successful sync of this row would have stored. */
export const hashOf = (service: Service): string => payloadHash(payloadFor(service));

/** In step: synced, and the stored hash matches the catalogue. */
export function synced(id: number, overrides: Partial<Service> = {}): DigestService {
  const s = row(id, overrides);
  return { ...s, lastSyncedHash: hashOf(s) };
}

/** Synced once, then the catalogue moved on (renamed). */
export function stale(id: number): DigestService {
  const s = row(id);
  return { ...s, name: `${s.name} (new)`, updatedAt: minutesAgo(5), lastSyncedHash: hashOf(s) };
}

export function failing(id: number, minutes = id, error = `Cal.com API error 422: ${API_KEY} ${'detail '.repeat(300)}`): DigestService {
  return { ...row(id), syncStatus: 'error', syncError: error, lastCalcomSync: minutesAgo(minutes), lastSyncedHash: null };
}

export function neverSynced(id: number): DigestService {
  return { ...row(id), syncStatus: 'pending', calcomEventTypeId: null, lastSyncSuccess: null, lastCalcomSync: null, lastSyncedHash: null };
}

/** A digest with `failures` failing services (newest first: ids ascending), plus some in each other state. */
export function digestWith(failures: number, previous: DigestCounts | null = null): Digest {
  const services = [
    ...Array.from({ length: failures }, (_, i) => failing(100 + i, i + 1)),
    stale(1),
    stale(2),
    neverSynced(3),
    synced(4),
    synced(5),
    synced(6),
  ];
  return composeDigest({ services, previous, localDate: '2026-11-24', now: NOW });
}
