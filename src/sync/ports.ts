// Ports: what the engine needs from the outside world, named for the domain. Adapters in calcom/ and db/
// implement them; tests use in-memory fakes. Nothing here imports an adapter.
import type { FieldChange, StepKind } from './plan.js';
import type { Service, SlackTarget, Trigger } from './types.js';

/** The fields calsync sets on an event type (Cal.com's CreateEventTypeInput_2024_06_14 subset). */
export interface CreatePayload {
  title: string;
  slug: string;
  lengthInMinutes: number;
  description?: string;
  hidden: boolean;
}

/** A create's whole body (the older name). */
export type EventTypePayload = CreatePayload;

/** The managed fields calsync keeps in step, all of them: what the catalogue wants. */
export interface DesiredFields {
  title: string;
  lengthInMinutes: number;
  /** "" for none: Cal.com treats null and "" alike, and "" is always a valid string to send. */
  description: string;
  hidden: boolean;
}

/** An update's body (UpdateEventTypeInput_2024_06_14): no slug, ever, so a rename never moves the booking URL. */
export type UpdatePayload = Partial<DesiredFields>;

/** An event type as Cal.com returns it; only what the engine reads is typed. */
export interface RemoteEventType {
  id: number;
  slug: string;
  title: string;
  lengthInMinutes: number;
  description?: string | null;
  hidden?: boolean;
  price?: number;
  currency?: string;
  [field: string]: unknown;
}

/** A failed call to Cal.com, as the engine sees it (the Cal.com adapter's CalcomError has this shape). */
export interface ApiFailure {
  /** HTTP status; 0 for transport failures (timeout, connection refused or reset). */
  status: number;
  /** Cal.com's `error.code` (the server's exception class), when it sent one. */
  code?: string;
  /** Cal.com's `error.message`, e.g. `Event type with id 3757698 not found`. */
  apiMessage?: string;
  /** The full error text recorded on the service: `Cal.com API error 404: …`. */
  message: string;
  retryable: boolean;
  /** Seconds Cal.com asked us to wait (429), when it said. */
  retryAfterSeconds?: number;
  /** On a team route: the key's user is not a team admin or owner, or this Cal.com has no teams. */
  teamProblem?: TeamProblem;
}

export type TeamProblem = 'not-team-admin' | 'no-teams';

/**
 * What every adapter error that is an ApiFailure extends (CalcomError, RedisError): the engine knows one by
 * its class, so an unrelated error that happens to carry `status` and `retryable` is never taken for one.
 */
export abstract class ApiFailureError extends Error implements ApiFailure {
  abstract readonly status: number;
  abstract readonly retryable: boolean;
}

/** Where event types live: a team's id, or null for the key owner's personal ones. */
export type Target = number | null;

/** The event types of one target: the key owner's personal ones, or with `teamId` that team's. */
export interface EventTypes {
  /** Set when the target is a team (CALCOM_TEAM_ID); absent: the key owner's personal event types. */
  readonly teamId?: number;
  create(payload: EventTypePayload): Promise<RemoteEventType>;
  get(id: number): Promise<RemoteEventType>;
  /** The target's whole list (the key owner's, or the team's). */
  listOwn(): Promise<RemoteEventType[]>;
  update(id: number, payload: UpdatePayload): Promise<RemoteEventType>;
  /**
   * GET on another target's route (a team, or null: the key owner's personal route). It tells an event type
   * linked under another target from a gone one, so a switch of target never silently duplicates it.
   */
  getUnder?(target: Target, id: number): Promise<RemoteEventType>;
}

export interface RunStart {
  serviceId: number;
  trigger: Trigger;
  requestedBy?: string;
  slack?: SlackTarget;
  oldEventTypeId: number | null;
  jobId?: number;
}

export interface RunEnd {
  action: 'create' | 'update' | null;
  /** The step the sync planned last (the one it carried out), and the fields it changed. */
  step: StepKind | null;
  changes: FieldChange[] | null;
  outcome: string;
  newEventTypeId: number | null;
  oldEventTypeId: number | null;
  httpStatus: number | null;
  error: string | null;
  attempts: number;
  payloadHash: string | null;
}

/** What calsync remembers of a link (event_type_links): the event type, its slug, the target it was made under. */
export interface RememberedLink {
  eventTypeId: number;
  slug: string;
  teamId: Target;
}

export type Claim = { ok: true } | { ok: false; since: Date; slack?: SlackTarget };

/** The catalogue and the audit trail. */
export interface SyncStore {
  getService(id: number): Promise<Service | null>;
  /** Claims the service for one sync across every process; false while another holds it. */
  claim(serviceId: number, holder: string, slack?: SlackTarget): Promise<Claim>;
  release(serviceId: number, holder: string): Promise<void>;
  startRun(run: RunStart): Promise<number>;
  finishRun(runId: number, end: RunEnd): Promise<void>;
  /**
   * Links (or with null unlinks) the event type at once, so a crash after a create never loses its id.
   * With a slug, it is remembered too, with the target it was linked under (`teamId`, null: personal);
   * unlinking keeps the remembered slug for a recreate.
   */
  link(serviceId: number, eventTypeId: number | null, slug?: string, teamId?: Target): Promise<void>;
  /** The slug of the event type linked to each service (SPEC §3.3), when calsync remembers one. */
  rememberedSlugs(serviceIds: readonly number[]): Promise<Map<number, string>>;
  /** The slug and the target of each service's last link, when calsync remembers one. */
  rememberedLinks(serviceIds: readonly number[]): Promise<Map<number, RememberedLink>>;
  /** Remembers the slug a linked event type has now (it may predate calsync's slug table, or been edited). */
  rememberSlug(serviceId: number, eventTypeId: number, slug: string, teamId?: Target): Promise<void>;
  /**
   * The store stamps last_sync_success and last_calcom_sync with its own clock (the database's), the clock
   * that stamps updated_at: the digest compares them, and two clocks would disagree by their skew.
   */
  recordSuccess(serviceId: number, eventTypeId: number, attempts: number): Promise<void>;
  recordFailure(serviceId: number, error: string, attempts: number): Promise<void>;
}
