// Usage: calsync migrate
// Applies pending database migrations (opening the database does it) and says which.
import { withContext, type Cli } from '../context.js';
import { EXIT } from '../io.js';

export async function migrateAction({ env, out }: Cli): Promise<number> {
  return withContext(
    env,
    async (ctx) => {
      out.stdout(ctx.db.applied.length ? `applied: ${ctx.db.applied.join(', ')}` : 'database is up to date');
      return EXIT.ok;
    },
    { calcom: false },
  );
}
