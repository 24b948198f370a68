// API-key owners. With no configured keys any well-formed Cal.com key authenticates and its owner is
// derived from the key itself (hash → user id), so the same key is the same user across restarts
// and across processes, without any set-up step in tests or the demo.
import type { Owner } from './types.js';

const KEY_SHAPE = /^cal_(live_)?[A-Za-z0-9_]+$/;

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Log-safe form of a key: its prefix and last four characters (`cal_live_…x9Qz`). */
export function redactKey(key: string | undefined): string {
  if (!key) return '';
  const prefix = key.startsWith('cal_live_') ? 'cal_live_' : key.startsWith('cal_') ? 'cal_' : '';
  return `${prefix}…${key.slice(-4)}`;
}

export class KeyRing {
  /** Every owner seen so far by username, for `GET /event-types?username=`. */
  private readonly byUsername = new Map<string, Owner>();

  constructor(private readonly configured?: Record<string, Owner>) {
    for (const owner of Object.values(configured ?? {})) this.byUsername.set(owner.username.toLowerCase(), owner);
  }

  resolve(key: string): Owner | null {
    let owner: Owner | undefined;
    if (this.configured) owner = Object.hasOwn(this.configured, key) ? this.configured[key] : undefined;
    else if (KEY_SHAPE.test(key))
      owner = { userId: 100_000 + (fnv1a(key) % 900_000), username: key.slice(4).toLowerCase().replace(/_/g, '-') };
    if (!owner) return null;
    this.byUsername.set(owner.username.toLowerCase(), owner);
    return { ...owner };
  }

  findUsername(username: string): Owner | undefined {
    return this.byUsername.get(username.toLowerCase());
  }
}
