// Preview (SPEC §3.5, §4 `diff` and `all`, §7 `--dry-run`): read Cal.com the way a sync would and plan
// every service, writing nothing. Shared by the CLI's --dry-run, `/calsync all`, `/calsync diff` and the
// digest's drift check, so each surface shows the same plan a sync would carry out.
import { linkOf } from './outcome.js';
import { liveFromList, snapshotOf, type ListSnapshot } from './snapshot.js';
import { readLinked } from './locate.js';
import { countSteps, plan, type Link, type Live, type Step, type StepKind } from './plan.js';
import type { EventTypes, RemoteEventType, SyncStore } from './ports.js';
import type { Service } from './types.js';

export interface PlannedService {
  serviceId: number;
  serviceName: string;
  step: Step;
  /** What Cal.com has for it (null when absent or not read). */
  live: RemoteEventType | null;
}

export interface Preview {
  items: PlannedService[];
  counts: Partial<Record<StepKind, number>>;
  /** Why Cal.com could not be read; the plan is then a guess (every linked service an update). */
  unreadable: string | null;
}

export interface PreviewDeps {
  calcom: Pick<EventTypes, 'get' | 'listOwn' | 'teamId' | 'getUnder'>;
  store: Pick<SyncStore, 'rememberedLinks'>;
}

async function liveFor(deps: PreviewDeps, service: Service, link: Link, listed: ListSnapshot | null): Promise<Live> {
  if (!listed) return link.eventTypeId !== null ? readLinked(deps.calcom, link.eventTypeId, link.linkedUnder) : { kind: 'unread' };
  // Missing from the list: confirmed with a GET, as the sync itself would (SPEC §3.7), on the route it was linked under.
  return liveFromList(service, link, listed) ?? readLinked(deps.calcom, link.eventTypeId!, link.linkedUnder);
}

export async function previewPlan(deps: PreviewDeps, services: readonly Service[]): Promise<Preview> {
  const remembered = await deps.store.rememberedLinks(services.map((s) => s.id));
  // One linked service: one GET, as a single sync reads. Anything else: the owner's list, once.
  const single = services.length === 1 && services[0]!.calcomEventTypeId !== null;
  let listed: ListSnapshot | null = null;
  let unreadable: string | null = null;
  if (!single && services.length > 0) {
    try {
      listed = snapshotOf(await deps.calcom.listOwn());
    } catch (err) {
      unreadable = (err as Error).message;
    }
  }
  const items: PlannedService[] = [];
  for (const service of services) {
    const link = linkOf(service, remembered.get(service.id));
    let live: Live = { kind: 'unread' };
    if (!unreadable) {
      try {
        live = await liveFor(deps, service, link, listed);
      } catch (err) {
        unreadable = (err as Error).message;
      }
    }
    items.push({
      serviceId: service.id,
      serviceName: service.name,
      step: plan(service, link, live),
      live: live.kind === 'found' ? live.eventType : null,
    });
  }
  return { items, counts: countSteps(items.map((i) => i.step)), unreadable };
}

/** The steps that would send something, in catalogue order. */
export function work(preview: Preview): PlannedService[] {
  return preview.items.filter((i) => i.step.step !== 'in-sync');
}
