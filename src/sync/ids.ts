// A service id is a PostgreSQL `integer` (SPEC §6): 1 to 2³¹−1. Every surface that takes one (Slack,
// the CLI, a catalogue file, a Retry button, the Cal.com import) checks it with this one rule.
export const MAX_SERVICE_ID = 2 ** 31 - 1;

export function isServiceId(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= MAX_SERVICE_ID;
}
