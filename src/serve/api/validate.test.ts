/** The edge's parsing: ISO 8601 times for since/until, and how a refusal names fields. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isFeedkeeperError } from '../../core/index.js';
import { parseInput, parseIsoTime, queryInt } from './validate.js';

describe('parseIsoTime', () => {
  it.each([
    ['a date is 00:00 UTC', '2024-03-01', Date.UTC(2024, 2, 1)],
    ['a date-time in UTC', '2024-03-01T08:30:00Z', Date.UTC(2024, 2, 1, 8, 30)],
    ['a date-time with milliseconds', '2024-03-01T08:30:00.250Z', Date.UTC(2024, 2, 1, 8, 30, 0, 250)],
    ['an offset east of UTC', '2024-03-01T08:30:00+08:00', Date.UTC(2024, 2, 1, 0, 30)],
    ['an offset west of UTC, without the colon', '2024-03-01T08:30-0500', Date.UTC(2024, 2, 1, 13, 30)],
    ['no offset means UTC', '2024-03-01T08:30:00', Date.UTC(2024, 2, 1, 8, 30)],
    ['a leap day', '2024-02-29', Date.UTC(2024, 1, 29)],
    ['a day that does not exist', '2023-02-29', null],
    ['a month that does not exist', '2024-13-01', null],
    ['an hour that does not exist', '2024-03-01T24:00:00Z', null],
    ['an offset no zone has', '2024-03-01T08:30:00+25:00', null],
    ['words', 'yesterday', null],
    ['epoch milliseconds', '1709251200000', null],
    ['a date with slashes', '2024/03/01', null],
  ])('%s: %s', (_case, text, expected) => {
    expect(parseIsoTime(text)).toBe(expected);
  });
});

describe('parseInput', () => {
  const schema = z.strictObject({ limit: queryInt(1, 500), tags: z.array(z.string()).optional() });
  const message = (where: 'query' | 'body', data: unknown) => {
    try {
      parseInput(where, schema, data);
    } catch (err) {
      if (isFeedkeeperError(err, 'USAGE')) return err.message;
      throw err;
    }
    return 'accepted';
  };

  it.each([
    ['a value that does not parse', 'query', { limit: 'abc' }, 'limit: expected a whole number from 1 to 500, got "abc"'],
    ['a value out of range', 'query', { limit: '900' }, 'limit: expected a whole number from 1 to 500, got 900'],
    ['a missing value', 'query', {}, 'limit: required (a string)'],
    ['an unknown query parameter', 'query', { limit: '5', lmit: '5' }, 'lmit: unknown parameter'],
    ['an unknown body field', 'body', { limit: '5', extra: 1 }, 'extra: unknown field'],
    ['a nested item', 'body', { limit: '5', tags: ['a', 7] }, 'tags.1: expected a string, got 7'],
    ['several problems at once', 'body', { limit: 'x', tags: 'a' }, 'limit: expected a whole number from 1 to 500, got "x"; tags: expected an array, got "a"'],
    ['a body that is not an object', 'body', 'text', 'body: expected an object, got "text"'],
  ] as const)('names the field for %s', (_case, where, data, expected) => {
    expect(message(where, data)).toBe(expected);
  });

  it('returns typed values when the input fits', () => {
    expect(parseInput('query', schema, { limit: '25' })).toEqual({ limit: 25 });
  });
});
