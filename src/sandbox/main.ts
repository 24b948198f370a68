// `calsync emulator`: runs the Cal.com emulator in the foreground until SIGINT/SIGTERM. The project's
// CLI owns the command; this only turns its arguments into EmulatorOptions.
import { type EmulatorOptions, startEmulator } from './emulator.js';

function whole(flag: string, raw: string | undefined, min: number): number {
  const n = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isInteger(n) || n < min) {
    throw new Error(`${flag} must be a whole number >= ${min}`);
  }
  return n;
}

/**
 * `--port N` (default 5555), `--rate-limit N|off`, `--latency MS`; `--flag=value` works too. `--team ID`
 * (repeatable) makes every key an admin of team ID, except the keys given with `--team-member KEY`.
 */
export function parseEmulatorArgs(argv: readonly string[]): EmulatorOptions {
  const opts: EmulatorOptions = { port: 5555 };
  const teams: number[] = [];
  const members: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (flag === '--port') opts.port = whole(flag, value, 0);
    else if (flag === '--rate-limit') opts.rateLimitPerMinute = value === 'off' ? false : whole(flag, value, 1);
    else if (flag === '--latency') opts.latencyMs = whole(flag, value, 0);
    else if (flag === '--team') teams.push(whole(flag, value, 1));
    else if (flag === '--team-member') members.push(value ?? '');
    else throw new Error(`unknown option ${flag} (expected --port, --rate-limit, --latency, --team, --team-member)`);
  }
  if (members.length > 0 && teams.length === 0) throw new Error('--team-member needs --team');
  if (teams.length > 0)
    opts.teams = Object.fromEntries(
      teams.map((id) => [id, { '*': 'ADMIN' as const, ...Object.fromEntries(members.map((k) => [k, 'MEMBER' as const])) }]),
    );
  return opts;
}

/** Resolves once the emulator has been shut down cleanly by a signal. */
export async function runEmulatorCli(argv: string[]): Promise<void> {
  const emulator = await startEmulator(parseEmulatorArgs(argv));
  process.stdout.write(`Cal.com emulator listening on ${emulator.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      emulator.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
