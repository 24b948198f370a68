// Usage: calsync sync <ids...> | --failed | --all [--json] [--dry-run] [--move]
// Syncs services through the engine (a bulk run, SPEC §7), or with --dry-run prints the plan a sync would
// carry out, from one read of Cal.com, writing nothing.
import type { Context } from '../../app/context.js';
import { runBulk } from '../../sync/bulk.js';
import { checkTeamTarget } from '../../sync/team-check.js';
import type { SyncResult } from '../../sync/types.js';
import { withContext, type Cli, type Out } from '../context.js';
import { EXIT, parseServiceId, UsageError } from '../io.js';
import { planJson, planText, resultJson, resultLine, toJson } from '../render.js';

export interface SyncOptions {
  failed?: boolean;
  all?: boolean;
  json?: boolean;
  dryRun?: boolean;
  move?: boolean;
}

export async function syncAction({ env, out }: Cli, raw: string[], opts: SyncOptions): Promise<number> {
  const modes = [raw.length > 0, !!opts.failed, !!opts.all].filter(Boolean).length;
  if (modes !== 1) throw new UsageError('give service ids, --failed or --all (one of them)');
  const given = [...new Set(raw.map(parseServiceId))];
  return withContext(env, async (ctx) => {
    const ids = opts.all ? await ctx.store.serviceIds() : opts.failed ? await ctx.store.serviceIds({ status: 'error' }) : given;
    if (ids.length === 0) {
      out.stderr(opts.failed ? 'no services are in error' : 'the catalogue is empty');
      if (opts.json) out.stdout('[]');
      return EXIT.ok;
    }
    if (opts.dryRun) return dryRun(ctx, ids, !!opts.json, out);
    return sync(ctx, ids, { json: !!opts.json, move: !!opts.move, requestedBy: env.USER ?? 'cli' }, out);
  });
}

async function sync(ctx: Context, ids: number[], opts: { json: boolean; move: boolean; requestedBy: string }, out: Out): Promise<number> {
  const { json, move } = opts;
  const { engine, calcom } = ctx.requireEngine();
  await checkTeamTarget(calcom); // a member's key or a Cal.com without teams: one clear line, not one per service
  const { default: cliProgress } = await import('cli-progress');
  const bar =
    !json && out.isTTY && ids.length > 1
      ? new cliProgress.SingleBar(
          { format: 'syncing [{bar}] {value}/{total} {eta_formatted} left', stream: process.stderr },
          cliProgress.Presets.shades_classic,
        )
      : null;
  bar?.start(ids.length, 0);
  const { results } = await runBulk(
    engine,
    ids,
    { trigger: 'cli', requestedBy: opts.requestedBy, ...(move ? { move } : {}) },
    {
      onResult: (r, p) => {
        bar?.update(p.done);
        if (!json && !bar) out.stdout(resultLine(r));
      },
    },
  );
  bar?.stop();
  if (json) out.stdout(toJson(results.map(resultJson)));
  else if (bar) for (const r of results) out.stdout(resultLine(r));
  return results.every((r: SyncResult) => r.kind !== 'failed' && r.kind !== 'unknown' && r.kind !== 'busy') ? EXIT.ok : EXIT.failed;
}

/** `sync --dry-run`: the plan a sync would carry out; nothing written. */
async function dryRun(ctx: Context, ids: number[], json: boolean, out: Out): Promise<number> {
  const { preview, missing } = await ctx.useCases.preview(ids);
  for (const id of missing) out.stderr(`service ${id} is not in the catalogue`);
  out.stdout(json ? toJson(planJson(preview)) : planText(preview));
  return preview.unreadable || missing.length ? EXIT.failed : EXIT.ok;
}
