// Usage: /calsync digest
// Posts the digest in this channel now, whatever the hour (SPEC §5); the scheduled one is not used up.

export interface DigestCommandDeps {
  /** Absent when the app was started without a way to post it. */
  postDigest?: (channel: string) => Promise<void>;
}

export async function digestCommand(deps: DigestCommandDeps, channel: string): Promise<void> {
  await deps.postDigest?.(channel);
}
