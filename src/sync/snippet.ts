// The 100-character error snippet shown in Slack (SPEC §3.13): secrets redacted first, then cut on a
// character (grapheme) boundary so an emoji or an umlaut with a combining mark never splits.
import { cut } from './text.js';

const SECRET_PATTERNS: RegExp[] = [
  /\bcal_(?:live_)?[A-Za-z0-9_-]+/g, // Cal.com API keys
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, // any bearer token
  /\bxox[abprs]-[A-Za-z0-9-]+/g, // Slack tokens
  /\bxapp-[A-Za-z0-9-]+/g,
];

const SNIPPET_LENGTH = 100;

/** Replace every known secret shape, plus the given literal secrets, with `[redacted]`. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, '[redacted]');
  // Passwords in connection URLs (postgres://user:secret@host, redis://:secret@host).
  return out.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi, '$1[redacted]@');
}

/** One line, redacted, at most 100 characters: what Slack shows inside a code span. */
export function snippet(error: string, secrets: readonly string[] = []): string {
  const oneLine = redact(error, secrets).replace(/\s+/g, ' ').replace(/`/g, "'").trim();
  return cut(oneLine, SNIPPET_LENGTH);
}
