// The `calsync` command (SPEC §7): only wiring. Each subcommand lives in commands/, opens the context it
// needs, does one thing, and returns an exit code; main() maps errors to codes so cron and scripts can rely
// on them. A subcommand's module is loaded when it runs: a cold `calsync status` should cost little more
// than opening the database (SPEC §10), not loading Bolt, the emulator or the Cal.com client.
import { Command, CommanderError } from 'commander';
import { CalcomError, RedisError } from '../calcom/errors.js';
import { ImportError } from '../catalogue/errors.js';
import { ConfigError } from '../config.js';
import { DatabaseError } from '../db/errors.js';
import { SlackStartError } from '../slack/start-error.js';
import { TeamTargetError } from '../sync/team-check.js';
import type { Cli, Out } from './context.js';
import { EXIT, UsageError } from './io.js';
import { safeOut } from './render.js';

const defaultOut: Out = {
  stdout: (s) => process.stdout.write(`${s}\n`),
  stderr: (s) => process.stderr.write(`${s}\n`),
  isTTY: Boolean(process.stderr.isTTY),
};

/** Repeatable options (`--team 1 --team 2`). */
const many = (v: string, all: string[]) => [...all, v];

function buildProgram(env: NodeJS.ProcessEnv = process.env, terminal: Out = defaultOut, setExit: (code: number) => void = () => {}) {
  const out = safeOut(terminal);
  const cli: Cli = { env, out };
  const program = new Command('calsync')
    .description('Keep a service catalogue in sync with Cal.com event types')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.stdout(s.trimEnd()), writeErr: (s) => out.stderr(s.trimEnd()) });
  const run =
    <A extends unknown[]>(fn: (...args: A) => Promise<number>) =>
    async (...args: A) =>
      setExit(await fn(...args));

  program
    .command('serve')
    .description('run the Slack app (HTTP mode, or Socket Mode with SLACK_APP_TOKEN)')
    .action(run(async () => (await import('./commands/serve.js')).serve(env)));

  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(run(async () => (await import('./commands/migrate.js')).migrateAction(cli)));

  const services = program.command('services').description('the service catalogue');
  services
    .command('import')
    .argument('<file>', 'JSON array or CSV with the services table column names')
    .description('upsert services by id')
    .action(run(async (file: string) => (await import('./commands/services.js')).importServicesAction(cli, file)));
  services
    .command('list')
    .description('list services')
    .option('--status <status>', 'pending, synced, error or unknown')
    .option('--json', 'print JSON rows')
    .action(run(async (opts) => (await import('./commands/services.js')).listServicesAction(cli, opts)));

  program
    .command('sync')
    .description('sync services to Cal.com')
    .argument('[ids...]', 'service ids')
    .option('--failed', 'every service in error')
    .option('--all', 'the whole catalogue')
    .option('--json', 'print one JSON result per service')
    .option('--dry-run', 'print the plan (what would be sent) and write nothing')
    .option(
      '--move',
      'a service linked to an event type of another target (personal ↔ CALCOM_TEAM_ID): create its own on the target and relink; the old one is left as it is',
    )
    .action(run(async (raw: string[], opts) => (await import('./commands/sync.js')).syncAction(cli, raw, opts)));

  program
    .command('import')
    .description('import Cal.com event types into the catalogue (never overwrites linked services)')
    .option('--json', 'print the plan as JSON')
    .action(run(async (opts) => (await import('./commands/import.js')).importAction(cli, opts)));

  program
    .command('digest')
    .description('post the sync-status digest now, or print it')
    .option('--print', 'print it instead of posting')
    .option('--channel <id>', 'Slack channel (default DIGEST_CHANNEL)')
    .action(run(async (opts) => (await import('./commands/digest.js')).digestAction(cli, opts)));

  program
    .command('status')
    .argument('<id>', 'service id')
    .description('sync state of one service')
    .option('--json', 'print JSON')
    .action(run(async (raw: string, opts) => (await import('./commands/status.js')).statusAction(cli, raw, opts)));

  program
    .command('emulator')
    .description('run the bundled Cal.com API emulator on loopback')
    .option('--port <n>', 'port', '5555')
    .option('--rate-limit <n>', 'requests per minute per key, or off')
    .option('--latency <ms>', 'added latency per response')
    .option('--team <id>', "serve team ID's event types; every key is its admin (repeatable)", many, [] as string[])
    .option('--team-member <key>', 'this key is a plain member of the teams (403 on team routes)', many, [] as string[])
    .action(run(async (opts) => (await import('./commands/emulator.js')).emulatorAction(opts)));

  program
    .command('demo')
    .description('an offline tour: emulator, Slack fake, sample catalogue and the real app')
    .option('--locale <en|de>', 'language of the Slack texts')
    .option('--socket', 'connect the app over Socket Mode (to a Socket Mode fake) instead of HTTP')
    .option('--team', "sync to a team's event types (CALCOM_TEAM_ID, round robin) instead of personal ones")
    .action(run(async (opts) => (await import('./commands/demo.js')).demoAction(cli, opts)));

  return program;
}

/** Runs the CLI and returns the exit code; every expected failure is one clear line on stderr. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, terminal: Out = defaultOut): Promise<number> {
  const out = safeOut(terminal);
  let code: number = EXIT.ok;
  const program = buildProgram(env, out, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (err instanceof UsageError || err instanceof ConfigError) {
      out.stderr(`calsync: ${err.message}`);
      return EXIT.usage;
    }
    if (err instanceof ImportError) {
      out.stderr(`calsync: nothing was imported; fix these rows and try again:\n${err.problems.map((p) => `  ${p}`).join('\n')}`);
      return EXIT.usage;
    }
    // A Redis that does not answer is a neighbour failing (`calsync import` reads Cal.com through the limiter), not a bug.
    // So is Cal.com refusing a read a command needs (`calsync import` with a member's key on a team, say).
    if (
      err instanceof DatabaseError ||
      err instanceof SlackStartError ||
      err instanceof RedisError ||
      err instanceof TeamTargetError ||
      err instanceof CalcomError
    ) {
      out.stderr(`calsync: ${err.message}`);
      return EXIT.failed;
    }
    out.stderr(`calsync: unexpected error: ${(err as Error)?.stack ?? String(err)}`);
    return EXIT.failed;
  }
}
