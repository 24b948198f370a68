// The fair queue behind Slack work (SPEC §4): round robin by user, a cap per user, and "queued behind N".
import { describe, expect, it } from 'vitest';
import { FairQueue, fairScheduler } from '../../src/slack/fair-queue.js';

/** Pushes `items` ("user:item"), then takes until nothing more may start; returns what started, in order. */
function startOrder(limits: { slots: number; perUser: number }, items: string[], releaseEach = false): string[] {
  const q = new FairQueue<string>(limits);
  for (const it of items) q.push(it.split(':')[0]!, it);
  const order: string[] = [];
  for (let next = q.take(); next; next = q.take()) {
    order.push(next.item);
    if (releaseEach) q.release(next.user);
  }
  return order;
}

describe('FairQueue.take', () => {
  it.each([
    ['one user, FIFO', { slots: 8, perUser: 8 }, ['a:1', 'a:2', 'a:3'], true, ['a:1', 'a:2', 'a:3']],
    ['a backlog and a newcomer take turns', { slots: 1, perUser: 1 }, ['a:1', 'a:2', 'a:3', 'b:1'], true, ['a:1', 'b:1', 'a:2', 'a:3']],
    ['three users round robin', { slots: 1, perUser: 1 }, ['a:1', 'a:2', 'b:1', 'b:2', 'c:1'], true, ['a:1', 'b:1', 'c:1', 'a:2', 'b:2']],
    [
      'the per-user cap leaves room for others',
      { slots: 8, perUser: 2 },
      ['a:1', 'a:2', 'a:3', 'a:4', 'b:1'],
      false,
      ['a:1', 'b:1', 'a:2'],
    ],
    ['the slots bound everyone together', { slots: 3, perUser: 3 }, ['a:1', 'a:2', 'b:1', 'b:2'], false, ['a:1', 'b:1', 'a:2']],
  ] as const)('%s', (_name, limits, items, releaseEach, expected) => {
    expect(startOrder(limits, [...items], releaseEach)).toEqual(expected);
  });

  it('a capped user starts again when one of theirs is released', () => {
    const q = new FairQueue<string>({ slots: 8, perUser: 1 });
    q.push('a', 'a1');
    q.push('a', 'a2');
    expect(q.take()?.item).toBe('a1');
    expect(q.take()).toBeUndefined();
    q.release('a');
    expect(q.take()?.item).toBe('a2');
    expect(q.running).toBe(1);
    expect(q.waiting).toBe(0);
  });
});

describe('FairQueue.ahead ("queued behind N")', () => {
  it.each([
    // limits, running per user, waiting (in push order), asked item, expected
    ['slots full: behind every running item', { slots: 2, perUser: 2 }, ['a', 'b'], ['c:1'], 'c:1', 2],
    ['at the cap: behind its own running items', { slots: 8, perUser: 2 }, ['a', 'a'], ['a:1'], 'a:1', 2],
    ['its own earlier items count', { slots: 8, perUser: 2 }, ['a', 'a'], ['a:1', 'a:2', 'a:3'], 'a:3', 4],
    [
      'round robin: others before it in the ring count once per turn',
      { slots: 1, perUser: 1 },
      ['a'],
      ['a:1', 'a:2', 'a:3', 'b:1'],
      'b:1',
      2,
    ],
    [
      'round robin: a backlog later in the ring counts less',
      { slots: 1, perUser: 1 },
      ['a'],
      ['b:1', 'b:2', 'a:1', 'a:2', 'a:3'],
      'b:2',
      3,
    ],
  ] as const)('%s', (_name, limits, running, waiting, item, expected) => {
    const q = new FairQueue<string>(limits);
    for (const user of running) {
      q.push(user, `${user}:running`);
      expect(q.take()).toBeDefined();
    }
    for (const it of waiting) q.push(it.split(':')[0]!, it);
    expect(q.ahead(item.split(':')[0]!, item)).toBe(expected);
  });

  it('is -1 for an item that is not waiting', () => {
    expect(new FairQueue<string>({ slots: 1, perUser: 1 }).ahead('a', 'x')).toBe(-1);
  });
});

describe('fairScheduler', () => {
  it("runs a second user before the first one's backlog, and tells the waiting how many are ahead", async () => {
    const sched = fairScheduler({ slots: 2, perUser: 1 });
    const order: string[] = [];
    const gates: Array<() => void> = [];
    const job = (name: string) => () =>
      new Promise<void>((resolve) =>
        gates.push(() => {
          order.push(name);
          resolve();
        }),
      );
    const queued: Record<string, number> = {};
    const done = [
      sched.run('a', job('a1')),
      sched.run('a', job('a2'), (n) => (queued.a2 = n)),
      sched.run('a', job('a3'), (n) => (queued.a3 = n)),
      sched.run('b', job('b1'), (n) => (queued.b1 = n)),
    ];
    // a1 and b1 start at once (a is at its cap of 1); a2 and a3 wait.
    await new Promise((r) => setImmediate(r));
    expect(queued).toEqual({ a2: 1, a3: 2 });
    expect(sched.running).toBe(2);
    while (gates.length) {
      gates.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(done);
    expect(order).toEqual(['a1', 'b1', 'a2', 'a3']);
  });

  it('releases the slot when the work throws', async () => {
    const sched = fairScheduler({ slots: 1, perUser: 1 });
    await expect(
      sched.run('a', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(sched.run('a', async () => 42)).resolves.toBe(42);
    expect(sched.running).toBe(0);
  });
});
