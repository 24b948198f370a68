// The use cases Slack and the CLI share, on in-memory fakes: what each reads, what it returns, what it writes.
import { describe, expect, it, vi } from 'vitest';
import type { RemoteEventType } from '../../src/sync/ports.js';
import type { Service } from '../../src/sync/types.js';
import { diffService } from '../../src/usecases/diff.js';
import { importFromCalcom } from '../../src/usecases/import.js';
import { previewCatalogue } from '../../src/usecases/preview.js';
import { serviceStatus } from '../../src/usecases/status.js';
import { aService as service } from '../support/services.js';

const eventType = (id: number, slug: string, over: Partial<RemoteEventType> = {}): RemoteEventType => ({
  id,
  slug,
  title: slug,
  lengthInMinutes: 30,
  hidden: false,
  ...over,
});

function fakes(services: Service[], list: RemoteEventType[], teamId?: number) {
  const calcom = {
    teamId,
    listOwn: vi.fn(async () => list),
    get: vi.fn(async (id: number) => list.find((e) => e.id === id)!),
    getUnder: vi.fn(),
  };
  const store = {
    listServices: vi.fn(async () => services),
    getService: vi.fn(async (id: number) => services.find((s) => s.id === id) ?? null),
    rememberedLinks: vi.fn(async () => new Map()),
    recentRuns: vi.fn(async () => []),
    applyImport: vi.fn(async () => {}),
  };
  return { calcom, store };
}

describe('importFromCalcom', () => {
  it("plans against the target's list and applies that plan", async () => {
    const { calcom, store } = fakes([service({ id: 1, name: 'Beard trim' })], [eventType(5, 'beard-trim-1'), eventType(6, 'colour')], 42);
    const plan = await importFromCalcom({ calcom, store });
    expect(plan.teamId).toBe(42);
    expect(plan.link).toEqual([{ serviceId: 1, eventTypeId: 5, slug: 'beard-trim-1' }]);
    expect(plan.create).toMatchObject([{ eventTypeId: 6, name: 'colour' }]);
    expect(store.applyImport).toHaveBeenCalledWith(plan);
  });
});

describe('previewCatalogue', () => {
  it('plans the ids asked for, in catalogue order, and names those not in the catalogue', async () => {
    const { calcom, store } = fakes([service({ id: 1 }), service({ id: 2 }), service({ id: 3 })], []);
    const { total, missing, preview } = await previewCatalogue({ calcom, store }, [3, 99, 1]);
    expect(total).toBe(2);
    expect(missing).toEqual([99]);
    expect(preview.items.map((i) => [i.serviceId, i.step.step])).toEqual([
      [1, 'create'],
      [3, 'create'],
    ]);
    expect(calcom.listOwn).toHaveBeenCalledTimes(1);
  });

  it('without ids plans the whole catalogue', async () => {
    const { calcom, store } = fakes([service({ id: 1 }), service({ id: 2 })], []);
    expect((await previewCatalogue({ calcom, store })).total).toBe(2);
  });
});

describe('diffService', () => {
  it('an unknown id, an invalid service, and a linked one whose length differs', async () => {
    const linked = service({ id: 7, name: 'Cut', calcomEventTypeId: 70, durationMinutes: 45 });
    const { calcom, store } = fakes(
      [service({ id: 8, name: '' }), linked],
      [eventType(70, 'cut', { title: 'Cut', lengthInMinutes: 30, description: '' })],
    );
    expect(await diffService({ calcom, store }, 9)).toEqual({ kind: 'unknown', serviceId: 9 });
    expect(await diffService({ calcom, store }, 8)).toMatchObject({ kind: 'invalid', serviceId: 8, problem: { rule: 'no-name' } });
    const diff = await diffService({ calcom, store }, 7);
    expect(diff).toMatchObject({ kind: 'diff', serviceId: 7, eventTypeId: 70, step: 'update' });
    expect(diff.kind === 'diff' && diff.differences).toContainEqual({
      field: 'lengthInMinutes',
      catalogue: 45,
      calcom: 30,
      settable: true,
    });
  });
});

describe('serviceStatus', () => {
  it('the service with its runs, or null', async () => {
    const { store } = fakes([service({ id: 1 })], []);
    expect(await serviceStatus(store, 1)).toMatchObject({ service: { id: 1 }, runs: [] });
    expect(await serviceStatus(store, 2)).toBeNull();
  });
});
