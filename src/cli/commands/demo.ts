// Usage: calsync demo [--locale en|de] [--socket] [--team]
// An offline tour: the emulator, the Slack fake, a sample catalogue and the real app (cli/demo.ts).
import type { Cli } from '../context.js';
import { UsageError } from '../io.js';

export async function demoAction({ env, out }: Cli, opts: { locale?: string; socket?: boolean; team?: boolean }): Promise<number> {
  if (opts.locale && !['en', 'de'].includes(opts.locale)) throw new UsageError('--locale must be en or de');
  const { runDemo } = await import('../demo.js');
  return runDemo({
    locale: (opts.locale ?? env.CALSYNC_LOCALE ?? 'en') as 'en' | 'de',
    socket: !!opts.socket,
    team: !!opts.team,
    out: out.stdout,
  });
}
