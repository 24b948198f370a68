// Reads a catalogue file for `calsync services import` (SPEC §7): JSON (an array of objects) or CSV (a header
// row), with the column names of the `services` table (SPEC §6). Every row is checked before anything is
// written, and a bad row is reported with its line, so an import is all or nothing.
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { ImportError } from './errors.js';

const MAX_INT = 2 ** 31 - 1;
// PostgreSQL text can't hold NUL; timestamps must be in years 1–9999 to print and re-import.
const text = (max: number) => z.string('must be text').refine((v) => !v.includes('\u0000'), 'must not contain NUL characters').pipe(z.string().max(max, `must be at most ${max} characters`));
const date = z.coerce.date('must be a date').refine((d) => d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999, 'must be a date between the years 1 and 9999');
const intish = z.preprocess(
  (v) => (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v),
  z.number('must be a whole number').int('must be a whole number'),
);
const nullable = <T extends z.ZodType>(t: T) => z.preprocess((v) => (v === '' ? null : v), t.nullable());
const bool = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const s = v.trim().toLowerCase();
  return ['true', '1', 'yes', 't'].includes(s) ? true : ['false', '0', 'no', 'f'].includes(s) ? false : v;
}, z.boolean('must be true or false'));

/** One catalogue row as a file gives it (snake_case, as in the table). */
export const rowSchema = z.strictObject({
  id: intish.pipe(z.number().min(1, 'must be at least 1').max(MAX_INT, `must be at most ${MAX_INT}`)),
  name: text(500).transform((v) => v.trim()).pipe(z.string().min(1, 'must not be empty')),
  description: nullable(text(10_000)).optional(),
  duration_minutes: intish.pipe(z.number().min(1, 'must be at least 1 minute').max(1440 * 7, 'must be at most a week')),
  price_cents: nullable(intish.pipe(z.number().min(0, 'must not be negative').max(MAX_INT, `must be at most ${MAX_INT}`))).optional(),
  currency: nullable(z.string().regex(/^[A-Za-z]{3}$/, 'must be a 3-letter code')).optional(),
  active: bool.optional(),
  calcom_event_type_id: nullable(intish.pipe(z.number().min(1).max(MAX_INT))).optional(),
  sync_status: z.enum(['pending', 'synced', 'error']).optional(),
  sync_error: nullable(text(100_000)).optional(),
  sync_attempts: intish.pipe(z.number().min(0).max(MAX_INT)).optional(),
  last_sync_success: nullable(date).optional(),
  last_calcom_sync: nullable(date).optional(),
  updated_at: z.unknown().optional(), // set by the database; accepted so exports re-import
});

export type CatalogueRow = z.infer<typeof rowSchema>;

export { ImportError };

interface RawRow {
  where: string;
  value: unknown;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    // Decode line by line to name the first bad line: linear, unlike growing prefixes.
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 0x0a) continue;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, i));
      } catch {
        break;
      }
      line++;
      start = i + 1;
    }
    throw new ImportError([`line ${line}: the file is not valid UTF-8 (save it as UTF-8 and try again)`]);
  }
}

function jsonRows(text: string): RawRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ImportError([`the file is not valid JSON: ${(err as Error).message}`]);
  }
  if (!Array.isArray(data)) throw new ImportError(['a JSON catalogue must be an array of service objects']);
  // JSON has no line per row; report the element's position and its line in the file when we can find it.
  const lines = text.split('\n');
  let cursor = 0;
  let offset = 0;
  return data.map((value, i) => {
    const id = (value as { id?: unknown })?.id;
    const pattern = id === undefined ? null : new RegExp(`"id"\\s*:\\s*"?${String(id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.])`);
    const found = pattern ? lines.findIndex((l, n) => n >= cursor && pattern.test(n === cursor ? l.slice(offset) : l)) : -1;
    if (found >= 0) {
      // Several objects may share a line; continue after this one's id on the same line.
      const from = found === cursor ? offset : 0;
      const m = pattern!.exec(lines[found]!.slice(from));
      offset = from + (m ? m.index + m[0].length : 0);
      cursor = found;
    }
    return { where: found >= 0 ? `line ${found + 1}` : `item ${i + 1}`, value };
  });
}

function csvRows(text: string): RawRow[] {
  try {
    const header = parseCsv(text, { to_line: 1, trim: true, bom: true }) as string[][];
    const names = header[0] ?? [];
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    if (twice.length) throw new ImportError([`line 1: the header names ${[...new Set(twice)].join(', ')} more than once`]);
    const records = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, info: true, bom: true }) as { record: Record<string, string>; info: { lines: number } }[];
    return records.map((r) => ({ where: `line ${r.info.lines}`, value: r.record }));
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError([`the CSV could not be read: ${(err as Error).message}`]);
  }
}

/** Parses and validates every row; throws ImportError listing each bad row by line. */
export function parseCatalogue(bytes: Uint8Array, fileName: string): CatalogueRow[] {
  const text = decodeUtf8(bytes);
  const isJson = /\.json$/i.test(fileName) || /^\s*\[/.test(text);
  const raw = isJson ? jsonRows(text) : csvRows(text);
  const problems: string[] = [];
  const seen = new Map<number, string>();
  const rows: CatalogueRow[] = [];
  for (const { where, value } of raw) {
    const parsed = rowSchema.safeParse(value);
    if (!parsed.success) {
      problems.push(`${where}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'row'} ${i.message}`).join('; ')}`);
      continue;
    }
    const first = seen.get(parsed.data.id);
    if (first !== undefined) problems.push(`${where}: id ${parsed.data.id} appears twice (first on ${first})`);
    seen.set(parsed.data.id, where);
    rows.push(parsed.data);
  }
  if (problems.length) throw new ImportError(problems);
  return rows;
}
