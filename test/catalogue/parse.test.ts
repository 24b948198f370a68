// Catalogue files: JSON and CSV, every bad row reported with its line, nothing accepted half-way.
import { describe, expect, it } from 'vitest';
import { ImportError, parseCatalogue } from '../../src/catalogue/parse.js';

const enc = (s: string) => new TextEncoder().encode(s);
function problems(bytes: Uint8Array, name: string): string[] {
  try {
    parseCatalogue(bytes, name);
  } catch (err) {
    if (err instanceof ImportError) return err.problems;
    throw err;
  }
  throw new Error('expected an ImportError');
}

describe('parseCatalogue', () => {
  it('reads CSV with the table column names; empty cells are null, omitted columns absent', () => {
    const rows = parseCatalogue(
      enc(
        'id,name,duration_minutes,price_cents,active,description\n85,Ansatz + Längenausgleich,45,4500,true,\n86,"Schnitt, kurz",30,,no,Mit Waschen\n',
      ),
      'x.csv',
    );
    expect(rows).toEqual([
      { id: 85, name: 'Ansatz + Längenausgleich', duration_minutes: 45, price_cents: 4500, active: true, description: null },
      { id: 86, name: 'Schnitt, kurz', duration_minutes: 30, price_cents: null, active: false, description: 'Mit Waschen' },
    ]);
  });

  it('reads JSON arrays', () => {
    expect(parseCatalogue(enc('[{"id":1,"name":"A","duration_minutes":15,"calcom_event_type_id":3757698}]'), 'c.json')).toEqual([
      { id: 1, name: 'A', duration_minutes: 15, calcom_event_type_id: 3757698 },
    ]);
  });

  it.each([
    ['id,name,duration_minutes\n1,,30\n', /line 2: name must not be empty/],
    ['id,name,duration_minutes\n1,A,0\n', /line 2: duration_minutes must be at least 1 minute/],
    ['id,name,duration_minutes\n1,A,-5\n', /line 2: duration_minutes/],
    ['id,name,duration_minutes\n1,A,12.5\n', /line 2: duration_minutes must be a whole number/],
    ['id,name,duration_minutes\nabc,A,30\n', /line 2: id/],
    ['id,name,duration_minutes\n1,A,30\n1,B,30\n', /line 3: id 1 appears twice \(first on line 2\)/],
    ['id,name,duration_minutes,colour\n1,A,30,red\n', /line 2: .*colour/],
    [`id,name,duration_minutes\n1,${'x'.repeat(10_000)},30\n`, /line 2: name must be at most 500 characters/],
    ['id,name\n1,"unterminated\n', /CSV could not be read/],
  ])('CSV %#', (csv, expected) => {
    expect(problems(enc(csv), 'c.csv').join('\n')).toMatch(expected);
  });

  it.each([
    ['{"id":1}', /must be an array/],
    ['[{"id":1,"name":null,"duration_minutes":30}]', /line 1: name must be text/],
    ['[\n {"id":1,"name":"A","duration_minutes":30},\n {"id":2,"name":"B","duration_minutes":"zehn"}\n]', /line 3: duration_minutes/],
    ['[{"id":1,', /not valid JSON/],
  ])('JSON %#', (json, expected) => {
    expect(problems(enc(json), 'c.json').join('\n')).toMatch(expected);
  });

  it('lists every bad row, not just the first', () => {
    expect(problems(enc('id,name,duration_minutes\n1,,30\n2,B,30\n3,C,0\n'), 'c.csv')).toHaveLength(2);
  });

  it('rejects invalid UTF-8 naming the line', () => {
    const bytes = new Uint8Array([...enc('id,name,duration_minutes\n1,A,30\n2,'), 0xff, 0xfe, ...enc(',30\n')]);
    expect(problems(bytes, 'c.csv')).toEqual(['line 3: the file is not valid UTF-8 (save it as UTF-8 and try again)']);
  });

  it.each([
    [
      'a tab in a name',
      'id,name,duration_minutes\n1,A,30\n2,"Cut\tDry",30\n',
      'line 3: name must not contain control characters (U+0009 at character 4)',
    ],
    [
      'a newline in a name',
      'id,name,duration_minutes\n1,"Cut\nDry",30\n',
      'line 3: name must not contain control characters (U+000A at character 4)',
    ],
    [
      'an escape sequence in a name',
      'id,name,duration_minutes\n1,\u001b]52;c;aGk=\u0007Cut,30\n',
      'line 2: name must not contain control characters (U+001B at character 1)',
    ],
    [
      'a C1 control in a name',
      'id,name,duration_minutes\n1,Cut\u009b31m,30\n',
      'line 2: name must not contain control characters (U+009B at character 4)',
    ],
    [
      'an escape in a description',
      'id,name,duration_minutes,description\n1,A,30,Wash \u001b[2J\n',
      'line 2: description must not contain control characters other than line breaks and tabs (U+001B at character 6)',
    ],
  ])('refuses control characters: %s', (_name, csv, problem) => {
    expect(problems(enc(csv), 'c.csv')).toEqual([problem]);
  });

  it('refuses control characters in a JSON catalogue on the line of the row, with the column and character; a description keeps line breaks and tabs', () => {
    const ok = '{"id": 1, "name": "A", "duration_minutes": 30, "description": "Waschen\\n\\tSchneiden\\r\\nFöhnen"}';
    expect(parseCatalogue(enc(`[${ok}]`), 'c.json')[0]?.description).toBe('Waschen\n\tSchneiden\r\nFöhnen');
    const json = `[\n  ${ok},\n  {"id": 2, "name": "B\\u001b[31m", "duration_minutes": 30}\n]`;
    expect(problems(enc(json), 'c.json')).toEqual(['line 3: name must not contain control characters (U+001B at character 2)']);
  });

  it("reads other systems' spellings of sync_status as the engine does; refuses others", () => {
    const rows = parseCatalogue(enc('id,name,duration_minutes,sync_status\n1,A,30,ERROR\n2,B,30, Synced \n3,C,30,failed\n'), 'c.csv');
    expect(rows.map((r) => r.sync_status)).toEqual(['error', 'synced', 'error']);
    expect(problems(enc('id,name,duration_minutes,sync_status\n1,A,30,weird\n'), 'c.csv')).toEqual([
      'line 2: sync_status must be pending, synced or error',
    ]);
  });

  it('a 16,000-row JSON catalogue with ids written 85.0 imports, and an error in row 15,999 names its line', () => {
    const objects = Array.from({ length: 16_000 }, (_, i) => `  {"id": ${i + 1}.0, "name": "Service ${i + 1}", "duration_minutes": 45.0}`);
    const good = `[\n${objects.join(',\n')}\n]\n`;
    const rows = parseCatalogue(enc(good), 'big.json');
    expect(rows).toHaveLength(16_000);
    expect(rows[84]).toEqual({ id: 85, name: 'Service 85', duration_minutes: 45 });
    expect(rows[15_999]).toEqual({ id: 16_000, name: 'Service 16000', duration_minutes: 45 });

    objects[15_998] = '  {"id": 15999.0, "name": "Service 15999", "duration_minutes": 0}';
    // Row 15,999 is on line 16,000: the array's `[` has line 1 to itself.
    expect(problems(enc(`[\n${objects.join(',\n')}\n]\n`), 'big.json')).toEqual(['line 16000: duration_minutes must be at least 1 minute']);
  });

  it('reports progress while checking rows, ending at the total', () => {
    const csv = ['id,name,duration_minutes', ...Array.from({ length: 2500 }, (_, i) => `${i + 1},S${i + 1},30`)].join('\n');
    const seen: Array<[number, number]> = [];
    parseCatalogue(enc(csv), 'c.csv', (done, total) => seen.push([done, total]));
    expect(seen).toEqual([
      [0, 2500],
      [1000, 2500],
      [2000, 2500],
      [2500, 2500],
    ]);
  });
});
