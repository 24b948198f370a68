// The calsync command run in-process, its output captured: what a user would see on stdout and stderr
// (not a terminal, so no progress bars), and the exit status.
import { main } from '../../src/cli/program.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, env, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
