import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration-text.js';

describe('formatDuration', () => {
  it.each<[number, string]>([
    [0, '0 s'],
    [45_000, '45 s'],
    [120_000, '120 s'],
    [180_000, '3 min'],
    [90 * 60_000, '90 min'],
    [2 * 3_600_000, '2 h'],
    [36 * 3_600_000, '36 h'],
    [3 * 86_400_000, '3 d'],
    [Number.POSITIVE_INFINITY, 'never'],
  ])('%s ms → %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});
