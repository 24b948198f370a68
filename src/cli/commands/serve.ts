// Usage: calsync serve
// `calsync serve` / `npm start`: the Slack app until SIGINT or SIGTERM, then a clean stop (in-flight
// syncs finish their current request; nothing is left half-written because each write is one statement).
import { createContext } from '../../app/context.js';
import { serveSlack } from '../../app/serve.js';
import { loadConfig } from '../../config.js';
import { checkTeamTarget } from '../../sync/team-check.js';

export async function serve(env: NodeJS.ProcessEnv): Promise<number> {
  // The CLI beside the app uses the app's embedded database through the socket it serves.
  const ctx = await createContext(loadConfig(env), { shareDatabase: true });
  let server: Awaited<ReturnType<typeof serveSlack>>;
  try {
    if (ctx.calcom) await checkTeamTarget(ctx.calcom);
    server = await serveSlack(ctx);
  } catch (err) {
    await ctx.close();
    throw err;
  }
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      ctx.logger.info({ signal }, 'stopping');
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.stop();
  await ctx.close();
  return 0;
}
