// Every Cal.com failure falls in one class, and the engine acts on the class only (SPEC §3.5–3.8).
// The trap: a 404 from a wrong cal-api-version header ("Cannot PATCH /v2/…") is not a deleted event type.
import { ApiFailureError, type ApiFailure } from './ports.js';

export type FailureClass =
  | 'retryable' // 429, 5xx, timeouts, network: try again after a pause
  | 'entity-not-found' // "Event type with id N not found" (a team PATCH: 400 "Event type to update not found"): confirm with GET
  | 'duplicate-slug' // our slug already exists: adopt that event type
  | 'fatal'; // 400, 401, 403, 422, route-level 404, the limiter's Redis not answering (it already waited): fail at once

const ENTITY_NOT_FOUND = /^Event type with id \d+ not found/i;
// A team route's PATCH of a missing (or another team's) event type answers 400, not the entity 404:
// only a GET can tell, as for a PATCH's 404.
const TEAM_UPDATE_NOT_FOUND = /^Event type to update not found/i;
const DUPLICATE_SLUG =
  /already has an event type with this slug|Team event type with this slug already exists|event_type_url_duplicate|slug.*(already|exists|taken)/i;

export function classify(failure: ApiFailure): FailureClass {
  if (failure.retryable) return 'retryable';
  const said = failure.apiMessage ?? '';
  if (failure.status === 404 && ENTITY_NOT_FOUND.test(said)) return 'entity-not-found';
  if (failure.status === 400 && TEAM_UPDATE_NOT_FOUND.test(said)) return 'entity-not-found';
  if (failure.status === 400 && DUPLICATE_SLUG.test(said)) return 'duplicate-slug';
  return 'fatal';
}

/** A POST that may have been carried out although we saw no answer: never POST again blindly after it. */
export function isAmbiguous(failure: ApiFailure): boolean {
  return failure.status === 0 || failure.status >= 500;
}

export function isApiFailure(err: unknown): err is ApiFailureError & ApiFailure {
  return err instanceof ApiFailureError;
}
