// What every CLI command shares: where it prints, and the context it opens for one action and closes after.
import type { Context, ContextOptions } from '../app/context.js';
import { loadConfig } from '../config.js';

export type Out = { stdout: (s: string) => void; stderr: (s: string) => void; isTTY: boolean };

/** What a command runs with: the environment it was started with, and where it prints. */
export interface Cli {
  env: NodeJS.ProcessEnv;
  out: Out;
}

type Action = (ctx: Context) => Promise<number>;

export async function withContext(env: NodeJS.ProcessEnv, fn: Action, opts: ContextOptions = {}): Promise<number> {
  // A terminal command speaks through its output; routine info logs would only be noise there.
  const config = loadConfig({ LOG_LEVEL: 'warn', ...env });
  const { createContext } = await import('../app/context.js');
  const ctx = await createContext(config, opts);
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}
