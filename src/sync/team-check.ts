// The start check for a team target (issue 13): one read of the team's event types before any work, so a
// member's key or a Cal.com without teams stops `calsync serve` and `calsync sync` at once with what to fix,
// instead of failing every service one by one. Any other failure (Cal.com down, rate limited) says nothing
// about the team: the work goes on and reports it as usual.
import { isApiFailure } from './classify.js';
import type { EventTypes, TeamProblem } from './ports.js';

export class TeamTargetError extends Error {
  override name = 'TeamTargetError';
  constructor(
    message: string,
    readonly problem: TeamProblem,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Throws TeamTargetError when the key can't work with the team; resolves otherwise (and with no team). */
export async function checkTeamTarget(calcom: Pick<EventTypes, 'teamId' | 'listOwn'>): Promise<void> {
  if (calcom.teamId === undefined) return;
  try {
    await calcom.listOwn();
  } catch (err) {
    if (!isApiFailure(err) || !err.teamProblem) return;
    const what =
      err.teamProblem === 'not-team-admin' ? `the key's user is not an admin of team ${calcom.teamId}` : 'this Cal.com has no teams';
    throw new TeamTargetError(`${what} (CALCOM_TEAM_ID=${calcom.teamId}): ${err.message}`, err.teamProblem, { cause: err });
  }
}
