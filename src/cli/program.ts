// The `calsync` command (SPEC §7). Each action opens the context it needs, does one thing, and returns an
// exit code; main() maps errors to codes so cron and scripts can rely on them.
// Modules are loaded by the commands that use them: a cold `calsync status` should cost little more than
// opening the database (SPEC §10), not loading Bolt, the emulator or the Cal.com client.
import { readFile } from 'node:fs/promises';
import { Command, CommanderError } from 'commander';
import type { Context, ContextOptions } from '../app/context.js';
import { CalcomError, RedisError } from '../calcom/errors.js';
import { ImportError } from '../catalogue/errors.js';
import { ConfigError, loadConfig } from '../config.js';
import { DatabaseError } from '../db/errors.js';
import { SlackStartError } from '../slack/start-error.js';
import type { SyncResult, SyncStatus } from '../sync/types.js';
import { EXIT, parseServiceId, UsageError } from './io.js';
import { importProgress, importText, planJson, planText, resultJson, resultLine, safeOut, serviceRow, servicesTable, statusText, toJson } from './render.js';
import { checkTeamTarget, TeamTargetError } from '../sync/team-check.js';

type Out = { stdout: (s: string) => void; stderr: (s: string) => void; isTTY: boolean };

const defaultOut: Out = {
  stdout: (s) => process.stdout.write(s + '\n'),
  stderr: (s) => process.stderr.write(s + '\n'),
  isTTY: Boolean(process.stderr.isTTY),
};

async function withContext(env: NodeJS.ProcessEnv, fn: (ctx: Context) => Promise<number>, opts: ContextOptions = {}): Promise<number> {
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

async function syncCommand(ctx: Context, ids: number[], json: boolean, out: Out, move = false): Promise<number> {
  const { engine, calcom } = ctx.requireEngine();
  await checkTeamTarget(calcom); // a member's key or a Cal.com without teams: one clear line, not one per service
  const [{ default: cliProgress }, { runBulk }] = await Promise.all([import('cli-progress'), import('../sync/bulk.js')]);
  const bar = !json && out.isTTY && ids.length > 1 ? new cliProgress.SingleBar({ format: 'syncing [{bar}] {value}/{total} {eta_formatted} left', stream: process.stderr }, cliProgress.Presets.shades_classic) : null;
  bar?.start(ids.length, 0);
  const { results } = await runBulk(engine, ids, { trigger: 'cli', requestedBy: process.env.USER ?? 'cli', ...(move ? { move } : {}) }, {
    onResult: (r, p) => {
      bar?.update(p.done);
      if (!json && !bar) out.stdout(resultLine(r));
    },
  });
  bar?.stop();
  if (json) out.stdout(toJson(results.map(resultJson)));
  else if (bar) for (const r of results) out.stdout(resultLine(r));
  return results.every((r: SyncResult) => r.kind !== 'failed' && r.kind !== 'unknown' && r.kind !== 'busy') ? EXIT.ok : EXIT.failed;
}

/** `sync --dry-run`: the plan a sync would carry out, from one read of Cal.com; nothing written. */
async function dryRun(ctx: Context, ids: number[], json: boolean, out: Out): Promise<number> {
  const { preview, missing } = await ctx.useCases.preview(ids);
  for (const id of missing) out.stderr(`service ${id} is not in the catalogue`);
  out.stdout(json ? toJson(planJson(preview)) : planText(preview));
  return preview.unreadable || missing.length ? EXIT.failed : EXIT.ok;
}

export function buildProgram(env: NodeJS.ProcessEnv = process.env, terminal: Out = defaultOut, setExit: (code: number) => void = () => {}) {
  const out = safeOut(terminal);
  const program = new Command('calsync')
    .description('Keep a service catalogue in sync with Cal.com event types')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.stdout(s.trimEnd()), writeErr: (s) => out.stderr(s.trimEnd()) });
  const run = (fn: (...args: any[]) => Promise<number>) => async (...args: any[]) => setExit(await fn(...args));

  program.command('serve').description('run the Slack app (HTTP mode, or Socket Mode with SLACK_APP_TOKEN)').action(run(async () => {
    const { serve } = await import('./serve.js');
    return serve(env);
  }));

  program.command('migrate').description('apply pending database migrations').action(run(async () =>
    withContext(env, async (ctx) => {
      out.stdout(ctx.db.applied.length ? `applied: ${ctx.db.applied.join(', ')}` : 'database is up to date');
      return EXIT.ok;
    }, { calcom: false })));

  const services = program.command('services').description('the service catalogue');
  services.command('import').argument('<file>', 'JSON array or CSV with the services table column names').description('upsert services by id').action(run(async (file: string) => {
    const bytes = await readFile(file).catch((err: NodeJS.ErrnoException) => { throw new UsageError(`cannot read ${file}: ${err.code ?? err.message}`); });
    const { parseCatalogue } = await import('../catalogue/parse.js');
    const progress = importProgress(out.isTTY);
    const rows = parseCatalogue(bytes, file, progress?.checking);
    return withContext(env, async (ctx) => {
      const { created, updated } = await ctx.store.importRows(rows, progress?.writing);
      out.stdout(`imported ${rows.length} service${rows.length === 1 ? '' : 's'} from ${file}: ${created} new, ${updated} updated`);
      return EXIT.ok;
    }, { calcom: false });
  }));
  services.command('list').description('list services').option('--status <status>', 'pending, synced, error or unknown').option('--json', 'print JSON rows').action(run(async (opts: { status?: string; json?: boolean }) => {
    if (opts.status && !['pending', 'synced', 'error', 'unknown'].includes(opts.status)) throw new UsageError(`--status must be pending, synced, error or unknown`);
    return withContext(env, async (ctx) => {
      const list = await ctx.store.listServices({ status: opts.status as SyncStatus | undefined });
      out.stdout(opts.json ? toJson(list.map(serviceRow)) : list.length ? servicesTable(list) : 'no services');
      return EXIT.ok;
    }, { calcom: false });
  }));

  program.command('sync').description('sync services to Cal.com').argument('[ids...]', 'service ids').option('--failed', 'every service in error').option('--all', 'the whole catalogue').option('--json', 'print one JSON result per service')
    .option('--dry-run', 'print the plan (what would be sent) and write nothing')
    .option('--move', 'a service linked to an event type of another target (personal ↔ CALCOM_TEAM_ID): create its own on the target and relink; the old one is left as it is')
    .action(run(async (raw: string[], opts: { failed?: boolean; all?: boolean; json?: boolean; dryRun?: boolean; move?: boolean }) => {
      const modes = [raw.length > 0, !!opts.failed, !!opts.all].filter(Boolean).length;
      if (modes !== 1) throw new UsageError('give service ids, --failed or --all (one of them)');
      const given = [...new Set(raw.map(parseServiceId))];
      return withContext(env, async (ctx) => {
        const ids = opts.all ? await ctx.store.serviceIds() : opts.failed ? await ctx.store.serviceIds({ status: 'error' }) : given;
        if (ids.length === 0) {
          out.stderr(opts.failed ? 'no services are in error' : 'the catalogue is empty');
          if (opts.json) out.stdout('[]');
          return EXIT.ok;
        }
        if (opts.dryRun) return dryRun(ctx, ids, !!opts.json, out);
        return syncCommand(ctx, ids, !!opts.json, out, !!opts.move);
      });
    }));

  program.command('import').description('import Cal.com event types into the catalogue (never overwrites linked services)').option('--json', 'print the plan as JSON').action(run(async (opts: { json?: boolean }) =>
    withContext(env, async (ctx) => {
      const plan = await ctx.useCases.importFromCalcom();
      out.stdout(opts.json ? toJson(plan) : importText(plan));
      return EXIT.ok;
    })));

  program.command('digest').description('post the sync-status digest now, or print it').option('--print', 'print it instead of posting').option('--channel <id>', 'Slack channel (default DIGEST_CHANNEL)')
    .action(run(async (opts: { print?: boolean; channel?: string }) =>
      withContext(env, async (ctx) => {
        const channel = opts.channel ?? ctx.config.digest.channel;
        if (opts.print) {
          out.stdout(await ctx.useCases.printDigest(channel));
          return EXIT.ok;
        }
        if (!channel) throw new UsageError('give --channel or set DIGEST_CHANNEL (or use --print)');
        const { postDigestNow } = await import('../slack/digest.js');
        const { config, logger, memory, useCases } = ctx;
        const ts = await postDigestNow({ slack: config.slack, locale: config.locale, logger, memory, postDigest: useCases.postDigest }, channel);
        out.stdout(`digest posted to ${channel} (ts ${ts})`);
        return EXIT.ok;
      })));

  program.command('status').argument('<id>', 'service id').description('sync state of one service').option('--json', 'print JSON').action(run(async (raw: string, opts: { json?: boolean }) => {
    const id = parseServiceId(raw);
    return withContext(env, async (ctx) => {
      const found = await ctx.useCases.status(id);
      if (!found) {
        out.stderr(`service ${id} is not in the catalogue`);
        return EXIT.failed;
      }
      const { service, runs } = found;
      out.stdout(opts.json ? toJson({ ...serviceRow(service), runs }) : statusText(service, runs));
      return EXIT.ok;
    }, { calcom: false });
  }));

  program.command('emulator').description('run the bundled Cal.com API emulator on loopback').option('--port <n>', 'port', '5555').option('--rate-limit <n>', 'requests per minute per key, or off').option('--latency <ms>', 'added latency per response')
    .option('--team <id>', 'serve team ID\'s event types; every key is its admin (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--team-member <key>', 'this key is a plain member of the teams (403 on team routes)', (v: string, all: string[]) => [...all, v], [] as string[])
    .action(run(async (opts: { port: string; rateLimit?: string; latency?: string; team: string[]; teamMember: string[] }) => {
      const { parseEmulatorArgs, runEmulatorCli } = await import('../sandbox/main.js');
      const argv = ['--port', opts.port, ...(opts.rateLimit ? ['--rate-limit', opts.rateLimit] : []), ...(opts.latency ? ['--latency', opts.latency] : []),
        ...opts.team.flatMap((t) => ['--team', t]), ...opts.teamMember.flatMap((k) => ['--team-member', k])];
      try {
        parseEmulatorArgs(argv);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      await runEmulatorCli(argv);
      return EXIT.ok;
    }));

  program.command('demo').description('an offline tour: emulator, Slack fake, sample catalogue and the real app').option('--locale <en|de>', 'language of the Slack texts').option('--socket', 'connect the app over Socket Mode (to a Socket Mode fake) instead of HTTP')
    .option('--team', 'sync to a team\'s event types (CALCOM_TEAM_ID, round robin) instead of personal ones')
    .action(run(async (opts: { locale?: string; socket?: boolean; team?: boolean }) => {
    if (opts.locale && !['en', 'de'].includes(opts.locale)) throw new UsageError('--locale must be en or de');
    const { runDemo } = await import('../sandbox/demo.js');
    return runDemo({ locale: (opts.locale ?? env.CALSYNC_LOCALE ?? 'en') as 'en' | 'de', socket: !!opts.socket, team: !!opts.team, out: out.stdout });
  }));

  return program;
}

/** Runs the CLI and returns the exit code; every expected failure is one clear line on stderr. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, terminal: Out = defaultOut): Promise<number> {
  const out = safeOut(terminal);
  let code: number = EXIT.ok;
  const program = buildProgram(env, out, (c) => { code = c; });
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
    if (err instanceof DatabaseError || err instanceof SlackStartError || err instanceof RedisError || err instanceof TeamTargetError || err instanceof CalcomError) {
      out.stderr(`calsync: ${err.message}`);
      return EXIT.failed;
    }
    out.stderr(`calsync: unexpected error: ${(err as Error)?.stack ?? String(err)}`);
    return EXIT.failed;
  }
}
