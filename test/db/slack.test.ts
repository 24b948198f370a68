// Slack receipts: a key is first once, and pruning drops receipts older than a day by the database's clock,
// which stamped them, whatever this host's clock says.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { createSlackMemory, type SlackMemory } from '../../src/db/slack.js';
import { backends } from '../support/servers.js';

describe.each(backends.filter((b) => b.enabled))('Slack receipts on $name', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(() => db?.close());
  afterEach(() => vi.useRealTimers());

  const receivedAgo = (key: string, hours: number) =>
    db.prisma.$executeRaw`UPDATE slack_receipts SET received_at = now() - make_interval(hours => ${hours}::int) WHERE key = ${key}`;
  const keys = async () => (await db.prisma.slackReceipt.findMany({ orderBy: { key: 'asc' } })).map((r) => r.key);

  it('is first once per key', async () => {
    const memory = createSlackMemory(db.prisma);
    expect(await memory.firstReceipt('ev:once')).toBe(true);
    expect(await memory.firstReceipt('ev:once')).toBe(false);
  });

  const received = async (memory: SlackMemory) => {
    await db.prisma.slackReceipt.deleteMany();
    for (const key of ['ev:fresh', 'ev:day-old', 'ev:old']) await memory.firstReceipt(key);
    await receivedAgo('ev:day-old', 23);
    await receivedAgo('ev:old', 25);
  };

  it('prunes the receipts older than a day', async () => {
    const memory = createSlackMemory(db.prisma);
    await received(memory);
    await memory.prune();
    expect(await keys()).toEqual(['ev:day-old', 'ev:fresh']);
  });

  // PGlite runs in this process and reads the same Date, so only a server's clock can differ from the host's.
  it.skipIf(backend.name === 'PGlite').each([
    ['runs two days ahead', 48],
    ['runs two days behind', -48],
  ])("prunes by the database's clock when this host's clock %s", async (_name, skewHours) => {
    const memory = createSlackMemory(db.prisma);
    await received(memory);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + skewHours * 3600_000);

    await memory.prune();
    expect(await keys()).toEqual(['ev:day-old', 'ev:fresh']);
  });
});
