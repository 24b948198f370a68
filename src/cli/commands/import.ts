// Usage: calsync import [--json]
// Imports the target's Cal.com event types into the catalogue (SPEC §4 "Import"); linked services are never touched.
import { withContext, type Cli } from '../context.js';
import { EXIT } from '../io.js';
import { importText, toJson } from '../render.js';

export async function importAction({ env, out }: Cli, opts: { json?: boolean }): Promise<number> {
  return withContext(env, async (ctx) => {
    const plan = await ctx.useCases.importFromCalcom();
    out.stdout(opts.json ? toJson(plan) : importText(plan));
    return EXIT.ok;
  });
}
