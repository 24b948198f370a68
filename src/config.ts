// The only reader of process.env (SPEC §8). Parsed once at start; a bad value names the variable
// and never echoes its value, because most of these are secrets.
import { z } from 'zod';
import { DIGEST_TIME } from './digest/schedule.js';

const ids = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

const int = (min: number, max: number) =>
  z.coerce.number().int(`must be a whole number`).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

const url = (what: string) => z.url(`must be a ${what} URL`);

/** Where response_url may point: Slack's own hooks hosts; the sandbox sets its Slack fake. */
const DEFAULT_RESPONSE_URL_ORIGINS = 'https://hooks.slack.com,https://hooks.slack-gov.com';

const origins = z.string().transform((s, ctx) => {
  const out: string[] = [];
  for (const item of s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    const parsed = URL.canParse(item) ? new URL(item) : null;
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin === 'null') {
      ctx.addIssue({ code: 'custom', message: 'must be comma-separated http(s) origins such as https://hooks.slack.com' });
      return z.NEVER;
    }
    out.push(parsed.origin);
  }
  return out;
});

const schema = z.object({
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'must start with xoxb-').optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must start with xapp-').optional(),
  SLACK_API_URL: url('Slack Web API')
    .refine((u) => u.endsWith('/api/'), 'must end in /api/')
    .default('https://slack.com/api/'),
  SLACK_RESPONSE_URL_ORIGINS: origins.default(origins.parse(DEFAULT_RESPONSE_URL_ORIGINS)),
  PORT: int(0, 65535).default(3000),
  CALCOM_API_KEY: z
    .string()
    .regex(/^cal_(live_)?\S+$/, 'must start with cal_ or cal_live_')
    .optional(),
  CALCOM_API_URL: url('Cal.com API')
    .transform((u) => u.replace(/\/+$/, ''))
    .default('https://api.cal.com/v2'),
  CALCOM_RATE_LIMIT: int(1, 100_000).default(120),
  CALCOM_TIMEOUT_MS: int(100, 600_000).default(10_000),
  // A team's id as Cal.com shows it (Settings → Teams): a plain positive integer, nothing else.
  CALCOM_TEAM_ID: z
    .string()
    .regex(/^\s*[1-9]\d{0,9}\s*$/, 'must be a positive whole number (the team id)')
    .transform(Number)
    .refine((n) => n <= 2 ** 31 - 1, 'must be a positive whole number (the team id)')
    .optional(),
  CALCOM_SCHEDULING_TYPE: z.enum(['roundRobin', 'collective', 'managed'], 'must be roundRobin, collective or managed').optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  CALSYNC_DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  DIGEST_CHANNEL: z.string().optional(),
  DIGEST_TIME: z.string().regex(DIGEST_TIME, 'must be HH:MM (24-hour)').default('09:00'),
  DIGEST_TIMEZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Europe/Berlin')
    .default('UTC'),
  CALSYNC_LOCALE: z.enum(['en', 'de'], 'must be en or de').default('en'),
  CALSYNC_ALLOWED_USERS: ids.default([]),
  CALSYNC_ALLOWED_CHANNELS: ids.default([]),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'must be a pino level').default('info'),
});

export type Env = z.infer<typeof schema>;

export type SchedulingType = 'roundRobin' | 'collective' | 'managed';

/** A team target: new event types are the team's, with this scheduling type and every member assigned. */
export interface TeamTarget {
  id: number;
  schedulingType: SchedulingType;
}

export interface Config {
  /** responseUrlOrigins: the only origins a response_url is POSTed to (SPEC §4; Slack's hooks hosts by default). */
  slack: {
    botToken?: string;
    signingSecret?: string;
    appToken?: string;
    apiUrl: string;
    port: number;
    responseUrlOrigins: readonly string[];
  };
  /** team: set by CALCOM_TEAM_ID; every event type read and written is then that team's (SPEC §8). */
  calcom: { apiKey?: string; apiUrl: string; rateLimit: number; timeoutMs: number; team?: TeamTarget };
  database: { url?: string; dataDir: string };
  redisUrl?: string;
  digest: { channel?: string; time: string; timezone: string };
  locale: 'en' | 'de';
  allowedUsers: string[];
  allowedChannels: string[];
  logLevel: Env['LOG_LEVEL'];
}

/** Raised for a bad environment: the CLI prints `message` and exits 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  // Empty strings mean "unset": `FOO= calsync …` should not fail validation.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.CALCOM_SCHEDULING_TYPE && e.CALCOM_TEAM_ID === undefined) {
    throw new ConfigError(['CALCOM_SCHEDULING_TYPE: only applies to team event types; set CALCOM_TEAM_ID too']);
  }
  const team =
    e.CALCOM_TEAM_ID === undefined
      ? undefined
      : Object.freeze({ id: e.CALCOM_TEAM_ID, schedulingType: e.CALCOM_SCHEDULING_TYPE ?? 'roundRobin' });
  return Object.freeze({
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      port: e.PORT,
      responseUrlOrigins: Object.freeze(e.SLACK_RESPONSE_URL_ORIGINS),
    },
    calcom: {
      apiKey: e.CALCOM_API_KEY,
      apiUrl: e.CALCOM_API_URL,
      rateLimit: e.CALCOM_RATE_LIMIT,
      timeoutMs: e.CALCOM_TIMEOUT_MS,
      ...(team ? { team } : {}),
    },
    database: { url: e.DATABASE_URL, dataDir: e.CALSYNC_DATA_DIR },
    redisUrl: e.REDIS_URL,
    digest: { channel: e.DIGEST_CHANNEL, time: e.DIGEST_TIME, timezone: e.DIGEST_TIMEZONE },
    locale: e.CALSYNC_LOCALE,
    allowedUsers: e.CALSYNC_ALLOWED_USERS,
    allowedChannels: e.CALSYNC_ALLOWED_CHANNELS,
    logLevel: e.LOG_LEVEL,
  });
}

/** Every secret in the config, for redaction of anything that leaves the process. */
export function secretsOf(config: Config): string[] {
  return [
    config.calcom.apiKey,
    config.slack.botToken,
    config.slack.signingSecret,
    config.slack.appToken,
    config.database.url,
    config.redisUrl,
  ].filter((s): s is string => !!s);
}
