// Usage: calsync status <id> [--json]
// The sync state of one service and its latest runs (SPEC §7); exit 1 when the id is not in the catalogue.
import { withContext, type Cli } from '../context.js';
import { EXIT, parseServiceId } from '../io.js';
import { serviceRow, statusText, toJson } from '../render.js';

export async function statusAction({ env, out }: Cli, raw: string, opts: { json?: boolean }): Promise<number> {
  const id = parseServiceId(raw);
  return withContext(
    env,
    async (ctx) => {
      const found = await ctx.useCases.status(id);
      if (!found) {
        out.stderr(`service ${id} is not in the catalogue`);
        return EXIT.failed;
      }
      const { service, runs } = found;
      out.stdout(opts.json ? toJson({ ...serviceRow(service), runs }) : statusText(service, runs));
      return EXIT.ok;
    },
    { calcom: false },
  );
}
