// Small output helpers for the CLI: exit codes (SPEC §7: 0 ok, 1 a sync failed, 2 bad usage or
// configuration) and plain tables.

import { isServiceId, MAX_SERVICE_ID } from '../sync/ids.js';
import { formatUtc } from '../sync/text.js';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A usage mistake: the message is printed and the process exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function table(rows: (string | number | null | undefined)[][], header: string[]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (c == null ? '' : String(c))))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** Parses a service id as typed by a person: a whole number from 1 to 2^31-1. */
export function parseServiceId(text: string): number {
  if (!/^\d{1,10}$/.test(text)) throw new UsageError(`"${text.slice(0, 40)}" is not a service id (a whole number such as 85)`);
  const id = Number(text);
  if (!isServiceId(id)) throw new UsageError(`service id ${text} is out of range (1 to ${MAX_SERVICE_ID})`);
  return id;
}

/** `2026-11-24 09:00:59 UTC`: a terminal shows the second. */
export const formatDate = (d: Date | null): string => formatUtc(d, '—', 'second');
