import { describe, expect, it } from 'vitest';
import { suggestName } from './suggest.js';

const NAMES = ['fetchTimeoutSeconds', 'connectTimeoutSeconds', 'maxFeedBytes', 'port', 'host', 'logLevel', 'logFormat'];

describe('suggestName', () => {
  it.each([
    ['a missing letter and unit', 'fetchTimout', 'fetchTimeoutSeconds'],
    ['the unit left off', 'fetchTimeout', 'fetchTimeoutSeconds'],
    ['snake case', 'fetch_timeout_seconds', 'fetchTimeoutSeconds'],
    ['other capitals', 'FetchTimeoutSeconds', 'fetchTimeoutSeconds'],
    ['swapped letters', 'prot', 'port'],
    ['one wrong letter', 'hast', 'host'],
    ['a short prefix is not enough', 'log', null],
    ['nothing close', 'colour', null],
    ['the closest of two', 'connectTimeout', 'connectTimeoutSeconds'],
    ['maxFeedSize is too far from maxFeedBytes', 'maxFeedSize', null],
  ])('%s: %s → %s', (_case, input, expected) => {
    expect(suggestName(input, NAMES)).toBe(expected);
  });
});
