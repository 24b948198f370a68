// Public shapes of the Cal.com emulator. Kept apart from emulator.ts so the internal modules can share
// them without importing the server wiring (emulator.ts re-exports every one of them).
import type { Timer } from '../lib/clock.js';

export interface Owner {
  userId: number;
  username: string;
}

/** A member's role in a team (Cal.com's MembershipRole). */
export type TeamRole = 'OWNER' | 'ADMIN' | 'MEMBER';

export interface EmulatorOptions {
  port?: number;
  /** Loopback by default: the emulator has an unauthenticated control endpoint. */
  host?: string;
  /** Requests per window per API key; `false` turns rate limiting (and its headers) off. */
  rateLimitPerMinute?: number | false;
  windowMs?: number;
  blockMs?: number;
  latencyMs?: number;
  firstId?: number;
  /** When given, only these keys authenticate; otherwise any `cal_…` / `cal_live_…` key does. */
  keys?: Record<string, Owner>;
  /** Teams by id, each its members' API keys with their roles; more with `team()`. */
  teams?: Record<number, Record<string, TeamRole>>;
  /** A self-hosted community edition: no team routes at all (route-level 404). */
  noTeams?: boolean;
  logger?: { info(o: object, msg?: string): void };
  /** Time for the rate limiter's windows, request timestamps, latency and delay faults (tests move it by hand). */
  clock?: Timer;
}

export interface EmulatorEventType {
  id: number;
  ownerId: number;
  title: string;
  slug: string;
  lengthInMinutes: number;
  description: string | null;
  hidden: boolean;
  price: number;
  currency: string;
  [k: string]: unknown;
}

export interface FaultRule {
  kind: 'status' | 'delay' | 'reset' | 'rateLimit';
  status?: number;
  message?: string;
  ms?: number;
  after?: boolean;
  method?: string;
  /** Substring of the request URL, or `/regex/flags` (only when the inner text has a regex metacharacter). */
  path?: string;
  times?: number;
}

export interface RequestRecord {
  method: string;
  path: string;
  /** 0 when the connection was reset by a fault instead of answered. */
  status: number;
  at: number;
  key: string;
}

export interface EmulatorStats {
  total: number;
  byStatus: Record<string, number>;
  tooMany: number;
  maxPerWindow: number;
}

export interface RandomFaults {
  rate: number;
  kinds: FaultRule[];
  seed?: number;
}

export interface Emulator {
  url: string;
  port: number;
  close(): Promise<void>;
  seed(key: string, fields: Partial<EmulatorEventType> & { title: string; slug: string; lengthInMinutes: number }): EmulatorEventType;
  eventTypes(key?: string): EmulatorEventType[];
  /** Defines (or redefines) a team: its members' API keys and their roles. */
  team(teamId: number, members: Record<string, TeamRole>): void;
  /** A team event type made by hand in Cal.com (no request); slugs are unique per team. */
  seedTeam(
    teamId: number,
    fields: Partial<EmulatorEventType> & { title: string; slug: string; lengthInMinutes: number; schedulingType?: string },
  ): EmulatorEventType;
  /** The team's event types, as Cal.com's team list shows them. */
  teamEventTypes(teamId: number): EmulatorEventType[];
  /** An edit made by hand in Cal.com's web UI: no request, no rate limit, nothing logged. */
  edit(id: number, fields: Partial<Omit<EmulatorEventType, 'id' | 'ownerId'>>): EmulatorEventType;
  delete(id: number): void;
  inject(...rules: FaultRule[]): void;
  setRandomFaults(opts: RandomFaults | null): void;
  clearFaults(): void;
  requests(): RequestRecord[];
  /** Resolves once no API request is being handled: a delayed one has been answered, or dropped. */
  idle(): Promise<void>;
  stats(): EmulatorStats;
  reset(): void;
  /** Extra: the owner a key authenticates as (null if the emulator would answer 401). */
  owner(key: string): Owner | null;
}

/** What a handler produces; the server decides afterwards whether to send it, delay it or drop it. */
export interface Resp {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
