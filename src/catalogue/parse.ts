// Reads a catalogue file for `calsync services import` (SPEC §7): JSON (an array of objects) or CSV (a header
// row), with the column names of the `services` table (SPEC §6). Every row is checked before anything is
// written, and a bad row is reported with its line, so an import is all or nothing. The limits on name,
// duration and description are the engine's own (sync/payload.ts), so a file can't let in what a sync
// would refuse. JSON has no line per row: lines are found, in one pass, only when there is an error.
import { MAX_SERVICE_ID } from '../sync/ids.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { ImportError } from './errors.js';
import { descriptionProblem, durationProblem, nameProblem } from '../sync/payload.js';
import { readSyncStatus } from '../sync/types.js';
import { firstControl } from '../sync/text.js';

// PostgreSQL text can't hold NUL; timestamps must be in years 1–9999 to print and re-import.
const anyText = z.string('must be text').refine((v) => !v.includes('\u0000'), 'must not contain NUL characters');
const text = (max: number) => anyText.pipe(z.string().max(max, `must be at most ${max} characters`));
/** A column checked by one of the engine's rules. */
const rule =
  <T>(problem: (v: T) => string | null) =>
  (v: T, ctx: z.RefinementCtx) => {
    const found = problem(v);
    if (found) ctx.addIssue({ code: 'custom', message: found });
  };
const date = z.coerce
  .date('must be a date')
  .refine((d) => d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999, 'must be a date between the years 1 and 9999');
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
  id: intish.pipe(z.number().min(1, 'must be at least 1').max(MAX_SERVICE_ID, `must be at most ${MAX_SERVICE_ID}`)),
  name: anyText.superRefine(rule(nameProblem)).transform((v) => v.trim()),
  description: nullable(anyText).superRefine(rule(descriptionProblem)).optional(),
  duration_minutes: intish.superRefine(rule(durationProblem)),
  price_cents: nullable(
    intish.pipe(z.number().min(0, 'must not be negative').max(MAX_SERVICE_ID, `must be at most ${MAX_SERVICE_ID}`)),
  ).optional(),
  currency: nullable(z.string().regex(/^[A-Za-z]{3}$/, 'must be a 3-letter code')).optional(),
  active: bool.optional(),
  calcom_event_type_id: nullable(intish.pipe(z.number().min(1).max(MAX_SERVICE_ID))).optional(),
  // Other systems' spellings (`ERROR`, `failed`) are read as the engine reads them from the table.
  sync_status: z
    .preprocess(
      (v) => (typeof v === 'string' && readSyncStatus(v) !== 'unknown' ? readSyncStatus(v) : v),
      z.enum(['pending', 'synced', 'error'], 'must be pending, synced or error'),
    )
    .optional(),
  sync_error: nullable(
    text(100_000).superRefine(
      rule((v: string) => {
        const control = firstControl(v, ['\n', '\r', '\t']);
        const where = control && `${control.codePoint} at character ${control.position}`;
        return where ? `must not contain control characters other than line breaks and tabs (${where})` : null;
      }),
    ),
  ).optional(),
  sync_attempts: intish.pipe(z.number().min(0).max(MAX_SERVICE_ID)).optional(),
  last_sync_success: nullable(date).optional(),
  last_calcom_sync: nullable(date).optional(),
  updated_at: z.unknown().optional(), // set by the database; accepted so exports re-import
});

export type CatalogueRow = z.infer<typeof rowSchema>;

export { ImportError };

interface RawRow {
  /** `line 12`; for JSON found only when the row is reported (`where` of the rows says how). */
  where: string | null;
  value: unknown;
}

/** Called now and then while rows are checked, so a terminal can show how far a big file has got. */
export type ParseProgress = (done: number, total: number) => void;

const PROGRESS_EVERY = 1000;

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
  return data.map((value) => ({ where: null, value }));
}

/**
 * The line on which each element of a top-level JSON array starts, in one pass over text that JSON.parse
 * accepted (so a raw newline is never inside a string).
 */
export function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line++;
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (depth === 1 && expectValue) {
      lines.push(line);
      expectValue = false;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) expectValue = depth++ === 0 && c === 0x5b;
    else if (c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x2c && depth === 1) expectValue = true;
  }
  return lines;
}

function csvRows(text: string): RawRow[] {
  try {
    const header = parseCsv(text, { to_line: 1, trim: true, bom: true }) as string[][];
    const names = header[0] ?? [];
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    if (twice.length) throw new ImportError([`line 1: the header names ${[...new Set(twice)].join(', ')} more than once`]);
    const records = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, info: true, bom: true }) as {
      record: Record<string, string>;
      info: { lines: number };
    }[];
    return records.map((r) => ({ where: `line ${r.info.lines}`, value: r.record }));
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError([`the CSV could not be read: ${(err as Error).message}`]);
  }
}

/** Parses and validates every row; throws ImportError listing each bad row by line. */
export function parseCatalogue(bytes: Uint8Array, fileName: string, onProgress?: ParseProgress): CatalogueRow[] {
  const text = decodeUtf8(bytes);
  const isJson = /\.json$/i.test(fileName) || /^\s*\[/.test(text);
  const raw = isJson ? jsonRows(text) : csvRows(text);
  const problems: Array<{ index: number; problem: (where: (index: number) => string) => string }> = [];
  const seen = new Map<number, number>();
  const rows: CatalogueRow[] = [];
  raw.forEach(({ value }, index) => {
    if (onProgress && index % PROGRESS_EVERY === 0) onProgress(index, raw.length);
    const parsed = rowSchema.safeParse(value);
    if (!parsed.success) {
      const text = parsed.error.issues.map((i) => `${i.path.join('.') || 'row'} ${i.message}`).join('; ');
      problems.push({ index, problem: () => text });
      return;
    }
    const first = seen.get(parsed.data.id);
    const id = parsed.data.id;
    if (first !== undefined) problems.push({ index, problem: (where) => `id ${id} appears twice (first on ${where(first)})` });
    seen.set(parsed.data.id, index);
    rows.push(parsed.data);
  });
  onProgress?.(raw.length, raw.length);
  if (problems.length === 0) return rows;
  const lines = isJson ? elementLines(text) : [];
  const where = (index: number) => raw[index]!.where ?? (lines[index] !== undefined ? `line ${lines[index]}` : `item ${index + 1}`);
  throw new ImportError(problems.map(({ index, problem }) => `${where(index)}: ${problem(where)}`));
}
