// pino, to stderr (stdout belongs to command output such as `--json`), with secrets redacted from
// every line: known secret fields by path, and any secret value that slips into a message.
import { pino, type Logger } from 'pino';
import { redact } from '../sync/snippet.js';

export type { Logger };

export function createLogger(level: string, secrets: readonly string[] = [], destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino(
    {
      level,
      redact: { paths: ['*.authorization', '*.headers.authorization', 'apiKey', '*.apiKey', 'token', '*.token'], censor: '[redacted]' },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redact(a, secrets) : a)) as Parameters<typeof method>);
        },
      },
      formatters: { level: (label) => ({ level: label }) },
      // Errors carry messages from Cal.com, Prisma and pg, which may quote a URL or a key.
      serializers: {
        err: (e: Error) => {
          const out = pino.stdSerializers.err(e);
          return { ...out, message: redact(out.message, secrets), stack: out.stack ? redact(out.stack, secrets) : undefined };
        },
      },
    },
    destination,
  );
}
