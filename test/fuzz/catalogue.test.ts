// Property tests for catalogue files (SPEC §6, §7 `services import`, §10 "Bad input"): whatever bytes a file
// holds, `parseCatalogue` either returns rows that keep the rules or throws an ImportError whose problems say
// where; and through the CLI a bad file changes nothing in the database and exits 2.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError, parseCatalogue, type CatalogueRow } from '../../src/catalogue/parse.js';
import { runCli } from '../support/cli.js';

const MAX_ID = 2 ** 31 - 1;
const enc = (s: string) => new TextEncoder().encode(s);
const ABSENT = Symbol('absent');
type Cell = unknown | typeof ABSENT;
type RawRow = Record<string, Cell>;

// A problem names its row ("line 3: …", "item 2: …") or, when the file as a whole can't be read, says so.
const ROW_PROBLEM = /^(line|item) \d+: \S/;
const FILE_PROBLEM = /^(the file is not valid JSON: |a JSON catalogue must be an array|the CSV could not be read: )/;

function checkRows(rows: CatalogueRow[]): void {
  const ids = new Set<number>();
  for (const r of rows) {
    expect(Number.isInteger(r.id) && r.id >= 1 && r.id <= MAX_ID, `id ${r.id}`).toBe(true);
    expect(ids.has(r.id), `id ${r.id} twice`).toBe(false);
    ids.add(r.id);
    expect(typeof r.name).toBe('string');
    expect(r.name.trim()).toBe(r.name);
    expect(r.name.length).toBeGreaterThanOrEqual(1);
    expect(r.name.length).toBeLessThanOrEqual(500);
    expect(r.name, 'a control character in a name').not.toMatch(/\p{Cc}/u);
    expect(Number.isInteger(r.duration_minutes) && r.duration_minutes >= 1 && r.duration_minutes <= 7 * 1440, `duration ${r.duration_minutes}`).toBe(true);
    if (r.description != null) expect(r.description.length).toBeLessThanOrEqual(10_000);
    if (r.description != null) expect(r.description, 'a control character in a description').not.toMatch(/[^\P{Cc}\n\r\t]/u);
    if (r.price_cents != null) expect(Number.isInteger(r.price_cents) && r.price_cents >= 0).toBe(true);
    if (r.currency != null) expect(r.currency).toMatch(/^[A-Za-z]{3}$/);
    if (r.calcom_event_type_id != null) expect(Number.isInteger(r.calcom_event_type_id) && r.calcom_event_type_id >= 1 && r.calcom_event_type_id <= MAX_ID).toBe(true);
  }
}

function checkProblems(err: unknown): string[] {
  expect(err, `not an ImportError: ${String((err as Error)?.stack ?? err)}`).toBeInstanceOf(ImportError);
  const problems = (err as ImportError).problems;
  expect(problems.length).toBeGreaterThan(0);
  for (const p of problems) {
    expect(typeof p).toBe('string');
    expect(ROW_PROBLEM.test(p) || FILE_PROBLEM.test(p), `problem does not say where: ${p.slice(0, 200)}`).toBe(true);
  }
  return problems;
}

/** The contract: rows that keep the rules, or ImportError naming a line/item; never another exception. */
function outcome(bytes: Uint8Array, fileName: string): { rows: CatalogueRow[] } | { problems: string[] } {
  let rows: CatalogueRow[];
  try {
    rows = parseCatalogue(bytes, fileName);
  } catch (err) {
    return { problems: checkProblems(err) };
  }
  checkRows(rows);
  return { rows };
}

// ---- generators -------------------------------------------------------------------------------------

// Ids as text; ids with regex metacharacters have their own tests below.
const safeText = fc.string({ unit: fc.constantFrom(...'abcxyz0123456789 -_äé'), maxLength: 12 });

const validId = fc.integer({ min: 1, max: MAX_ID });
const anyId: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 5000 }) },
  { weight: 1, arbitrary: validId },
  { weight: 3, arbitrary: fc.constantFrom<Cell>(0, -1, -MAX_ID, 1.5, MAX_ID + 1, 2 ** 53, 1e300, '85', ' 86 ', '87.0', '1e3', '0x10', '', null, true, 'abc', ABSENT, [1], { id: 1 }) },
  { weight: 1, arbitrary: safeText },
);

// A name is one line with no control character (it becomes the event type's title).
const validName = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0 && s.trim().length <= 500 && !/\p{Cc}/u.test(s));
const anyName: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 6, arbitrary: validName },
  { weight: 3, arbitrary: fc.constantFrom<Cell>(null, '', ' ', '   \t ', '\u00a0', ABSENT, 5, true, 'x'.repeat(10_000), 'y'.repeat(500), ' ' + 'z'.repeat(500) + ' ') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

const validDuration = fc.integer({ min: 1, max: 7 * 1440 });
const anyDuration: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 6, arbitrary: validDuration },
  { weight: 3, arbitrary: fc.constantFrom<Cell>(0, -1, -30, 1.5, 0.5, 7 * 1440 + 1, 1e12, 2 ** 31, Number.MAX_SAFE_INTEGER, '30', ' 45 ', '30.0', '30.5', '3e1', '', null, 'abc', ABSENT, '-0', '1,5') },
  { weight: 1, arbitrary: fc.double() },
);

const optional = (values: fc.Arbitrary<Cell>) => fc.oneof({ weight: 3, arbitrary: fc.constant<Cell>(ABSENT) }, { weight: 2, arbitrary: values });
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
const validRowArb: fc.Arbitrary<RawRow> = fc.record({ id: validId, name: validName, duration_minutes: validDuration });

function present(row: RawRow): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== ABSENT));
}

function jsonText(rows: RawRow[], pretty: boolean): string {
  return JSON.stringify(rows.map(present), null, pretty ? 2 : undefined);
}

function csvCell(v: Cell): string {
  if (v === ABSENT || v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvText(rows: RawRow[], eol: string, bom: boolean): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(present(r))))];
  if (columns.length === 0) columns.push('id', 'name', 'duration_minutes');
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c] ?? ABSENT)).join(','))];
  return (bom ? '\uFEFF' : '') + lines.join(eol) + eol;
}

const INVALID_UTF8 = [[0xff], [0xfe], [0x80], [0xc0, 0x80], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]];

function insertBytes(bytes: Uint8Array, at: number, extra: number[]): Uint8Array {
  const out = new Uint8Array(bytes.length + extra.length);
  out.set(bytes.subarray(0, at));
  out.set(extra, at);
  out.set(bytes.subarray(at), at + extra.length);
  return out;
}

const fileArb: fc.Arbitrary<FileSpec> = fc.oneof(
  fc.record({ kind: fc.constant('json' as const), rows: fc.array(rowArb, { maxLength: 8 }), pretty: fc.boolean(), name: fc.constantFrom('catalogue.json', 'c.JSON', 'c.txt') }),
  fc.record({ kind: fc.constant('csv' as const), rows: fc.array(rowArb, { maxLength: 8 }), eol: fc.constantFrom('\n', '\r\n'), bom: fc.boolean(), name: fc.constantFrom('catalogue.csv', 'c.txt') }),
);

type FileSpec = { kind: 'json'; rows: RawRow[]; pretty: boolean; name: string } | { kind: 'csv'; rows: RawRow[]; eol: string; bom: boolean; name: string };

function render(f: FileSpec): { text: string; name: string } {
  return f.kind === 'json' ? { text: jsonText(f.rows, f.pretty), name: f.name } : { text: csvText(f.rows, f.eol, f.bom), name: f.name };
}

// ---- parseCatalogue ---------------------------------------------------------------------------------

describe('parseCatalogue: rows that keep the rules, or an ImportError that says where', () => {
  it('generated JSON and CSV catalogues with every kind of bad cell', () => {
    fc.assert(fc.property(fileArb, (f) => {
      const { text, name } = render(f);
      void outcome(enc(text), name);
    }), { numRuns: 1500 });
  });

  it('model: all-valid rows with distinct ids are accepted as given, in JSON and CSV (BOM, CRLF)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(validRowArb, { selector: (r) => r.id as number, minLength: 1, maxLength: 10 }), fc.boolean(), fc.constantFrom('\n', '\r\n'), fc.boolean(), (rows, asJson, eol, bom) => {
        const text = asJson ? jsonText(rows, bom) : csvText(rows, eol, bom);
        const got = outcome(enc(text), asJson ? 'c.json' : 'c.csv');
        expect('rows' in got, JSON.stringify(got).slice(0, 300)).toBe(true);
        const parsed = (got as { rows: CatalogueRow[] }).rows;
        expect(parsed.map((r) => [r.id, r.name, r.duration_minutes])).toEqual(rows.map((r) => [r.id, (r.name as string).trim(), r.duration_minutes]));
      }),
      { numRuns: 500 },
    );
  });

  it('model: one bad row among good ones → ImportError, nothing returned', () => {
    const badRow = fc.oneof(
      validRowArb.map((r) => ({ ...r, name: null })),
      validRowArb.map((r) => ({ ...r, name: '   ' })),
      validRowArb.map((r) => ({ ...r, name: 'n'.repeat(10_000) })),
      validRowArb.chain((r) => fc.constantFrom('\t', '\n', '\u001b', '\u0007', '\u009b').map((c) => ({ ...r, name: `a${c}b` }))),
      validRowArb.chain((r) => fc.constantFrom(0, -1, 1.5, 1e12, 7 * 1440 + 1, 'abc').map((d) => ({ ...r, duration_minutes: d }))),
      validRowArb.chain((r) => fc.constantFrom(0, -1, 1.5, MAX_ID + 1).map((id) => ({ ...r, id }))),
      validRowArb.map((r) => ({ ...r, unknown_column: 'x' })),
    );
    fc.assert(
      fc.property(fc.uniqueArray(validRowArb, { selector: (r) => r.id as number, maxLength: 5 }), badRow, fc.nat(), fc.boolean(), (good, bad, at, asJson) => {
        const rows: RawRow[] = [...good];
        rows.splice(at % (rows.length + 1), 0, bad);
        const got = outcome(enc(asJson ? jsonText(rows, true) : csvText(rows, '\n', false)), asJson ? 'c.json' : 'c.csv');
        expect('problems' in got, JSON.stringify(got).slice(0, 200)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('duplicate ids → ImportError naming the second occurrence and the first', () => {
    fc.assert(
      fc.property(validRowArb, validRowArb, fc.constantFrom('\n', '\r\n'), (a, b, eol) => {
        const rows = [a, { ...b, id: a.id }];
        const got = outcome(enc(csvText(rows, eol, false)), 'c.csv');
        expect(got).toEqual({ problems: [`line 3: id ${a.id} appears twice (first on line 2)`] });
      }),
      { numRuns: 200 },
    );
  });

  it('invalid UTF-8 anywhere → ImportError "not valid UTF-8" on the line of the bad byte', () => {
    fc.assert(
      fc.property(fileArb, fc.nat(), fc.constantFrom(...INVALID_UTF8), (f, pos, bad) => {
        const bytes = enc(render(f).text);
        const at = pos % (bytes.length + 1);
        const got = outcome(insertBytes(bytes, at, bad), render(f).name);
        expect('problems' in got).toBe(true);
        const problems = (got as { problems: string[] }).problems;
        expect(problems).toHaveLength(1);
        const line = bytes.subarray(0, at).filter((b) => b === 0x0a).length + 1;
        const said = Number(/^line (\d+): the file is not valid UTF-8/.exec(problems[0]!)?.[1]);
        expect(said).toBe(line);
      }),
      { numRuns: 150 },
    );
  });

  it('mutated bytes: truncated, spliced, random garbage', () => {
    fc.assert(
      fc.property(fileArb, fc.nat(), fc.uint8Array({ maxLength: 20 }), fc.boolean(), (f, pos, junk, truncate) => {
        const { text, name } = render(f);
        const bytes = enc(text);
        const at = pos % (bytes.length + 1);
        void outcome(truncate ? bytes.subarray(0, at) : insertBytes(bytes, at, [...junk]), name);
      }),
      { numRuns: 300 },
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('x.csv', 'x.json'), (bytes, name) => void outcome(bytes, name)), { numRuns: 200 });
    fc.assert(fc.property(fc.jsonValue(), (v) => void outcome(enc(JSON.stringify(v) ?? ''), 'x.json')), { numRuns: 500 });
  });

  it('table: the cases the issue names', () => {
    const csv = (body: string) => outcome(enc(`id,name,duration_minutes\n${body}`), 'c.csv');
    expect(csv('1,,30')).toEqual({ problems: ['line 2: name must not be empty'] });
    expect(csv('1,   ,30')).toEqual({ problems: ['line 2: name must not be empty'] });
    expect(csv(`1,${'n'.repeat(10_000)},30`)).toEqual({ problems: ['line 2: name must be at most 500 characters'] });
    expect(csv('1,A,0')).toEqual({ problems: ['line 2: duration_minutes must be at least 1 minute'] });
    expect(csv('1,A,-5')).toEqual({ problems: ['line 2: duration_minutes must be at least 1 minute'] });
    expect(csv('1,A,1.5')).toEqual({ problems: ['line 2: duration_minutes must be a whole number'] });
    expect(csv('1,A,99999999999')).toEqual({ problems: ['line 2: duration_minutes must be at most a week (10080 minutes)'] });
    expect(csv('2147483648,A,30')).toEqual({ problems: [`line 2: id must be at most ${MAX_ID}`] });
    // A name is one line (it becomes the event type's title); a description may have lines.
    expect(csv('1,"two\nlines",30\n2,B,30')).toEqual({ problems: ['line 3: name must not contain control characters (U+000A at character 4)'] });
    expect(outcome(enc('\uFEFFid,name,duration_minutes\r\n1,A,30\r\n'), 'c.csv')).toEqual({ rows: [{ id: 1, name: 'A', duration_minutes: 30 }] });
    expect(outcome(enc('id,name,duration_minutes,colour\n1,A,30,red'), 'c.csv')).toEqual({ problems: ['line 2: row Unrecognized key: "colour"'] });
    expect(outcome(enc('[{"id":1,"name":null,"duration_minutes":30}]'), 'c.json')).toEqual({ problems: ['line 1: name must be text'] });
    expect('problems' in outcome(enc('[{"id":1,'), 'c.json')).toBe(true);
    expect('problems' in outcome(enc('{"id":1,"name":"A","duration_minutes":30}'), 'c.json')).toBe(true);
    expect('problems' in outcome(enc('id,name\n"1,A'), 'c.csv')).toBe(true);
  });

  // A string id is data, never a pattern: an id like "(" must end in the ImportError, not a SyntaxError.
  it('a JSON id with regex metacharacters → ImportError, not SyntaxError', () => {
    for (const id of ['(', '[', '*', '+1', '\\', '1)(', '?']) {
      void outcome(enc(JSON.stringify([{ id, name: 'A', duration_minutes: 30 }])), 'c.json');
    }
  });

  it('property form: any string id in a JSON catalogue → ImportError', () => {
    fc.assert(fc.property(fc.string({ maxLength: 5 }), (id) => void outcome(enc(JSON.stringify([{ id, name: 'A', duration_minutes: 30 }])), 'c.json')), { numRuns: 300 });
  });

  // The bad byte's line, far into a big file: the search for it was once quadratic (unit tests assert no times).
  it('invalid UTF-8 at the end of a 1,000-row catalogue is reported on its line', () => {
    const text = ['id,name,duration_minutes', ...Array.from({ length: 1000 }, (_, i) => `${i + 1},Service number ${i + 1} with a longish name,30`)].join('\n') + '\n';
    const bytes = insertBytes(enc(text), enc(text).length, [0xff]);
    expect(outcome(bytes, 'c.csv')).toEqual({ problems: ['line 1002: the file is not valid UTF-8 (save it as UTF-8 and try again)'] });
  });

  // The line feed after a cut multi-byte sequence must not be counted first: the bad bytes are on line 2, not 3.
  it('a truncated UTF-8 sequence at the end of line 2 is reported on line 2', () => {
    const bytes = insertBytes(enc('id,name,duration_minutes\n1,A\n2,B,30'), 'id,name,duration_minutes\n1,A'.length, [0xe2, 0x82]);
    expect(outcome(bytes, 'c.csv')).toEqual({ problems: ['line 2: the file is not valid UTF-8 (save it as UTF-8 and try again)'] });
  });

  // A repeated column would otherwise let its last cell win silently (`1,Real name,Oops,30` importing "Oops").
  it('a CSV with a repeated column header → ImportError', () => {
    const got = outcome(enc('id,name,name,duration_minutes\n1,Real name,Oops,30\n'), 'c.csv');
    expect('problems' in got, JSON.stringify(got)).toBe(true);
  });

  it('a duplicate id in a JSON catalogue is reported on its own line', () => {
    const text = '[{"id":1,"name":"A","duration_minutes":30},\n{"id":1,"name":"B","duration_minutes":30}]';
    expect(outcome(enc(text), 'c.json')).toEqual({ problems: ['line 2: id 1 appears twice (first on line 1)'] });
  });
});

// ---- through the CLI ----------------------------------------------------------------------------------

describe('calsync services import with a bad file: exit 2, database unchanged', () => {
  const dir = mkdtempSync(join(tmpdir(), 'calsync-fuzz-catalogue-'));
  const dataDir = join(dir, 'data');
  let n = 0;

  const cli = (env: NodeJS.ProcessEnv, ...argv: string[]) => runCli(argv, env);
  const env = () => ({ CALSYNC_DATA_DIR: dataDir });
  const list = async () => {
    const r = await cli(env(), 'services', 'list', '--json');
    expect(r.code, r.err).toBe(0);
    return r.out;
  };
  function file(content: string | Uint8Array, ext: string): string {
    const path = join(dir, `f${++n}.${ext}`);
    writeFileSync(path, content);
    return path;
  }

  let baseline = '';
  beforeAll(async () => {
    const seeded = await cli(env(), 'services', 'import', file('id,name,duration_minutes,calcom_event_type_id\n85,Ansatz + Längenausgleich,45,3757698\n86,Herrenschnitt,30,\n', 'csv'));
    expect(seeded.code, seeded.err).toBe(0);
    baseline = await list();
    expect(JSON.parse(baseline)).toHaveLength(2);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const BAD: Array<[string, string | Uint8Array, string]> = [
    ['null name', '[{"id":85,"name":"Renamed","duration_minutes":45},{"id":87,"name":null,"duration_minutes":30}]', 'json'],
    ['whitespace name', 'id,name,duration_minutes\n85,Renamed,45\n87,   ,30\n', 'csv'],
    ['zero duration', 'id,name,duration_minutes\n87,A,0\n', 'csv'],
    ['negative duration', 'id,name,duration_minutes\n87,A,-30\n', 'csv'],
    ['float duration', '[{"id":87,"name":"A","duration_minutes":22.5}]', 'json'],
    ['huge duration', '[{"id":87,"name":"A","duration_minutes":1e12}]', 'json'],
    ['10,000-character name', `id,name,duration_minutes\n87,${'n'.repeat(10_000)},30\n`, 'csv'],
    ['duplicate ids', 'id,name,duration_minutes\r\n86,Renamed,30\r\n86,Again,30\r\n', 'csv'],
    ['id beyond 2^31-1', 'id,name,duration_minutes\n2147483648,A,30\n', 'csv'],
    ['unknown column', 'id,name,duration_minutes,colour\n85,Renamed,45,red\n', 'csv'],
    ['JSON garbage', '[{"id":85,"name":"Renamed",', 'json'],
    ['JSON object, not array', '{"id":85,"name":"Renamed","duration_minutes":45}', 'json'],
    ['unclosed CSV quote', 'id,name,duration_minutes\n85,"Renamed,45\n', 'csv'],
    ['invalid UTF-8', insertBytes(enc('\uFEFFid,name,duration_minutes\n85,Renamed,45\n86,Herren,30\n'), 30, [0xc3, 0x28]), 'csv'],
  ];

  it.each(BAD)('%s', async (_name, content, ext) => {
    const r = await cli(env(), 'services', 'import', file(content, ext));
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(/nothing was imported/);
    expect(r.err).not.toMatch(/unexpected error/);
    expect(await list()).toBe(baseline);
  });

  it('fast-check: generated bad catalogues never change the database', async () => {
    const bad = fileArb.filter((f) => {
      try {
        parseCatalogue(enc(render(f).text), render(f).name);
        return false;
      } catch (err) {
        return err instanceof ImportError;
      }
    });
    await fc.assert(
      fc.asyncProperty(bad, async (f) => {
        const { text } = render(f);
        const r = await cli(env(), 'services', 'import', file(text, f.kind));
        expect(r.code, r.err).toBe(2);
        expect(r.err).toMatch(/nothing was imported/);
      }),
      { numRuns: 25 },
    );
    expect(await list()).toBe(baseline);
  });

  // Values the database cannot store are refused by the parser: exit 2 naming the line, nothing written.
  const DB_REJECTS: Array<[string, string]> = [
    ['price_cents beyond a 32-bit integer', '[{"id":87,"name":"A","duration_minutes":30,"price_cents":2147483648}]'],
    ['sync_attempts beyond a 32-bit integer', '[{"id":87,"name":"A","duration_minutes":30,"sync_attempts":3000000000}]'],
    ['a NUL character in the name', '[{"id":87,"name":"A\\u0000B","duration_minutes":30}]'],
    ['a NUL character in the description', '[{"id":87,"name":"A","duration_minutes":30,"description":"x\\u0000y"}]'],
    ['a date in year 0', '[{"id":87,"name":"A","duration_minutes":30,"last_sync_success":"0000-01-01"}]'],
  ];

  it('rows the database rejects: the database is unchanged', async () => {
    for (const [, content] of DB_REJECTS) await cli(env(), 'services', 'import', file(content, 'json'));
    expect(await list()).toBe(baseline);
  });

  // Left to the database, these would end in a Prisma error and "unexpected error" (exit 1) instead.
  it.each(DB_REJECTS)('%s → exit 2 naming the line, not "unexpected error"', async (_name, content) => {
    const r = await cli(env(), 'services', 'import', file(content, 'json'));
    expect(r.err).not.toMatch(/unexpected error/);
    expect(r.code).toBe(2);
  });

  it('a JSON id with a regex metacharacter → exit 2', async () => {
    const r = await cli(env(), 'services', 'import', file('[{"id":"(","name":"A","duration_minutes":30}]', 'json'));
    expect(r.code).toBe(2);
  });

  // A date the import stores must read back: one year-10000 cell would otherwise break the whole listing.
  it('a date in year 10000 does not break `services list` afterwards', async () => {
    const own = { CALSYNC_DATA_DIR: join(dir, 'poisoned') };
    await cli(own, 'services', 'import', file('[{"id":1,"name":"A","duration_minutes":30,"last_sync_success":"10000-01-01"}]', 'json'));
    const r = await cli(own, 'services', 'list', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  // A stale 'exit' listener would, at exit, delete the lock of whichever process holds the directory by then.
  it('opening and closing the database leaves no process "exit" listener behind', async () => {
    const before = process.listenerCount('exit');
    await list();
    await list();
    expect(process.listenerCount('exit')).toBe(before);
  });
});
