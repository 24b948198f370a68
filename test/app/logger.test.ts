import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';

describe('logger', () => {
  it('never writes a secret: not in messages, not in errors, not in known fields', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    const logger = createLogger('info', ['cal_live_supersecret', 'xoxb-123-abc'], sink);
    logger.info('using cal_live_supersecret now');
    logger.error({ err: new Error('failed with postgres://u:pw1234@db/x and xoxb-123-abc') }, 'boom');
    logger.info({ headers: { authorization: 'Bearer cal_live_supersecret' } }, 'request');
    const all = lines.join('\n');
    expect(lines).toHaveLength(3);
    expect(all).not.toMatch(/supersecret|pw1234|xoxb-123-abc/);
    expect(all).toContain('[redacted]');
  });
});
