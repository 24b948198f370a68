import { describe, expect, it } from 'vitest';
import { composeDigest, shownStates, stateOf, type DigestService } from '../../src/digest/compose.js';
import { failing, minutesAgo, neverSynced, NOW, row, stale, synced } from './fixtures.js';

const compose = (services: DigestService[], previous = null as Parameters<typeof composeDigest>[0]['previous']) =>
  composeDigest({ services, previous, localDate: '2026-11-24', now: NOW });

describe('stateOf', () => {
  const lastSuccess = minutesAgo(60);
  it.each<[string, DigestService, string]>([
    ['in step (hash matches)', synced(1), 'synced'],
    ["in step although updated_at moved (the engine's own write)", synced(1, { updatedAt: minutesAgo(1) }), 'synced'],
    ['renamed after the sync (hash differs)', stale(1), 'stale'],
    ['made inactive after the sync', { ...synced(1), active: false }, 'stale'],
    ['description changed', { ...synced(1), description: 'new text' }, 'stale'],
    ['price changed only (not in the payload)', { ...synced(1), priceCents: 4200 }, 'synced'],
    ['error wins over everything', { ...stale(1), syncStatus: 'error' }, 'error'],
    ['pending, never synced', neverSynced(1), 'neverSynced'],
    [
      'no hash, edited long after the success (fallback)',
      { ...row(1, { lastSyncSuccess: lastSuccess, updatedAt: minutesAgo(10) }), lastSyncedHash: null },
      'stale',
    ],
    [
      "no hash, updated_at stamped with the success (fallback: the sync's own write)",
      { ...row(1, { lastSyncSuccess: lastSuccess, updatedAt: lastSuccess }), lastSyncedHash: null },
      'synced',
    ],
    [
      'no hash, updated_at before the success (fallback)',
      { ...row(1, { lastSyncSuccess: lastSuccess, updatedAt: minutesAgo(90) }), lastSyncedHash: null },
      'synced',
    ],
    ['invalid and in error', { ...failing(1), durationMinutes: 0 }, 'error'],
    ['invalid, never synced', { ...neverSynced(1), name: '  ' }, 'neverSynced'],
    ['invalid after a good sync', { ...synced(1), durationMinutes: 0 }, 'stale'],
    ['a sync_status calsync cannot read, never synced', { ...neverSynced(1), syncStatus: 'unknown', syncStatusRaw: 'weird' }, 'unknown'],
    ['a sync_status calsync cannot read, synced once', { ...synced(1), syncStatus: 'unknown', syncStatusRaw: 'weird' }, 'unknown'],
  ])('%s', (_, service, state) => {
    expect(stateOf(service)).toBe(state);
  });

  it('the fallback has no grace: an edit a millisecond after the success is one', () => {
    const at = (ms: number) => ({ ...row(1, { lastSyncSuccess: NOW, updatedAt: new Date(NOW.getTime() + ms) }), lastSyncedHash: null });
    expect(stateOf(at(0))).toBe('synced');
    expect(stateOf(at(1))).toBe('stale');
  });
});

describe('composeDigest', () => {
  it('counts a sync_status calsync cannot read apart, and only shows it when there is one', () => {
    const odd = { ...neverSynced(3), syncStatus: 'unknown' as const, syncStatusRaw: 'weird' };
    const digest = compose([synced(1), synced(2), odd], { synced: 2, error: 0, neverSynced: 1, stale: 0, total: 3 });
    expect(digest.counts).toEqual({ synced: 2, error: 0, neverSynced: 0, stale: 0, unknown: 1, total: 3 });
    expect(digest.changes).toEqual({ synced: 0, error: 0, neverSynced: -1, stale: 0, unknown: 1, total: 0 });
    expect(digest.quiet).toBe(false);
    expect(shownStates(digest)).toEqual(['error', 'stale', 'neverSynced', 'unknown', 'synced']);
    expect(shownStates(compose([synced(1)]))).toEqual(['error', 'stale', 'neverSynced', 'synced']);
  });

  it('counts each state, lists failures newest first, and compares with the previous digest', () => {
    const digest = compose(
      [
        synced(1),
        synced(2),
        stale(3),
        neverSynced(4),
        failing(5, 30),
        failing(6, 10),
        { ...failing(7), lastCalcomSync: null },
        failing(8, 10),
      ],
      { synced: 3, error: 1, neverSynced: 1, stale: 1, total: 6 },
    );
    expect(digest.counts).toEqual({ synced: 2, error: 4, neverSynced: 1, stale: 1, total: 8 });
    expect(digest.changes).toEqual({ synced: -1, error: 3, neverSynced: 0, stale: 0, total: 2 });
    expect(digest.failures.map((f) => f.serviceId)).toEqual([6, 8, 5, 7]);
    expect(digest.failures[0]).toMatchObject({ serviceName: 'Service 6', lastAttempt: minutesAgo(10) });
    expect(digest.failures[0]!.error).toMatch(/^Cal.com API error 422/);
    expect(digest.quiet).toBe(false);
    expect(digest).toMatchObject({ localDate: '2026-11-24', generatedAt: NOW });
  });

  it('has no changes without a previous digest', () => {
    expect(compose([synced(1)]).changes).toBeNull();
  });

  it('is quiet when everything is in step', () => {
    expect(compose([synced(1), synced(2)])).toMatchObject({ quiet: true, failures: [], counts: { synced: 2, total: 2 } });
    expect(compose([synced(1), stale(2)]).quiet).toBe(false);
    expect(compose([synced(1), neverSynced(2)]).quiet).toBe(false);
    expect(compose([]).quiet).toBe(true);
  });

  // Its speed at this size is `npm run bench`'s digest phase (SPEC §10); here only what it counts.
  it('composes 10,000 services with 2,000 failing', () => {
    const services = Array.from({ length: 10_000 }, (_, i) => {
      const id = i + 1;
      if (i % 5 === 0) return failing(id, i % 997);
      if (i % 7 === 0) return stale(id);
      if (i % 11 === 0) return neverSynced(id);
      return synced(id, { name: `Ansatz + Längenausgleich ${id}`, description: 'Ansatzfarbe und Längenausgleich' });
    });
    const digest = compose(services, compose([]).counts);
    expect(digest.counts.error).toBe(2000);
    expect(digest.counts.total).toBe(10_000);
    expect(digest.counts.synced + digest.counts.stale + digest.counts.neverSynced).toBe(8000);
  });
});
