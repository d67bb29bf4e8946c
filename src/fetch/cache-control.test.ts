import { describe, expect, it } from 'vitest';
import { parseMaxAgeMs } from './cache-control.js';

describe('parseMaxAgeMs', () => {
  it.each([
    ['plain', 'max-age=300', 300_000],
    ['among others', 'public, max-age=60, must-revalidate', 60_000],
    ['upper case name', 'Max-Age=10', 10_000],
    ['quoted value', 'max-age="15"', 15_000],
    ['zero', 'no-cache, max-age=0', 0],
    ['first one wins', 'max-age=5, max-age=99', 5_000],
    ['s-maxage is not max-age', 's-maxage=600', null],
    ['malformed value', 'max-age=soon', null],
    ['negative value', 'max-age=-1', null],
    ['absent', 'no-store', null],
    ['no header', undefined, null],
    ['empty', '', null],
  ])('%s: %j → %j', (_case, header, expected) => {
    expect(parseMaxAgeMs(header)).toBe(expected);
  });
});
