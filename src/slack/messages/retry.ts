// The Retry button's contract with the action handler (SPEC §4 "Retry button"): the value carries ids
// only (`{"s":85}`) and is re-validated on click; a message with several Retry buttons needs a distinct
// action_id per button, so those get a suffix (`calsync_retry:85`) that RETRY_ACTION_PATTERN matches.
import { MAX_SERVICE_ID } from '../../sync/ids.js';
import { z } from 'zod';

export const RETRY_ACTION_ID = 'calsync_retry';
/** Matches `calsync_retry` and `calsync_retry:<suffix>`; register the action handler with this. */
export const RETRY_ACTION_PATTERN = /^calsync_retry(?::[A-Za-z0-9_-]{1,64})?$/;

const RetryValue = z.strictObject({ s: z.number().int().min(1).max(MAX_SERVICE_ID) });

export function retryValue(serviceId: number): string {
  return JSON.stringify({ s: serviceId });
}

/** The service id a Retry button carries, or null when the value is not one of ours. */
export function parseRetryValue(value: string | undefined): number | null {
  if (value === undefined || value.length > 2000) return null;
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch {
    return null;
  }
  const parsed = RetryValue.safeParse(data);
  return parsed.success ? parsed.data.s : null;
}

/** A distinct action_id for the n-th Retry button of a list. */
export function retryActionId(suffix: string | number): string {
  return `${RETRY_ACTION_ID}:${suffix}`;
}
