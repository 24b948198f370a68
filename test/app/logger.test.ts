import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger.js';

describe('logger', () => {
  it('never writes a secret: not in messages, not in errors, not in known fields', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const logger = createLogger('info', ['cal_live_supersecret', 'xoxb-123-abc'], sink);
    logger.info('using cal_live_supersecret now');
    logger.error({ err: new Error('failed with postgres://u:pw1234@db/x and xoxb-123-abc') }, 'boom');
    logger.info({ headers: { authorization: 'Bearer cal_live_supersecret' } }, 'request');
    const all = lines.join('\n');
    expect(lines).toHaveLength(3);
    expect(all).not.toMatch(/supersecret|pw1234|xoxb-123-abc/);
    expect(all).toContain('[redacted]');
  });

  it('never throws: a string, an object or nothing as `err` is logged as it is, redacted', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const logger = createLogger('info', ['cal_live_supersecret'], sink);
    expect(() => logger.warn({ err: 'message_not_found for cal_live_supersecret' }, 'could not update a message')).not.toThrow();
    expect(() =>
      logger.error({ err: { code: 'slack_webapi_platform_error', detail: 'xoxb-123-abc refused' } }, 'listener error'),
    ).not.toThrow();
    expect(() => logger.error({ err: undefined }, 'nothing')).not.toThrow();
    expect(() => logger.error({ err: null }, 'null')).not.toThrow();
    expect(() => logger.error({ err: 42 }, 'number')).not.toThrow();
    const [str, obj] = lines.map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(str.err).toBe('message_not_found for [redacted]');
    expect(obj.err).toEqual({ code: 'slack_webapi_platform_error', detail: '[redacted] refused' });
    expect(lines.join('\n')).not.toMatch(/supersecret|xoxb-123-abc/);
  });

  it("keeps a nested error's message (Bolt's `original`), redacted, and survives a cycle", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const logger = createLogger('info', [], sink);
    const err = Object.assign(new Error('An API error occurred: message_not_found'), {
      original: new Error('refused for xoxb-123-abc'),
    }) as Error & { self?: unknown };
    err.self = err;
    logger.error({ err }, 'listener error');
    const line = JSON.parse(lines[0]!);
    expect(line.err.message).toBe('An API error occurred: message_not_found');
    expect(line.err.original.message).toBe('refused for [redacted]');
  });
});
