// Rows another system wrote straight into the table, as the CLI shows them: no terminal control sequence
// from a name, an error or a status reaches the terminal, `--json` stays exact JSON, and the
// sync_status spellings of other systems (`ERROR`, `failed`, ` Synced `) are read as calsync's own.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/app/context.js';
import { runCli, withCliSandbox } from '../support/cli.js';
import { loadConfig } from '../../src/config.js';
import type { Emulator } from '../../src/sandbox/emulator.js';

const KEY = 'cal_test_cli_text';
const OSC52 = '\u001b]52;c;cm0gLXJmIH4=\u0007';
const HOSTILE_NAME = `Färben ${OSC52}\u202Eevil\u200B \u009b31m`;
const HOSTILE_ERROR = `Cal.com API error 500: ${OSC52}\u001b[2J\u001b[31mred\r\u0008`;
const ODD_STATUS = 'weird\u001b[31m';

let em: Emulator;
const dir = mkdtempSync(join(tmpdir(), 'calsync-cli-text-'));
let env: NodeJS.ProcessEnv;

const cli = (...argv: string[]) => runCli(argv, env);

/** What a terminal would obey: any control character but newline and tab, or a bidi/zero-width character. */
function expectTerminalSafe(text: string): void {
  expect(text.replace(/[\n\t]/g, ''), JSON.stringify(text)).not.toMatch(/\p{Cc}/u);
  expect(text, JSON.stringify(text)).not.toMatch(/\p{Cf}/u);
}

withCliSandbox(dir, { key: KEY }, async (sandbox) => {
  ({ em, env } = sandbox);
  const ctx = await createContext(loadConfig({ LOG_LEVEL: 'warn', ...env }));
  try {
    const at = new Date('2026-11-24T08:00:00Z');
    await ctx.db.prisma.service.createMany({
      data: [
        { id: 301, name: HOSTILE_NAME, durationMinutes: 30, syncStatus: 'ERROR', syncError: HOSTILE_ERROR, lastCalcomSync: at },
        {
          id: 302,
          name: 'Herrenschnitt',
          durationMinutes: 30,
          syncStatus: 'failed',
          syncError: 'Cal.com API error 503: Service Unavailable',
          lastCalcomSync: at,
        },
        { id: 303, name: 'Föhnen', durationMinutes: 15, syncStatus: ' Synced ', lastSyncSuccess: at, lastCalcomSync: at },
        { id: 304, name: 'Waschen', durationMinutes: 10, syncStatus: ODD_STATUS },
        { id: 305, name: 'Neu', durationMinutes: 20 },
      ],
    });
  } finally {
    await ctx.close();
  }
});

describe('catalogue text and odd sync_status values in the CLI', () => {
  it('services list prints no control sequence, and shows a status it cannot read as written', async () => {
    const r = await cli('services', 'list');
    expect(r.code).toBe(0);
    expectTerminalSafe(r.out);
    expect(r.out).toContain('Färben ]52;c;cm0gLXJmIH4=');
    expect(r.out).toMatch(/^301 .* error /m);
    expect(r.out).toMatch(/^302 .* error /m);
    expect(r.out).toMatch(/^303 .* synced /m);
    expect(r.out).toContain('unknown ("weird [31m")');
  });

  it('services list --json is the exact JSON of the rows, with nothing raw a terminal would obey', async () => {
    const r = await cli('services', 'list', '--json');
    expectTerminalSafe(r.out);
    const rows = JSON.parse(r.out) as Array<{ id: number; name: string; sync_status: string; sync_error: string | null }>;
    expect(rows.find((s) => s.id === 301)).toMatchObject({ name: HOSTILE_NAME, sync_status: 'error', sync_error: HOSTILE_ERROR });
    expect(rows.find((s) => s.id === 304)).toMatchObject({ sync_status: ODD_STATUS });
  });

  it('--status error finds every spelling of error', async () => {
    const list = JSON.parse((await cli('services', 'list', '--status', 'error', '--json')).out) as Array<{ id: number }>;
    expect(list.map((s) => s.id)).toEqual([301, 302]);
    const unknown = JSON.parse((await cli('services', 'list', '--status', 'unknown', '--json')).out) as Array<{ id: number }>;
    expect(unknown.map((s) => s.id)).toEqual([304]);
  });

  it('status prints the error without its control sequences', async () => {
    const r = await cli('status', '301');
    expect(r.code).toBe(0);
    expectTerminalSafe(r.out);
    expect(r.out).toMatch(/status:\s+error/);
    expect(r.out).toContain('last error:    Cal.com API error 500:');
    expect((await cli('status', '304')).out).toMatch(/status:\s+unknown \("weird \[31m"\)/);
  });

  it('digest --print counts the unreadable status apart and prints no control sequence', async () => {
    const r = await cli('digest', '--print');
    expect(r.code).toBe(0);
    expectTerminalSafe(r.out);
    expect(r.out).toMatch(/2 failing/);
    expect(r.out).toContain('Unknown status: 1');
    expect(r.out).toMatch(/Service 301 · Färben/);
  });

  it('sync --failed finds ERROR and failed; the row with an escape in its name fails before any request', async () => {
    const r = await cli('sync', '--failed');
    expect(r.code).toBe(1);
    expectTerminalSafe(r.out);
    expect(r.out).toMatch(
      /^service 301 Färben .*: failed after 0 attempts: Invalid service 301: name must not contain control characters \(U\+001B at character 8\)$/m,
    );
    expect(r.out).toMatch(/^service 302 Herrenschnitt: created, event type \d+/m);
    expect(em.eventTypes(KEY).map((e) => e.slug)).toEqual(['herrenschnitt-302']);
  });
});
