// Secrets out of any text that leaves the process (logs, Slack, error snippets). Here in lib/ because the
// logger, below every layer, needs it too.

const SECRET_PATTERNS: RegExp[] = [
  /\bcal_(?:live_)?[A-Za-z0-9_-]+/g, // Cal.com API keys
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, // any bearer token
  /\bxox[abprs]-[A-Za-z0-9-]+/g, // Slack tokens
  /\bxapp-[A-Za-z0-9-]+/g,
];

/** Replace every known secret shape, plus the given literal secrets, with `[redacted]`. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, '[redacted]');
  // Passwords in connection URLs (postgres://user:secret@host, redis://:secret@host).
  return out.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi, '$1[redacted]@');
}
