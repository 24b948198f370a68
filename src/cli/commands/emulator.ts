// Usage: calsync emulator [--port <n>] [--rate-limit <n|off>] [--latency <ms>] [--team <id>]... [--team-member <key>]...
// The bundled Cal.com API emulator on loopback, for trying calsync without an account.
import { EXIT, UsageError } from '../io.js';

export interface EmulatorOptions {
  port: string;
  rateLimit?: string;
  latency?: string;
  team: string[];
  teamMember: string[];
}

export async function emulatorAction(opts: EmulatorOptions): Promise<number> {
  const { parseEmulatorArgs, runEmulatorCli } = await import('../../sandbox/main.js');
  const argv = [
    '--port',
    opts.port,
    ...(opts.rateLimit ? ['--rate-limit', opts.rateLimit] : []),
    ...(opts.latency ? ['--latency', opts.latency] : []),
    ...opts.team.flatMap((t) => ['--team', t]),
    ...opts.teamMember.flatMap((k) => ['--team-member', k]),
  ];
  try {
    parseEmulatorArgs(argv);
  } catch (err) {
    throw new UsageError((err as Error).message, { cause: err });
  }
  await runEmulatorCli(argv);
  return EXIT.ok;
}
