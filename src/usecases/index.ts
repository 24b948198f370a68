// The use cases, bound once by the composition root (app/context.ts) and shared by every surface: Slack and
// the CLI only parse, call one of these and render its result. Each is loaded on its first call, so a cold
// `calsync status` loads what status needs and not the planner or the digest.
import type { Logger } from '../lib/logger.js';
import type { Store } from '../db/store.js';
import type { Digest } from '../digest/compose.js';
import type { Digests } from '../digest/ports.js';
import type { Clock } from '../lib/clock.js';
import type { ImportPlan } from '../sync/import.js';
import type { EventTypes, Target } from '../sync/ports.js';
import type { ServiceDiff } from './diff.js';
import type { RunDigestResult } from './digest.js';
import type { CataloguePreview } from './preview.js';
import type { ServiceStatus } from './status.js';

export interface UseCaseDeps {
  store: Store;
  digests: Digests;
  /** This process, in the digest's claim. */
  holder: string;
  clock: Clock;
  logger: Logger;
  digest: { time: string; timezone: string };
  /** Whose event types the digest's drift check reads: CALCOM_TEAM_ID's team, or null for the key owner's. */
  target: Target;
  /** The Cal.com client, when CALCOM_API_KEY is set. */
  calcom?: EventTypes;
  /** The Cal.com client, or the ConfigError that says CALCOM_API_KEY is needed. */
  requireCalcom(): EventTypes;
}

/** Renders and sends a digest; Slack's side (slack/digest.ts). */
export type PostDigest = (digest: Digest) => Promise<{ ts: string }>;

export interface UseCases {
  status(id: number): Promise<ServiceStatus | null>;
  diff(id: number): Promise<ServiceDiff>;
  /** The plan for every service, or for `ids`; nothing written. */
  preview(ids?: readonly number[]): Promise<CataloguePreview>;
  importFromCalcom(): Promise<ImportPlan>;
  /** One digest run for `channel`: when due and unclaimed, or whatever the hour with `force`. */
  postDigest(channel: string, force: boolean, post: PostDigest): Promise<RunDigestResult>;
  /** The digest as it stands, for the surface to render; posts and claims nothing. */
  loadDigest(channel?: string): Promise<Digest>;
}

export function createUseCases(deps: UseCaseDeps): UseCases {
  const { store } = deps;
  const readEventTypes = deps.calcom ? () => deps.calcom!.listOwn() : undefined;
  const now = () => deps.clock.now();
  return {
    async status(id) {
      const { serviceStatus } = await import('./status.js');
      return serviceStatus(store, id);
    },
    async diff(id) {
      const { diffService } = await import('./diff.js');
      return diffService({ calcom: deps.requireCalcom(), store }, id);
    },
    async preview(ids) {
      const { previewCatalogue } = await import('./preview.js');
      return previewCatalogue({ calcom: deps.requireCalcom(), store }, ids);
    },
    async importFromCalcom() {
      const { importFromCalcom } = await import('./import.js');
      return importFromCalcom({ calcom: deps.requireCalcom(), store });
    },
    async postDigest(channel, force, post) {
      const { runDigest } = await import('./digest.js');
      const { time, timezone } = deps.digest;
      const { digests, holder, logger, target } = deps;
      return runDigest({ digests, channel, time, timezone, holder, now, logger, force, readEventTypes, target, post });
    },
    async loadDigest(channel) {
      const { loadDigest } = await import('./digest.js');
      return loadDigest({ digests: deps.digests, timezone: deps.digest.timezone, now, channel, readEventTypes, target: deps.target });
    },
  };
}
