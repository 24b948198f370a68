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
    const rows = parseCatalogue(enc('id,name,duration_minutes,price_cents,active,description\n85,Ansatz + Längenausgleich,45,4500,true,\n86,"Schnitt, kurz",30,,no,Mit Waschen\n'), 'x.csv');
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
    ['id,name,duration_minutes\n1,' + 'x'.repeat(10_000) + ',30\n', /line 2: name must be at most 500 characters/],
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
});
