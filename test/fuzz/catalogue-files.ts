// Catalogue files for the fuzz tests: fast-check generators of rows, valid or not in every column, rendered as
// JSON or CSV the ways people save them, and the bytes of broken UTF-8.
import fc from 'fast-check';

export const MAX_ID = 2 ** 31 - 1;
export const enc = (s: string) => new TextEncoder().encode(s);
const ABSENT = Symbol('absent');
type Cell = unknown | typeof ABSENT;
export type RawRow = Record<string, Cell>;

// Ids as text; ids with regex metacharacters have their own tests (catalogue.test.ts).
const safeText = fc.string({ unit: fc.constantFrom(...'abcxyz0123456789 -_äé'), maxLength: 12 });

const validId = fc.integer({ min: 1, max: MAX_ID });
const anyId: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 5000 }) },
  { weight: 1, arbitrary: validId },
  {
    weight: 3,
    arbitrary: fc.constantFrom<Cell>(
      0,
      -1,
      -MAX_ID,
      1.5,
      MAX_ID + 1,
      2 ** 53,
      1e300,
      '85',
      ' 86 ',
      '87.0',
      '1e3',
      '0x10',
      '',
      null,
      true,
      'abc',
      ABSENT,
      [1],
      { id: 1 },
    ),
  },
  { weight: 1, arbitrary: safeText },
);

// A name is one line with no control character (it becomes the event type's title).
const validName = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
  .filter((s) => s.trim().length > 0 && s.trim().length <= 500 && !/\p{Cc}/u.test(s));
const anyName: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 6, arbitrary: validName },
  {
    weight: 3,
    arbitrary: fc.constantFrom<Cell>(
      null,
      '',
      ' ',
      '   \t ',
      '\u00a0',
      ABSENT,
      5,
      true,
      'x'.repeat(10_000),
      'y'.repeat(500),
      ` ${'z'.repeat(500)} `,
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

const validDuration = fc.integer({ min: 1, max: 7 * 1440 });
const anyDuration: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 6, arbitrary: validDuration },
  {
    weight: 3,
    arbitrary: fc.constantFrom<Cell>(
      0,
      -1,
      -30,
      1.5,
      0.5,
      7 * 1440 + 1,
      1e12,
      2 ** 31,
      Number.MAX_SAFE_INTEGER,
      '30',
      ' 45 ',
      '30.0',
      '30.5',
      '3e1',
      '',
      null,
      'abc',
      ABSENT,
      '-0',
      '1,5',
    ),
  },
  { weight: 1, arbitrary: fc.double() },
);

const optional = (values: fc.Arbitrary<Cell>) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant<Cell>(ABSENT) }, { weight: 2, arbitrary: values });
const extras = {
  description: optional(fc.oneof(fc.constantFrom<Cell>(null, '', 'x'.repeat(10_001)), fc.string({ unit: 'grapheme', maxLength: 40 }))),
  price_cents: optional(fc.constantFrom<Cell>(null, '', 0, 4500, -1, 1.5, '4500', 'abc')),
  currency: optional(fc.constantFrom<Cell>(null, '', 'EUR', 'eur', 'EURO', 'E1R', 5)),
  active: optional(fc.constantFrom<Cell>(true, false, 'yes', 'no', 'T', 'maybe', 1, 0, null)),
  calcom_event_type_id: optional(fc.constantFrom<Cell>(null, '', 3757698, 0, -5, MAX_ID + 1, '3757698')),
  sync_status: optional(fc.constantFrom<Cell>('pending', 'synced', 'error', 'SYNCED', 'weird', null)),
  // Unknown columns: rejected by name (strict rows), never silently dropped.
  colour: optional(fc.constantFrom<Cell>('red', '')),
  Name: optional(fc.constantFrom<Cell>('typo')),
};

const rowArb: fc.Arbitrary<RawRow> = fc.record({ id: anyId, name: anyName, duration_minutes: anyDuration, ...extras });
export const validRowArb: fc.Arbitrary<RawRow> = fc.record({ id: validId, name: validName, duration_minutes: validDuration });

function present(row: RawRow): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== ABSENT));
}

export function jsonText(rows: RawRow[], pretty: boolean): string {
  return JSON.stringify(rows.map(present), null, pretty ? 2 : undefined);
}

function csvCell(v: Cell): string {
  if (v === ABSENT || v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvText(rows: RawRow[], eol: string, bom: boolean): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(present(r))))];
  if (columns.length === 0) columns.push('id', 'name', 'duration_minutes');
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c] ?? ABSENT)).join(','))];
  return (bom ? '\uFEFF' : '') + lines.join(eol) + eol;
}

export const INVALID_UTF8 = [
  [0xff],
  [0xfe],
  [0x80],
  [0xc0, 0x80],
  [0xc3],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
];

export function insertBytes(bytes: Uint8Array, at: number, extra: number[]): Uint8Array {
  const out = new Uint8Array(bytes.length + extra.length);
  out.set(bytes.subarray(0, at));
  out.set(extra, at);
  out.set(bytes.subarray(at), at + extra.length);
  return out;
}

export const fileArb: fc.Arbitrary<FileSpec> = fc.oneof(
  fc.record({
    kind: fc.constant('json' as const),
    rows: fc.array(rowArb, { maxLength: 8 }),
    pretty: fc.boolean(),
    name: fc.constantFrom('catalogue.json', 'c.JSON', 'c.txt'),
  }),
  fc.record({
    kind: fc.constant('csv' as const),
    rows: fc.array(rowArb, { maxLength: 8 }),
    eol: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
    name: fc.constantFrom('catalogue.csv', 'c.txt'),
  }),
);

type FileSpec =
  | { kind: 'json'; rows: RawRow[]; pretty: boolean; name: string }
  | { kind: 'csv'; rows: RawRow[]; eol: string; bom: boolean; name: string };

export function render(f: FileSpec): { text: string; name: string } {
  return f.kind === 'json' ? { text: jsonText(f.rows, f.pretty), name: f.name } : { text: csvText(f.rows, f.eol, f.bom), name: f.name };
}
