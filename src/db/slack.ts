// What the Slack adapter remembers between requests: receipts (exactly-once handling of redeliveries and
// double clicks, across replicas) and which messages it posted for what.
import type { Prisma } from './database.js';

export type PostedKind = 'service' | 'bulk' | 'digest';

export interface SlackMemory {
  /** True the first time `key` is seen, false for every repeat, whichever replica saw it first. */
  firstReceipt(key: string): Promise<boolean>;
  remember(channel: string, ts: string, kind: PostedKind, serviceId?: number): Promise<void>;
  lookup(channel: string, ts: string): Promise<{ kind: PostedKind; serviceId: number | null } | null>;
  /** Drops receipts older than a day: Slack redelivers within minutes, never after hours. */
  prune(): Promise<void>;
}

export function createSlackMemory(prisma: Prisma): SlackMemory {
  return {
    async firstReceipt(key) {
      const inserted = await prisma.$executeRaw`INSERT INTO slack_receipts (key) VALUES (${key}) ON CONFLICT (key) DO NOTHING`;
      return inserted === 1;
    },
    async remember(channel, ts, kind, serviceId) {
      await prisma.slackMessage.upsert({ where: { channel_ts: { channel, ts } }, create: { channel, ts, kind, serviceId }, update: {} });
    },
    async lookup(channel, ts) {
      const row = await prisma.slackMessage.findUnique({ where: { channel_ts: { channel, ts } } });
      return row ? { kind: row.kind as PostedKind, serviceId: row.serviceId } : null;
    },
    async prune() {
      // The database stamped each receipt, so its clock decides their age: this host's may differ.
      await prisma.$executeRaw`DELETE FROM slack_receipts WHERE received_at < now() - interval '1 day'`;
    },
  };
}
