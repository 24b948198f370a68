// `/calsync diff 85` (SPEC §4): what a sync would change, field by field, without writing anything.
// Price and currency are output-only in Cal.com's v2 API, so a difference there is shown but can't be fixed by a sync.
import type { EventTypePayload, RemoteEventType } from './ports.js';

export interface FieldDifference {
  field: string;
  catalogue: unknown;
  calcom: unknown;
  settable: boolean;
}

export function differences(
  payload: EventTypePayload,
  live: RemoteEventType,
  price: { cents: number | null; currency: string | null },
): FieldDifference[] {
  const out: FieldDifference[] = [];
  const fields = ['title', 'slug', 'lengthInMinutes', 'description', 'hidden'] as const;
  for (const field of fields) {
    const ours = payload[field] ?? (field === 'description' ? null : undefined);
    const theirs = live[field] ?? (field === 'description' ? null : live[field]);
    if ((ours ?? null) !== (theirs ?? null)) out.push({ field, catalogue: ours ?? null, calcom: theirs ?? null, settable: true });
  }
  // Cal.com keeps prices in the currency's smallest unit, like the catalogue's price_cents.
  if (price.cents !== null && live.price !== undefined && live.price !== price.cents) {
    out.push({ field: 'price', catalogue: price.cents, calcom: live.price, settable: false });
  }
  if (price.currency && live.currency && price.currency.toLowerCase() !== live.currency.toLowerCase()) {
    out.push({ field: 'currency', catalogue: price.currency, calcom: live.currency, settable: false });
  }
  return out;
}
