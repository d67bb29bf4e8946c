import { describe, expect, it } from 'vitest';
import { FeedkeeperError } from '../core/index.js';
import { DEFAULT_WATCH, MAX_TRANSIENT_RETRIES, nextPlannedCheck, parseWatchPlan, transientDelayMs } from './index.js';

const SEC = 1_000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const CREATED = Date.UTC(2024, 4, 1, 8, 0, 0);

/** The USAGE error parseWatchPlan throws, or a test failure when it does not throw one. */
function usageError(text: string, where?: string): FeedkeeperError {
  try {
    if (where === undefined) parseWatchPlan(text);
    else parseWatchPlan(text, where);
  } catch (err) {
    expect(err).toBeInstanceOf(FeedkeeperError);
    const fe = err as FeedkeeperError;
    expect(fe.code).toBe('USAGE');
    return fe;
  }
  throw new Error(`parseWatchPlan(${JSON.stringify(text)}) did not throw`);
}

describe('parseWatchPlan', () => {
  it('parses the default schedule into increasing offsets', () => {
    expect(parseWatchPlan(DEFAULT_WATCH)).toEqual([HOUR, 6 * HOUR, DAY, 3 * DAY, 7 * DAY, 30 * DAY]);
  });

  it('parses a single step', () => {
    expect(parseWatchPlan('2d')).toEqual([2 * DAY]);
  });

  it.each([
    ['off'],
    ['none'],
    ['OFF'],
    ['  None  '],
    ['\toff\n'],
  ])('%j turns watching off (null)', (text) => {
    expect(parseWatchPlan(text)).toBeNull();
  });

  it.each([
    ['90s', 90 * SEC],
    ['5m', 5 * MIN],
    ['5min', 5 * MIN],
    ['3h', 3 * HOUR],
    ['2d', 2 * DAY],
    ['2w', 2 * WEEK],
  ])('unit: %s is %d ms', (text, ms) => {
    expect(parseWatchPlan(text)).toEqual([ms]);
  });

  it('accepts every unit in one list', () => {
    expect(parseWatchPlan('90s,5m,10min,3h,2d,2w')).toEqual([90 * SEC, 5 * MIN, 10 * MIN, 3 * HOUR, 2 * DAY, 2 * WEEK]);
  });

  it('accepts decimals', () => {
    expect(parseWatchPlan('1.5h,2.25d,0.5w')).toEqual([1.5 * HOUR, 2.25 * DAY, 3.5 * DAY]);
  });

  it('ignores whitespace around steps and between number and unit, and case', () => {
    expect(parseWatchPlan('  1H , 6 h,1D ,\t3 d , 1W  ')).toEqual([HOUR, 6 * HOUR, DAY, 3 * DAY, WEEK]);
    expect(parseWatchPlan('10MIN,20Min')).toEqual([10 * MIN, 20 * MIN]);
  });

  it('accepts the bounds themselves: exactly 1 minute and exactly 10 years', () => {
    expect(parseWatchPlan('1m')).toEqual([MIN]);
    expect(parseWatchPlan('60s')).toEqual([MIN]);
    expect(parseWatchPlan('3650d')).toEqual([3650 * DAY]);
  });

  it('accepts 50 steps', () => {
    const text = Array.from({ length: 50 }, (_, i) => `${i + 1}h`).join(',');
    const plan = parseWatchPlan(text);
    expect(plan).toHaveLength(50);
    expect(plan?.[49]).toBe(50 * HOUR);
  });

  describe('errors (USAGE, naming the bad part)', () => {
    it('an empty string', () => {
      const err = usageError('');
      expect(err.message).toContain('"" is not a duration');
    });

    it('a blank string', () => {
      expect(usageError('   ').message).toContain('is not a duration');
    });

    it.each([['5x'], ['10y'], ['3ms'], ['1hour'], ['h'], ['-1h'], ['1e3s'], ['1,5h']])('a bad step %j', (bad) => {
      const err = usageError(`1m,${bad}`);
      expect(err.message).toContain('is not a duration');
    });

    it('names the bad step itself', () => {
      const err = usageError('1h,6x,1d');
      expect(err.message).toContain('"6x" is not a duration like 30m, 6h, 1d or 2w');
    });

    it('an empty step between commas, or a trailing comma', () => {
      expect(usageError('1h,,6h').message).toContain('"" is not a duration');
      expect(usageError('1h,6h,').message).toContain('"" is not a duration');
    });

    it('a repeated step', () => {
      const err = usageError('1h,6h,6h');
      expect(err.message).toContain('"6h" does not come after the step before it');
    });

    it('a step smaller than the one before', () => {
      const err = usageError('1h,1d,6h');
      expect(err.message).toContain('"6h" does not come after the step before it');
    });

    it('equal durations in different units are not increasing', () => {
      expect(usageError('60m,1h').message).toContain('"1h" does not come after');
    });

    it.each([['59s'], ['0.5m'], ['0m'], ['0s']])('a step under 1 minute: %s', (bad) => {
      const err = usageError(`${bad},1h`);
      expect(err.message).toContain(`"${bad}" is outside 1 minute to 10 years`);
    });

    it.each([['3651d'], ['522w'], ['87601h']])('a step over 10 years: %s', (bad) => {
      const err = usageError(`1h,${bad}`);
      expect(err.message).toContain(`"${bad}" is outside 1 minute to 10 years`);
    });

    it('more than 50 steps', () => {
      const text = Array.from({ length: 51 }, (_, i) => `${i + 1}h`).join(',');
      const err = usageError(text);
      expect(err.message).toContain('has 51 steps; at most 50');
    });

    it('says where the schedule came from and quotes the whole text', () => {
      const err = usageError('1h,bad', "feed 3's watch schedule");
      expect(err.message.startsWith(`feed 3's watch schedule "1h,bad":`)).toBe(true);
      expect(err.message).toContain('(or "off")');
      expect(err.details).toEqual({ field: 'watch' });
    });

    it('defaults the place to "watch schedule"', () => {
      expect(usageError('nope').message.startsWith('watch schedule "nope":')).toBe(true);
    });
  });
});

describe('nextPlannedCheck', () => {
  const plan = [HOUR, 6 * HOUR, DAY];

  it('before the first step: the first step', () => {
    expect(nextPlannedCheck(CREATED, CREATED, plan)).toBe(CREATED + HOUR);
    expect(nextPlannedCheck(CREATED, CREATED + 59 * MIN, plan)).toBe(CREATED + HOUR);
  });

  it('between steps: the next one', () => {
    expect(nextPlannedCheck(CREATED, CREATED + 2 * HOUR, plan)).toBe(CREATED + 6 * HOUR);
    expect(nextPlannedCheck(CREATED, CREATED + 6 * HOUR + 1, plan)).toBe(CREATED + DAY);
  });

  it('exactly at a step: the step after it (the check now is that step)', () => {
    expect(nextPlannedCheck(CREATED, CREATED + HOUR, plan)).toBe(CREATED + 6 * HOUR);
    expect(nextPlannedCheck(CREATED, CREATED + 6 * HOUR, plan)).toBe(CREATED + DAY);
  });

  it('one millisecond before a step: that step', () => {
    expect(nextPlannedCheck(CREATED, CREATED + 6 * HOUR - 1, plan)).toBe(CREATED + 6 * HOUR);
  });

  it('a late check folds the missed steps into the next one (planned from first sight, not the last check)', () => {
    expect(nextPlannedCheck(CREATED, CREATED + 20 * HOUR, plan)).toBe(CREATED + DAY);
  });

  it('after the last step, or exactly at it: null', () => {
    expect(nextPlannedCheck(CREATED, CREATED + DAY, plan)).toBeNull();
    expect(nextPlannedCheck(CREATED, CREATED + 400 * DAY, plan)).toBeNull();
  });

  it('a null plan (off): null', () => {
    expect(nextPlannedCheck(CREATED, CREATED, null)).toBeNull();
  });

  it('an empty plan: null', () => {
    expect(nextPlannedCheck(CREATED, CREATED, [])).toBeNull();
  });

  it('before the article was first seen (clock skew): the first step', () => {
    expect(nextPlannedCheck(CREATED, CREATED - DAY, plan)).toBe(CREATED + HOUR);
  });
});

describe('transientDelayMs', () => {
  it('starts at 15 minutes', () => {
    expect(transientDelayMs(1)).toBe(15 * MIN);
  });

  it('treats 0 (and below) like the first failure', () => {
    expect(transientDelayMs(0)).toBe(15 * MIN);
    expect(transientDelayMs(-3)).toBe(15 * MIN);
  });

  it('doubles with each failure', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(transientDelayMs)).toEqual([15, 30, 60, 120, 240, 480, 960].map((m) => m * MIN));
  });

  it('is capped at one day', () => {
    expect(transientDelayMs(8)).toBe(DAY); // 1920 min uncapped
    expect(transientDelayMs(20)).toBe(DAY);
    expect(transientDelayMs(5000)).toBe(DAY); // 2 ** 4999 is Infinity: still a day
  });

  it('the retries before falling back to the plan stay well under the cap', () => {
    expect(transientDelayMs(MAX_TRANSIENT_RETRIES)).toBeLessThan(DAY);
  });
});
