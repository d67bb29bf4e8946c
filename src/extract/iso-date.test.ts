import { describe, expect, it } from 'vitest';
import { normalizeIsoDate } from './iso-date.js';

describe('normalizeIsoDate', () => {
  it.each([
    ['UTC with Z', '2024-03-05T13:20:00Z', '2024-03-05T13:20:00.000Z'],
    ['offset with colon', '2024-03-06T09:15:00+08:00', '2024-03-06T01:15:00.000Z'],
    ['offset without colon', '2024-03-06T09:15:00+0800', '2024-03-06T01:15:00.000Z'],
    ['hour-only offset', '2024-03-06T09:15:00+08', '2024-03-06T01:15:00.000Z'],
    ['negative offset across midnight', '2024-02-18T22:00:00-05:00', '2024-02-19T03:00:00.000Z'],
    ['fraction cut to milliseconds', '2024-03-04T07:31:20.123456Z', '2024-03-04T07:31:20.123Z'],
    ['space instead of T, zone after a space', '2024-03-03 21:05:00 Z', '2024-03-03T21:05:00.000Z'],
    ['no seconds', '2024-03-03T21:05Z', '2024-03-03T21:05:00.000Z'],
    ['a date alone is midnight UTC', '2024-03-04', '2024-03-04T00:00:00.000Z'],
    ['surrounding whitespace', '  2024-03-04  ', '2024-03-04T00:00:00.000Z'],
  ])('%s', (_case, text, iso) => {
    expect(normalizeIsoDate(text)).toBe(iso);
  });

  it.each([
    ['a time without a zone (not guessed)', '2024-03-06 09:15:00'],
    ['month 13', '2024-13-01'],
    ['30 February', '2024-02-30'],
    ['hour 24', '2024-03-01T24:00:00Z'],
    ['second 60', '2024-03-01T23:59:60Z'],
    ['offset beyond +14:00', '2024-03-01T10:00:00+15:00'],
    ['RFC 822 (not ISO)', 'Tue, 05 Mar 2024 13:20:00 GMT'],
    ['Chinese layout (not ISO)', '2024年3月5日'],
    ['empty', ''],
    ['null', null],
  ])('rejects %s', (_case, text) => {
    expect(normalizeIsoDate(text)).toBeNull();
  });
});
