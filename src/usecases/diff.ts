// The diff of one service (SPEC §4 `diff`): what a sync would send, from the same plan a sync carries out,
// with what Cal.com can't be told (price, currency) beside it. Writes nothing.
import type { Store } from '../db/store.js';
import { differences } from '../sync/diff.js';
import { payloadFor, serviceProblem, type ServiceProblem } from '../sync/payload.js';
import type { StepKind } from '../sync/plan.js';
import { previewPlan, type PreviewDeps } from '../sync/preview.js';
import type { RemoteEventType } from '../sync/ports.js';

export interface DiffField {
  field: string;
  catalogue: unknown;
  calcom: unknown;
  /** false for what the API can't write (price, currency). */
  settable: boolean;
}

export interface ServiceDiffView {
  serviceId: number;
  serviceName: string;
  eventTypeId: number | null;
  payload: Record<string, unknown>;
  live: RemoteEventType | null;
  differences: DiffField[];
  step: StepKind;
}

export type ServiceDiff =
  | { kind: 'unknown'; serviceId: number }
  | { kind: 'invalid'; serviceId: number; problem: ServiceProblem }
  | ({ kind: 'diff' } & ServiceDiffView);

export interface DiffDeps extends PreviewDeps {
  store: PreviewDeps['store'] & Pick<Store, 'getService'>;
}

export async function diffService(deps: DiffDeps, id: number): Promise<ServiceDiff> {
  const service = await deps.store.getService(id);
  if (!service) return { kind: 'unknown', serviceId: id };
  const problem = serviceProblem(service);
  if (problem) return { kind: 'invalid', serviceId: service.id, problem };
  // The planner decides what a sync would send; price and currency are shown beside it, not settable.
  const {
    items: [item],
  } = await previewPlan(deps, [service]);
  const { step, live } = item!;
  const changes = step.step === 'update' || step.step === 'adopt' ? step.changes : [];
  const payload = payloadFor(service);
  const unsettable = live
    ? differences(payload, live, { cents: service.priceCents, currency: service.currency }).filter((x) => !x.settable)
    : [];
  return {
    kind: 'diff',
    serviceId: service.id,
    serviceName: service.name,
    eventTypeId: service.calcomEventTypeId,
    payload: { ...payload },
    live,
    step: step.step,
    differences: [...changes.map((c) => ({ field: c.field, catalogue: c.to, calcom: c.from ?? null, settable: true })), ...unsettable],
  };
}
