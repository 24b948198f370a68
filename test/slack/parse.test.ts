import { describe, expect, it } from 'vitest';
import { MAX_IDS, parseCommand } from '../../src/slack/commands/parse.js';
import { invalidInputMessage } from '../../src/slack/messages/index.js';

describe('parseCommand', () => {
  it.each([
    ['85', { kind: 'sync', ids: [85] }],
    ['  85  ', { kind: 'sync', ids: [85] }],
    ['sync 85 86', { kind: 'sync', ids: [85, 86] }],
    ['sync 85,86, 85', { kind: 'sync', ids: [85, 86] }],
    ['#85', { kind: 'sync', ids: [85] }],
    ['SYNC 2147483647', { kind: 'sync', ids: [2147483647] }],
    ['status 85', { kind: 'status', id: 85 }],
    ['diff 85', { kind: 'diff', id: 85 }],
    ['failed', { kind: 'failed' }],
    ['all', { kind: 'all' }],
    ['import', { kind: 'import' }],
    ['digest', { kind: 'digest' }],
    ['help', { kind: 'help' }],
    ['', { kind: 'help' }],
    ['   ', { kind: 'help' }],
  ])('%j → %j', (text, cmd) => expect(parseCommand(text)).toEqual(cmd));

  it.each([
    ['abc', /unknown command "abc"/],
    ['-1', /"-1" is not a service id/],
    ['0', /out of range/],
    ['2147483648', /out of range/],
    ['99999999999999999999', /out of range/],
    ['85abc', /"85abc" is not a service id/],
    ['1.5', /is not a service id/],
    ['sync', /at least one service id/],
    ['status', /exactly one service id/],
    ['status 85 86', /exactly one service id/],
    ['failed now', /takes no arguments/],
    [Array.from({ length: MAX_IDS + 1 }, (_, i) => i + 1).join(' '), /at most 20 service ids/],
    [Array.from({ length: 1000 }, (_, i) => i + 1).join(' '), /too long/],
    ['85\u0000', /control characters/],
    ['sync 85\u001b[31m', /control characters/],
    ['<!channel>', /unknown command "\?\?channel\?"/],
  ])('%j is refused: %s', (text, reason) => {
    const cmd = parseCommand(text);
    if (cmd.kind !== 'invalid') throw new Error(`expected invalid, got ${cmd.kind}`);
    expect(invalidInputMessage(cmd.problem, 'en').text).toMatch(reason);
  });

  it.each([
    ['abc', { code: 'unknown-command', word: 'abc' }, 'unbekannter Befehl „abc“'],
    ['85abc', { code: 'not-an-id', word: '85abc' }, '„85abc“ ist keine Dienstleistungs-ID (eine ganze Zahl wie 85)'],
    [
      '0',
      { code: 'out-of-range', word: '0', max: 2 ** 31 - 1 },
      'die Dienstleistungs-ID 0 liegt außerhalb des gültigen Bereichs (1 bis 2147483647)',
    ],
    ['diff', { code: 'one-id', verb: 'diff' }, '`/calsync diff` erwartet genau eine Dienstleistungs-ID, z. B. `/calsync diff 85`'],
    ['all now', { code: 'no-arguments', verb: 'all' }, '`/calsync all` erwartet keine weiteren Angaben'],
    ['85\u0000', { code: 'control-characters' }, 'der Text enthält Steuerzeichen'],
  ])('%j is refused as data, worded in German without English', (text, problem, german) => {
    expect(parseCommand(text)).toEqual({ kind: 'invalid', problem });
    expect(invalidInputMessage(problem as never, 'de').text).toBe(
      `Das konnte ich nicht lesen: ${german} — Was ich verstehe, zeigt \`/calsync help\`.`,
    );
  });

  it('an echoed word is cut after 20 characters, on a character', () => {
    const cmd = parseCommand('x'.repeat(19) + 'é'.repeat(5));
    expect(cmd).toEqual({ kind: 'invalid', problem: { code: 'unknown-command', word: `${'x'.repeat(19)}é…` } });
  });
});
