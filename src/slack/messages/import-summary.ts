import { t, type ImportAction, type Locale } from '../../i18n/index.js';
import { message, section, sections } from './blocks.js';
import { inline } from './format.js';
import type { KnownBlock, SlackMessage } from './types.js';

export interface ImportItem {
  action: ImportAction;
  eventTypeId: number;
  /** The event type's title on Cal.com. */
  title: string;
  serviceId?: number | null;
}

export interface ImportSummaryInput {
  linked: number;
  created: number;
  skipped: number;
  items?: readonly ImportItem[];
}

const ITEMS_SHOWN = 60;

/** The result of `/calsync import` (SPEC §4 "Import"): counts, then what happened to each event type. */
export function importSummaryMessage(input: ImportSummaryInput, locale: Locale): SlackMessage {
  const d = t(locale).import;
  const counts = (['linked', 'created', 'skipped'] as const).map((a) => `${input[a]} ${d.counts[a]}`).join(' · ');
  const items = input.items ?? [];
  const nothing = input.linked + input.created + input.skipped === 0 && items.length === 0;
  const blocks: KnownBlock[] = [section(`:inbox_tray: *${d.title}*\n${nothing ? d.nothing : counts}`)];
  if (items.length > 0) {
    const lines = items
      .slice(0, ITEMS_SHOWN)
      .map((item) => `• ${d.item[item.action](item.eventTypeId, inline(item.title, 100), item.serviceId ?? null)}`);
    if (items.length > ITEMS_SHOWN) lines.push(`_${d.more(items.length - ITEMS_SHOWN)}_`);
    blocks.push(...sections(lines));
  }
  return message(`${d.title}: ${nothing ? d.nothing : counts}`, blocks);
}
