// The urgent lane in front of PGlite (db/lanes.ts): the job row a Slack ack waits for goes ahead of
// background statements already queued, instead of behind them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createJobs } from '../../src/db/jobs.js';
import { Gate } from '../../src/db/lanes.js';
import { freshPostgres, NEEDS_POSTGRES, POSTGRES_URL } from '../support/servers.js';

describe('Gate', () => {
  it('runs one at a time; when the holder leaves, waiting urgent work goes first, each lane in order', async () => {
    const gate = new Gate();
    const order: string[] = [];
    let release!: () => void;
    const holder = gate.run('background', () => new Promise<void>((r) => (release = r)).then(() => void order.push('holder')));
    await new Promise((r) => setImmediate(r)); // background work enters after a turn of the event loop
    const waiting = [
      gate.run('background', async () => void order.push('b1')),
      gate.run('urgent', async () => void order.push('u1')),
      gate.run('background', async () => void order.push('b2')),
      gate.run('urgent', async () => void order.push('u2')),
    ];
    await new Promise((r) => setImmediate(r)); // background work enters after a turn of the event loop
    expect(gate.waiting).toBe(4);
    release();
    await Promise.all([holder, ...waiting]);
    expect(order).toEqual(['holder', 'u1', 'u2', 'b1', 'b2']);
    expect(gate.waiting).toBe(0);
  });

  it('passes on after a failure', async () => {
    const gate = new Gate();
    await expect(
      gate.run('background', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await gate.run('urgent', async () => 'next')).toBe('next');
  });
});

describe('the job row before an ack, on PGlite', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
    await db.prisma.service.create({ data: { id: 1, name: 'Schnitt', durationMinutes: 30 } });
  });
  afterAll(() => db?.close());

  it('is written ahead of a backlog of background statements; without the lane it waits behind them', async () => {
    const BACKLOG = 200;
    let done = 0;
    const backlog = () =>
      Array.from({ length: BACKLOG }, (_, i) =>
        db.prisma.service.update({ where: { id: 1 }, data: { syncAttempts: i } }).then(() => void done++),
      );

    const first = backlog();
    const jobs = createJobs(db.prisma, 'host:1:test', db.urgent);
    await jobs.enqueue('cmd:urgent', 'sync', { user: 'U1', channel: 'C1', ids: [1] });
    const doneAtUrgent = done;
    await Promise.all(first);

    done = 0;
    const second = backlog();
    await createJobs(db.prisma, 'host:1:test').enqueue('cmd:plain', 'sync', { user: 'U1', channel: 'C1', ids: [1] });
    const doneAtPlain = done;
    await Promise.all(second);

    expect(doneAtUrgent).toBeLessThan(5);
    expect(doneAtPlain).toBeGreaterThan(BACKLOG / 2);
  });
});

describe.skipIf(!POSTGRES_URL)(`the job row before an ack, on ${NEEDS_POSTGRES}`, () => {
  let db: Database;
  let server: Awaited<ReturnType<typeof freshPostgres>>;
  beforeAll(async () => {
    server = await freshPostgres();
    db = await openDatabase({ url: server.url, dataDir: 'unused' });
  });
  afterAll(async () => {
    await db?.close();
    await server?.drop();
  });

  it('is written while background work holds every pooled connection', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let holding = 0;
    let allHolding!: () => void;
    const taken = new Promise<void>((r) => (allHolding = r));
    // pg's default pool has 10 connections: take them all, each in an open transaction.
    const held = Array.from({ length: 10 }, () =>
      db.prisma.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1`;
          if (++holding === 10) allHolding();
          await released;
        },
        { maxWait: 20_000, timeout: 20_000 },
      ),
    );
    await taken;
    const job = await createJobs(db.prisma, 'host:1:test', db.urgent).enqueue('cmd:urgent-pg', 'sync', {
      user: 'U1',
      channel: 'C1',
      ids: [1],
    });
    expect(job?.id).toBeGreaterThan(0);
    release();
    await Promise.all(held);
  });
});
