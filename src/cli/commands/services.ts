// Usage: calsync services import <file> | calsync services list [--status <s>] [--json]
// The catalogue itself (SPEC §6, §7): upsert services from a JSON or CSV file, and list them.
import { readFile } from 'node:fs/promises';
import type { SyncStatus } from '../../sync/types.js';
import { withContext, type Cli } from '../context.js';
import { EXIT, UsageError } from '../io.js';
import { importProgress, serviceRow, servicesTable, toJson } from '../render.js';

export async function importServicesAction({ env, out }: Cli, file: string): Promise<number> {
  const bytes = await readFile(file).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${err.code ?? err.message}`, { cause: err });
  });
  const { parseCatalogue } = await import('../../catalogue/parse.js');
  const progress = importProgress(out.isTTY);
  const rows = parseCatalogue(bytes, file, progress?.checking);
  return withContext(
    env,
    async (ctx) => {
      const { created, updated } = await ctx.store.importRows(rows, progress?.writing);
      out.stdout(`imported ${rows.length} service${rows.length === 1 ? '' : 's'} from ${file}: ${created} new, ${updated} updated`);
      return EXIT.ok;
    },
    { calcom: false },
  );
}

export async function listServicesAction({ env, out }: Cli, opts: { status?: string; json?: boolean }): Promise<number> {
  if (opts.status && !['pending', 'synced', 'error', 'unknown'].includes(opts.status))
    throw new UsageError(`--status must be pending, synced, error or unknown`);
  return withContext(
    env,
    async (ctx) => {
      const list = await ctx.store.listServices({ status: opts.status as SyncStatus | undefined });
      out.stdout(opts.json ? toJson(list.map(serviceRow)) : list.length ? servicesTable(list) : 'no services');
      return EXIT.ok;
    },
    { calcom: false },
  );
}
