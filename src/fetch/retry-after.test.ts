import { describe, expect, it } from 'vitest';
import { parseHttpDate, parseRetryAfter } from './retry-after.js';

const NOW = Date.UTC(2024, 0, 31, 12, 0, 0); // Wed, 31 Jan 2024 12:00:00 GMT

describe('parseRetryAfter', () => {
  it.each([
    ['delta seconds', '120', 120_000],
    ['zero seconds', '0', 0],
    ['surrounding spaces', '  30 ', 30_000],
    ['IMF-fixdate 90 s ahead', 'Wed, 31 Jan 2024 12:01:30 GMT', 90_000],
    ['IMF-fixdate, lower-case gmt', 'Wed, 31 Jan 2024 12:00:05 gmt', 5_000],
    ['RFC 850 date', 'Wednesday, 31-Jan-24 12:02:00 GMT', 120_000],
    ['asctime date (read as GMT)', 'Wed Jan 31 12:00:10 2024', 10_000],
    ['asctime with a one-digit day', 'Thu Feb  1 12:00:00 2024', 86_400_000],
    ['date in the past means now', 'Tue, 30 Jan 2024 12:00:00 GMT', 0],
    ['null header', null, null],
    ['empty', '', null],
    ['negative seconds', '-5', null],
    ['fractional seconds', '1.5', null],
    ['words', 'soon', null],
    ['date without zone', 'Wed, 31 Jan 2024 12:01:30', null],
    ['impossible date', 'Sat, 31 Feb 2024 12:00:00 GMT', null],
    ['hour out of range', 'Wed, 31 Jan 2024 25:00:00 GMT', null],
    ['ISO 8601 is not an HTTP-date', '2024-01-31T12:01:00Z', null],
  ])('%s: %j → %j', (_case, value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('parseHttpDate', () => {
  it('puts a two-digit RFC 850 year more than 50 years ahead in the past century', () => {
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseHttpDate('Monday, 06-Nov-34 08:49:37 GMT', NOW)).toBe(Date.UTC(2034, 10, 6, 8, 49, 37));
  });
});
