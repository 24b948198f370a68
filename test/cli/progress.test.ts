// A big catalogue file on a terminal never sits silent: a bar while rows are checked, a line before the write.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseCatalogue } from '../../src/catalogue/parse.js';
import { BIG_IMPORT_ROWS, importProgress } from '../../src/cli/render.js';

function terminal() {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write: (chunk, _enc, done) => {
        chunks.push(String(chunk));
        done();
      },
    }),
    { isTTY: true, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true },
  );
  return { stream, written: () => chunks.join('') };
}

describe('import progress', () => {
  it('shows a bar while a big file is checked and another while it is written; nothing off a terminal', () => {
    expect(importProgress(false)).toBeNull();
    const { stream, written } = terminal();
    const progress = importProgress(true, stream)!;
    const csv = ['id,name,duration_minutes', ...Array.from({ length: BIG_IMPORT_ROWS }, (_, i) => `${i + 1},S${i + 1},30`)].join('\n');
    const rows = parseCatalogue(new TextEncoder().encode(csv), 'big.csv', progress.checking);
    expect(written()).toContain('checking rows [');
    expect(written()).toContain(`${BIG_IMPORT_ROWS}/${BIG_IMPORT_ROWS}`);
    // As importRows reports after each chunk.
    for (let done = 1000; done <= rows.length; done += 1000) progress.writing(done, rows.length);
    expect(written()).toContain('writing rows  [');
    expect(written().slice(written().indexOf('writing rows'))).toContain(`${BIG_IMPORT_ROWS}/${BIG_IMPORT_ROWS}`);
  });
});
