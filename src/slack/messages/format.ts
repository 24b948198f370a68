// Turning outside text into Slack mrkdwn. The traps: `&`, `<`, `>` must be escaped or a service named
// "<!channel>" pings everyone; mrkdwn has no escape for `*`, `_`, `~` and backticks, so outside text
// gets look-alikes instead of bolding or closing our code spans; bidi overrides and zero-width
// characters go; anything shown may carry a secret; and escaping makes text longer, so clipping
// happens on the escaped string. Long texts are only segmented as far as shown.
import { redact } from '../../lib/redact.js';
import { snippet } from '../../sync/snippet.js';
import { cut, inertJson, oneLine, stripInvisible } from '../../sync/text.js';

export { formatUtc } from '../../sync/text.js';

const NAME_MAX = 150;

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const LOOK_ALIKES: Readonly<Record<string, string>> = { '*': '\u2217', _: '\u02CD', '~': '\u223C', '`': '\u02CB' };

/** Outside text that can't format: escaped, with mrkdwn's markers swapped for look-alikes (∗ ˍ ∼ ˋ). */
export function plainMrkdwn(text: string): string {
  return escapeMrkdwn(text).replace(/[*_~`]/g, (c) => LOOK_ALIKES[c]!);
}

/** At most `max` UTF-16 units (Slack's measure), cut on a grapheme and ending in `…` when cut. */
export const clamp = (text: string, max: number): string => cut(text, max, 'utf16');

/** The error snippet of SPEC §3.13 (sync/snippet reads only as far as it shows, so long errors are cheap). */
export const errorSnippet = (error: string): string => snippet(oneLine(error));

/** Outside text (a name, a title, a reason) as one safe mrkdwn line. */
export function inline(text: string, max = NAME_MAX): string {
  return plainMrkdwn(cut(oneLine(redact(stripInvisible(text))), max)) || '—';
}

/** The error snippet of SPEC §3.13 inside a code span (`snippet()` already turned backticks into quotes). */
export function codeSpan(error: string, emptyText: string): string {
  return `\`${escapeMrkdwn(errorSnippet(error) || emptyText)}\``;
}

/** A value as pretty JSON in a code block of at most `max` characters, secrets redacted. */
export function codeBlock(value: unknown, max: number): string {
  const json = redact(inertJson(value)).replace(/`/g, "'");
  return `\`\`\`${clamp(escapeMrkdwn(json), max - 6)}\`\`\``;
}

/** A short value (a diff cell) as an inline code span. */
export function valueSpan(value: unknown, max = 200): string {
  if (value === undefined || value === null || value === '') return '—';
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const line = oneLine(redact(stripInvisible(text))).replace(/`/g, "'");
  return `\`${escapeMrkdwn(cut(line, max))}\``;
}

/** `850 ms`, `42 s`, `3 min 12 s`, `2 min`, `1 h 5 min`: read the same in English and German. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** `<@U123>` for a Slack user id; anything else (a CLI user, a name) as plain text. */
export function userRef(user: string): string {
  return /^[UWB][A-Z0-9]{2,30}$/.test(user) ? `<@${user}>` : inline(user, 80);
}

export function channelRef(channel: string): string | null {
  return /^[CGD][A-Z0-9]{2,30}$/.test(channel) ? `<#${channel}>` : null;
}

/** A link to a thread (`https://slack.com/archives/C123/p1700000000123456`), or null for odd ids. */
export function threadLink(channel: string, threadTs: string, label: string): string | null {
  if (!/^[CGD][A-Z0-9]{2,30}$/.test(channel) || !/^\d{9,11}\.\d{6}$/.test(threadTs)) return null;
  return `<https://slack.com/archives/${channel}/p${threadTs.replace('.', '')}|${escapeMrkdwn(label)}>`;
}
