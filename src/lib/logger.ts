// pino, to stderr (stdout belongs to command output such as `--json`), with secrets redacted from
// every line: known secret fields by path, and any secret value that slips into a message.
import { pino, type Logger } from 'pino';
import { redact } from './redact.js';

export type { Logger };

export function createLogger(
  level: string,
  secrets: readonly string[] = [],
  destination: pino.DestinationStream = pino.destination(2),
): Logger {
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
      // Errors carry messages from Cal.com, Prisma and pg, which may quote a URL or a key. Callers also pass
      // Slack's error codes as plain strings: a serializer that throws would take the caller's work with it.
      serializers: {
        err: (e: unknown) => redactDeep(e, secrets),
      },
    },
    destination,
  );
}

/** Every string inside a logged value, redacted; never throws (cycles and depth are cut, not followed). */
function redactDeep(value: unknown, secrets: readonly string[], depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value) || depth > 6) return '[cut]';
  seen.add(value);
  // A nested Error (a `cause`, Bolt's `original`) keeps its message and stack, which Object.entries would drop.
  const plain: object = value instanceof Error ? pino.stdSerializers.err(value) : value;
  if (Array.isArray(plain)) return plain.map((v) => redactDeep(v, secrets, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(plain)) out[k] = redactDeep(v, secrets, depth + 1, seen);
  return out;
}
