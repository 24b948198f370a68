// A bad catalogue file through `calsync services import` (SPEC §7, §10 "Bad input"): exit 2, a message naming
// the line, and nothing changed in the database.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError, parseCatalogue } from '../../src/catalogue/parse.js';
import { runCli } from '../support/cli.js';
import { enc, fileArb, insertBytes, render } from './catalogue-files.js';

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
    const seeded = await cli(
      env(),
      'services',
      'import',
      file('id,name,duration_minutes,calcom_event_type_id\n85,Ansatz + Längenausgleich,45,3757698\n86,Herrenschnitt,30,\n', 'csv'),
    );
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
