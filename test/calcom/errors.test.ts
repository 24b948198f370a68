// The engine tells an adapter's failed call from any other error by its class (isApiFailure), never by the
// fields an error happens to carry.
import { describe, expect, it } from 'vitest';
import { CalcomError, RedisError } from '../../src/calcom/errors.js';
import { classify, isApiFailure } from '../../src/sync/classify.js';

describe('isApiFailure', () => {
  it.each([
    ['an HTTP error', CalcomError.fromResponse(404, JSON.stringify({ error: { message: 'Event type with id 7 not found' } }))],
    ['a timeout', CalcomError.timeout(10_000)],
    ['Cal.com unreachable', CalcomError.network(new Error('connect ECONNREFUSED'))],
    ['Redis not answering', RedisError.from('redis://h:6379', undefined, 'no answer')],
  ])('%s is one', (_what, err) => expect(isApiFailure(err)).toBe(true));

  it.each([
    ['an error that looks like one', Object.assign(new Error('Cal.com API error 500'), { status: 500, retryable: true })],
    ['a plain object', { status: 404, retryable: false, message: 'x' }],
    ['a TypeError', new TypeError('x is undefined')],
    ['nothing', undefined],
  ])('%s is not', (_what, err) => expect(isApiFailure(err)).toBe(false));

  it('keeps the cause, and classify reads the class it narrowed to', () => {
    const cause = new Error('socket hang up');
    const err: unknown = CalcomError.network(cause);
    expect(isApiFailure(err) && classify(err)).toBe('retryable');
    expect((err as Error).cause).toBe(cause);
  });
});
