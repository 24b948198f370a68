// Usage: calsync digest [--channel <id>] [--print]
// Posts the sync-status digest now through the Web API (cron-friendly, SPEC §5), or prints it.
import { digestText } from '../../digest/print.js';
import { t } from '../../i18n/index.js';
import { withContext, type Cli } from '../context.js';
import { EXIT, UsageError } from '../io.js';

export async function digestAction({ env, out }: Cli, opts: { print?: boolean; channel?: string }): Promise<number> {
  return withContext(env, async (ctx) => {
    const { config, logger, memory, useCases } = ctx;
    const channel = opts.channel ?? config.digest.channel;
    if (opts.print) {
      out.stdout(digestText(await useCases.loadDigest(channel), t(config.locale)));
      return EXIT.ok;
    }
    if (!channel) throw new UsageError('give --channel or set DIGEST_CHANNEL (or use --print)');
    const { postDigestNow } = await import('../../slack/digest.js');
    const poster = { slack: config.slack, locale: config.locale, logger, memory, postDigest: useCases.postDigest };
    const ts = await postDigestNow(poster, channel);
    out.stdout(`digest posted to ${channel} (ts ${ts})`);
    return EXIT.ok;
  });
}
