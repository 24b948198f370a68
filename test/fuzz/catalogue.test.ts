// Property tests for catalogue files (SPEC §6, §7 `services import`, §10 "Bad input"): whatever bytes a file
// holds, `parseCatalogue` either returns rows that keep the rules or throws an ImportError whose problems say
// where. Through the CLI: catalogue-import.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportError, parseCatalogue, type CatalogueRow } from '../../src/catalogue/parse.js';
import { csvText, enc, fileArb, insertBytes, INVALID_UTF8, jsonText, MAX_ID, render, validRowArb, type RawRow } from './catalogue-files.js';

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
    expect(
      Number.isInteger(r.duration_minutes) && r.duration_minutes >= 1 && r.duration_minutes <= 7 * 1440,
      `duration ${r.duration_minutes}`,
    ).toBe(true);
    if (r.description != null) expect(r.description.length).toBeLessThanOrEqual(10_000);
    if (r.description != null) expect(r.description, 'a control character in a description').not.toMatch(/[^\P{Cc}\n\r\t]/u);
    if (r.price_cents != null) expect(Number.isInteger(r.price_cents) && r.price_cents >= 0).toBe(true);
    if (r.currency != null) expect(r.currency).toMatch(/^[A-Za-z]{3}$/);
    if (r.calcom_event_type_id != null)
      expect(Number.isInteger(r.calcom_event_type_id) && r.calcom_event_type_id >= 1 && r.calcom_event_type_id <= MAX_ID).toBe(true);
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

describe('parseCatalogue: rows that keep the rules, or an ImportError that says where', () => {
  it('generated JSON and CSV catalogues with every kind of bad cell', () => {
    fc.assert(
      fc.property(fileArb, (f) => {
        const { text, name } = render(f);
        void outcome(enc(text), name);
      }),
      { numRuns: 1500 },
    );
  });

  it('model: all-valid rows with distinct ids are accepted as given, in JSON and CSV (BOM, CRLF)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(validRowArb, { selector: (r) => r.id as number, minLength: 1, maxLength: 10 }),
        fc.boolean(),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (rows, asJson, eol, bom) => {
          const text = asJson ? jsonText(rows, bom) : csvText(rows, eol, bom);
          const got = outcome(enc(text), asJson ? 'c.json' : 'c.csv');
          expect('rows' in got, JSON.stringify(got).slice(0, 300)).toBe(true);
          const parsed = (got as { rows: CatalogueRow[] }).rows;
          expect(parsed.map((r) => [r.id, r.name, r.duration_minutes])).toEqual(
            rows.map((r) => [r.id, (r.name as string).trim(), r.duration_minutes]),
          );
        },
      ),
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
      fc.property(
        fc.uniqueArray(validRowArb, { selector: (r) => r.id as number, maxLength: 5 }),
        badRow,
        fc.nat(),
        fc.boolean(),
        (good, bad, at, asJson) => {
          const rows: RawRow[] = [...good];
          rows.splice(at % (rows.length + 1), 0, bad);
          const got = outcome(enc(asJson ? jsonText(rows, true) : csvText(rows, '\n', false)), asJson ? 'c.json' : 'c.csv');
          expect('problems' in got, JSON.stringify(got).slice(0, 200)).toBe(true);
        },
      ),
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
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('x.csv', 'x.json'), (bytes, name) => void outcome(bytes, name)),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (v) => void outcome(enc(JSON.stringify(v) ?? ''), 'x.json')),
      { numRuns: 500 },
    );
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
    expect(csv('1,"two\nlines",30\n2,B,30')).toEqual({
      problems: ['line 3: name must not contain control characters (U+000A at character 4)'],
    });
    expect(outcome(enc('\uFEFFid,name,duration_minutes\r\n1,A,30\r\n'), 'c.csv')).toEqual({
      rows: [{ id: 1, name: 'A', duration_minutes: 30 }],
    });
    expect(outcome(enc('id,name,duration_minutes,colour\n1,A,30,red'), 'c.csv')).toEqual({
      problems: ['line 2: row Unrecognized key: "colour"'],
    });
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
    fc.assert(
      fc.property(
        fc.string({ maxLength: 5 }),
        (id) => void outcome(enc(JSON.stringify([{ id, name: 'A', duration_minutes: 30 }])), 'c.json'),
      ),
      { numRuns: 300 },
    );
  });

  // The bad byte's line, far into a big file: the search for it was once quadratic (unit tests assert no times).
  it('invalid UTF-8 at the end of a 1,000-row catalogue is reported on its line', () => {
    const text = `${['id,name,duration_minutes', ...Array.from({ length: 1000 }, (_, i) => `${i + 1},Service number ${i + 1} with a longish name,30`)].join('\n')}\n`;
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
