// The calsync command run in-process, its output captured: what a user would see on stdout and stderr
// (not a terminal, so no progress bars), and the exit status.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { main } from '../../src/cli/program.js';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/sandbox/emulator.js';

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

export interface CliSandbox {
  em: Emulator;
  /** Points the CLI at `em` and at the embedded database in the file's directory. */
  env: NodeJS.ProcessEnv;
}

/**
 * The setup the CLI test files share: the Cal.com emulator (not rate-limited unless `emulator` says so) and the
 * embedded database in `dir`. Started before the file's tests and handed to `ready`; closed, and `dir` removed,
 * after them.
 */
export function withCliSandbox(
  dir: string,
  options: { key: string; emulator?: EmulatorOptions; env?: NodeJS.ProcessEnv },
  ready: (sandbox: CliSandbox) => void | Promise<void>,
): void {
  let em: Emulator | undefined;
  beforeAll(async () => {
    em = await startEmulator({ rateLimitPerMinute: false, ...options.emulator });
    const env = {
      CALCOM_API_KEY: options.key,
      CALCOM_API_URL: em.url,
      CALSYNC_DATA_DIR: join(dir, 'data'),
      CALCOM_RATE_LIMIT: '6000',
      ...options.env,
    };
    await ready({ em, env });
  });
  afterAll(async () => {
    await em?.close();
    rmSync(dir, { recursive: true, force: true });
  });
}
