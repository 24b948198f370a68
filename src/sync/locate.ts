// Where a linked event type lives (issue 13). With a team target, a service may still be linked to the key
// owner's personal event type (or, the other way round, to a team's while the target is personal). The
// target's route answers "not found" for it just as for a deleted one, so "gone" needs one more GET on the
// route it was linked under: found there, it is elsewhere (plan: move), never silently created twice.
import { classify, isApiFailure } from './classify.js';
import type { Live } from './plan.js';
import type { EventTypes, Target } from './ports.js';

/** The target a client writes to: its team, or null for the key owner's personal event types. */
export const targetOf = (calcom: Pick<EventTypes, 'teamId'>): Target => calcom.teamId ?? null;

/** A GET on one route: found, proven absent (entity-not-found), or a failure that proves nothing (thrown). */
async function readOn(read: () => Promise<Live & { kind: 'found' }>): Promise<Live> {
  try {
    return await read();
  } catch (err) {
    if (isApiFailure(err) && classify(err) === 'entity-not-found') return { kind: 'absent' };
    throw err;
  }
}

/**
 * Reads linked event type `id`. `linkedUnder` is the target calsync linked it under (undefined: not known,
 * e.g. linked by another system). Known and not this target: one GET on that route. Not known while the
 * target is a team: the team's route first, then the key owner's personal route.
 */
export async function readLinked(
  calcom: Pick<EventTypes, 'teamId' | 'get' | 'getUnder'>,
  id: number,
  linkedUnder: Target | undefined,
): Promise<Live> {
  const target = targetOf(calcom);
  const here = () => readOn(async () => ({ kind: 'found', eventType: await calcom.get(id) }));
  const other = linkedUnder === undefined ? (target === null ? undefined : null) : linkedUnder;
  if (other === undefined || other === target || !calcom.getUnder) return here();
  const there = async (): Promise<Live> => {
    const live = await readOn(async () => ({ kind: 'found', eventType: await calcom.getUnder!(other, id) }));
    return live.kind === 'found' ? { kind: 'elsewhere', eventType: live.eventType, under: other, target } : live;
  };
  if (linkedUnder !== undefined) return there();
  const live = await here();
  return live.kind === 'absent' ? there() : live;
}
