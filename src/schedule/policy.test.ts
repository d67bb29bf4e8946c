import { describe, expect, it } from 'vitest';
import { isFeedkeeperError } from '../core/index.js';
import {
  DEFAULT_BOUNDS,
  MAX_RETRY_AFTER_MS,
  UNKNOWN_CADENCE_INTERVAL_MS,
  nextCheck,
  syUpdatePeriodMs,
  type FeedTiming,
  type FetchOutcome,
  type NextCheckInput,
  type ScheduleBounds,
} from './index.js';
import { planNextCheck } from './policy.js';

const SEC = 1_000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2024, 0, 31, 12, 0, 0);
const MAX = DEFAULT_BOUNDS.maxIntervalMs;

/** A draw of 0.5 puts the jitter factor at 1 for delays away from the bounds. */
const NO_JITTER = (): number => 0.5;

/** Item times spaced `gapMs` apart, newest first (the policy must not care about order). */
function itemsEvery(gapMs: number, count = 6): number[] {
  return Array.from({ length: count }, (_, i) => NOW - i * gapMs);
}

type Overrides = Partial<Omit<NextCheckInput, 'timing'>> & { timing?: Partial<FeedTiming> };

function inputWith(overrides: Overrides): NextCheckInput {
  return {
    nowMs: NOW,
    outcome: { kind: 'ok' },
    consecutiveFailures: 0,
    bounds: DEFAULT_BOUNDS,
    random: NO_JITTER,
    ...overrides,
    timing: { recentItemTimesMs: [], ...overrides.timing },
  };
}

/** The rule's delay before jitter. */
function plan(overrides: Overrides = {}): { delayMs: number; reason: string } {
  const { baseMs, reason } = planNextCheck(inputWith(overrides));
  return { delayMs: baseMs, reason };
}

/** The final, jittered delay. */
function check(overrides: Overrides = {}): { delayMs: number; reason: string } {
  const { atMs, reason } = nextCheck(inputWith(overrides));
  return { delayMs: atMs - NOW, reason };
}

/** A small deterministic generator for property-style loops. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('nextCheck after a successful fetch', () => {
  it.each<[string, Partial<FeedTiming>, number, string]>([
    ['no items: middle default', {}, UNKNOWN_CADENCE_INTERVAL_MS, 'no publishing history; default 60 min'],
    ['one item: still no cadence', { recentItemTimesMs: [NOW - DAY] }, UNKNOWN_CADENCE_INTERVAL_MS, 'no publishing history; default 60 min'],
    ['all items at one instant: no cadence', { recentItemTimesMs: [NOW, NOW, NOW] }, UNKNOWN_CADENCE_INTERVAL_MS, 'no publishing history; default 60 min'],
    ['hourly publisher: half the gap', { recentItemTimesMs: itemsEvery(HOUR) }, 30 * MIN, 'publishes every ~60 min'],
    ['every 4 h: every 2 h', { recentItemTimesMs: itemsEvery(4 * HOUR) }, 2 * HOUR, 'publishes every ~4 h'],
    [
      'the median ignores one long pause',
      { recentItemTimesMs: [NOW, NOW - HOUR, NOW - 2 * HOUR, NOW - 3 * HOUR, NOW - 10 * DAY] },
      30 * MIN,
      'publishes every ~60 min',
    ],
    [
      'item order does not matter',
      { recentItemTimesMs: [NOW - 2 * HOUR, NOW, NOW - 6 * HOUR, NOW - 4 * HOUR] },
      HOUR,
      'publishes every ~2 h',
    ],
    [
      'same-timestamp batches use the mean gap',
      { recentItemTimesMs: [NOW, NOW, NOW, NOW, NOW - 7 * HOUR, NOW - 7 * HOUR, NOW - 7 * HOUR, NOW - 7 * HOUR] },
      30 * MIN,
      'publishes every ~60 min',
    ],
    [
      'non-finite item times are ignored',
      { recentItemTimesMs: [Number.NaN, ...itemsEvery(4 * HOUR), Number.POSITIVE_INFINITY] },
      2 * HOUR,
      'publishes every ~4 h',
    ],
    [
      'a very busy feed is held to the min interval',
      { recentItemTimesMs: itemsEvery(2 * MIN) },
      10 * MIN,
      'publishes every ~120 s; min interval 10 min',
    ],
    ['a rare publisher is capped at max', { recentItemTimesMs: itemsEvery(3 * DAY) }, MAX, 'publishes every ~3 d; capped at 12 h'],
    ['ttl raises the floor', { recentItemTimesMs: itemsEvery(HOUR), ttlMinutes: 120 }, 2 * HOUR, 'publishes every ~60 min; ttl 2 h'],
    ['a ttl below the adaptive interval changes nothing', { recentItemTimesMs: itemsEvery(4 * HOUR), ttlMinutes: 15 }, 2 * HOUR, 'publishes every ~4 h'],
    ['sy:updatePeriod raises the floor', { recentItemTimesMs: itemsEvery(HOUR), updatePeriodMs: 3 * HOUR }, 3 * HOUR, 'publishes every ~60 min; sy:updatePeriod 3 h'],
    ['max-age raises the floor', { recentItemTimesMs: itemsEvery(HOUR), maxAgeMs: 90 * MIN }, 90 * MIN, 'publishes every ~60 min; max-age 90 min'],
    [
      'the largest hint wins',
      { recentItemTimesMs: itemsEvery(HOUR), ttlMinutes: 60, updatePeriodMs: 2 * HOUR, maxAgeMs: 5 * HOUR },
      5 * HOUR,
      'publishes every ~60 min; max-age 5 h',
    ],
    [
      'a hint past the max interval is capped',
      { recentItemTimesMs: itemsEvery(HOUR), updatePeriodMs: DAY },
      MAX,
      'publishes every ~60 min; sy:updatePeriod 24 h, capped at 12 h',
    ],
    [
      'unusable hints are ignored',
      { recentItemTimesMs: itemsEvery(HOUR), ttlMinutes: -5, updatePeriodMs: Number.NaN, maxAgeMs: 0 },
      30 * MIN,
      'publishes every ~60 min',
    ],
    ['a hint also applies with no history', { ttlMinutes: 180 }, 3 * HOUR, 'no publishing history; default 60 min; ttl 3 h'],
  ])('%s', (_case, timing, expectedDelay, expectedReason) => {
    const { delayMs, reason } = plan({ timing });
    expect(delayMs).toBe(expectedDelay);
    expect(reason).toBe(expectedReason);
  });

  it('treats not-modified like ok', () => {
    const timing = { recentItemTimesMs: itemsEvery(4 * HOUR), ttlMinutes: 60 };
    expect(plan({ outcome: { kind: 'not-modified' }, timing })).toEqual(plan({ outcome: { kind: 'ok' }, timing }));
  });

  it('ignores a past failure streak once a fetch succeeds', () => {
    const timing = { recentItemTimesMs: itemsEvery(HOUR) };
    expect(plan({ consecutiveFailures: 200, timing }).delayMs).toBe(30 * MIN);
  });

  it.each<[string, ScheduleBounds, number, number]>([
    ['daily publisher inside wide bounds', { minIntervalMs: 5 * MIN, maxIntervalMs: DAY }, DAY, 12 * HOUR],
    ['weekly publisher capped at 24 h', { minIntervalMs: 5 * MIN, maxIntervalMs: DAY }, 7 * DAY, DAY],
    ['busy feed held to a 5 min floor', { minIntervalMs: 5 * MIN, maxIntervalMs: DAY }, MIN, 5 * MIN],
    ['min equal to max pins every check', { minIntervalMs: HOUR, maxIntervalMs: HOUR }, 10 * MIN, HOUR],
  ])('custom bounds: %s', (_case, bounds, gapMs, expectedDelay) => {
    expect(plan({ bounds, timing: { recentItemTimesMs: itemsEvery(gapMs) } }).delayMs).toBe(expectedDelay);
  });
});

describe('nextCheck after an error', () => {
  it.each<[number, number, string]>([
    [1, 10 * MIN, 'backoff after 1 failure'],
    [2, 20 * MIN, 'backoff after 2 failures'],
    [3, 40 * MIN, 'backoff after 3 failures'],
    [4, 80 * MIN, 'backoff after 4 failures'],
    [6, 320 * MIN, 'backoff after 6 failures'],
    [7, 640 * MIN, 'backoff after 7 failures'],
    [8, MAX, 'backoff after 8 failures'],
    [5_000, MAX, 'backoff after 5000 failures'],
    [0, 10 * MIN, 'backoff after 1 failure'],
    [Number.NaN, 10 * MIN, 'backoff after 1 failure'],
  ])('%s consecutive failures → %s ms', (failures, expectedDelay, expectedReason) => {
    const { delayMs, reason } = plan({ outcome: { kind: 'error' }, consecutiveFailures: failures });
    expect(delayMs).toBe(expectedDelay);
    expect(reason).toBe(expectedReason);
  });

  it('backs off monotonically and never past the max interval', () => {
    const delays = Array.from({ length: 60 }, (_, i) => plan({ outcome: { kind: 'error' }, consecutiveFailures: i + 1 }).delayMs);
    for (const [i, delay] of delays.entries()) {
      expect(delay).toBeLessThanOrEqual(MAX);
      if (i > 0) expect(delay).toBeGreaterThanOrEqual(delays[i - 1] ?? 0);
    }
    expect(delays.at(-1)).toBe(MAX);
  });

  it('keeps trying a feed that fails for days, at most every max interval, and recovers by itself', () => {
    const random = seededRandom(3);
    const timing = { recentItemTimesMs: itemsEvery(HOUR) };
    let nowMs = NOW;
    let failures = 0;
    while (nowMs < NOW + 3 * DAY) {
      failures += 1;
      const next = nextCheck({ nowMs, outcome: { kind: 'error' }, consecutiveFailures: failures, timing, bounds: DEFAULT_BOUNDS, random });
      expect(next.atMs - nowMs).toBeLessThanOrEqual(MAX);
      nowMs = next.atMs;
    }
    expect(failures).toBeGreaterThan(8); // still being tried on day three
    const recovered = nextCheck({ nowMs, outcome: { kind: 'ok' }, consecutiveFailures: 0, timing, bounds: DEFAULT_BOUNDS, random: NO_JITTER });
    expect(recovered.atMs - nowMs).toBe(30 * MIN);
  });
});

describe('nextCheck after a rate limit', () => {
  it.each<[string, number | null, number, number, string]>([
    ['Retry-After longer than the floor is honoured', 2 * HOUR, 0, 2 * HOUR, 'retry-after 2 h'],
    ['Retry-After beyond the max interval is still honoured', DAY, 0, DAY, 'retry-after 24 h'],
    ['Retry-After shorter than the min interval waits the min', 120 * SEC, 0, 10 * MIN, 'retry-after 120 s; min interval 10 min'],
    ['Retry-After of 0 waits the min', 0, 0, 10 * MIN, 'retry-after 0 s; min interval 10 min'],
    ['an absurd Retry-After is held to a week', 90 * DAY, 0, MAX_RETRY_AFTER_MS, 'retry-after 90 d, capped at 7 d'],
    ['no Retry-After: error backoff', null, 3, 40 * MIN, 'rate-limited, backoff after 3 failures'],
    ['a negative Retry-After is treated as absent', -5 * SEC, 1, 10 * MIN, 'rate-limited, backoff after 1 failure'],
  ])('%s', (_case, retryAfterMs, failures, expectedDelay, expectedReason) => {
    const outcome: FetchOutcome = { kind: 'rate-limited', retryAfterMs };
    const { delayMs, reason } = plan({ outcome, consecutiveFailures: failures });
    expect(delayMs).toBe(expectedDelay);
    expect(reason).toBe(expectedReason);
  });

  it.each([0, 0.3, 0.7, 0.999_999])('never checks before Retry-After (draw %s)', (draw) => {
    const { delayMs } = check({ outcome: { kind: 'rate-limited', retryAfterMs: 2 * HOUR }, random: () => draw });
    expect(delayMs).toBeGreaterThanOrEqual(2 * HOUR);
    expect(delayMs).toBeLessThan(2.4 * HOUR);
  });
});

describe('nextCheck for a gone feed', () => {
  it('checks rarely, at the max interval, and says why', () => {
    const { delayMs, reason } = plan({ outcome: { kind: 'gone' }, timing: { recentItemTimesMs: itemsEvery(HOUR) } });
    expect(delayMs).toBe(MAX);
    expect(reason).toBe('gone (410); checking every ~12 h');
  });
});

describe('jitter', () => {
  const midTiming = { recentItemTimesMs: itemsEvery(4 * HOUR) }; // base 2 h, far from both bounds

  it.each<[number, number]>([
    [0, 0.9],
    [0.25, 0.95],
    [0.5, 1],
    [0.75, 1.05],
  ])('draw %s multiplies a mid-range delay by %s', (draw, factor) => {
    expect(check({ timing: midTiming, random: () => draw }).delayMs).toBe(Math.round(2 * HOUR * factor));
  });

  it('stays below 1.1 × base for a draw just under 1', () => {
    const { delayMs } = check({ timing: midTiming, random: () => 0.999_999 });
    expect(delayMs).toBeLessThan(1.1 * 2 * HOUR);
    expect(delayMs).toBeGreaterThan(1.09 * 2 * HOUR);
  });

  it.each<[string, FetchOutcome, number, number, number]>([
    ['at the max interval the window slides down', { kind: 'gone' }, 0, 0.8 * MAX, MAX],
    ['at the min interval the window slides up', { kind: 'error' }, 0, 10 * MIN, 1.2 * 10 * MIN],
  ])('%s', (_case, outcome, failures, low, high) => {
    expect(check({ outcome, consecutiveFailures: failures, random: () => 0 }).delayMs).toBe(low);
    const top = check({ outcome, consecutiveFailures: failures, random: () => 0.999_999 }).delayMs;
    expect(top).toBeLessThanOrEqual(high);
    expect(top).toBeGreaterThan(low);
  });

  it('keeps every outcome inside its bounds for any draw', () => {
    const random = seededRandom(42);
    const outcomes: FetchOutcome[] = [{ kind: 'ok' }, { kind: 'error' }, { kind: 'gone' }, { kind: 'rate-limited', retryAfterMs: null }];
    for (let i = 0; i < 400; i++) {
      const outcome = outcomes[i % outcomes.length] ?? { kind: 'ok' };
      const gapMs = 1 + Math.floor(random() * 5 * DAY);
      const { delayMs } = check({ outcome, consecutiveFailures: i % 12, random, timing: { recentItemTimesMs: itemsEvery(gapMs) } });
      expect(delayMs).toBeGreaterThanOrEqual(DEFAULT_BOUNDS.minIntervalMs);
      expect(delayMs).toBeLessThanOrEqual(MAX);
    }
  });

  it('spreads feeds with the same cadence over the window', () => {
    const random = seededRandom(7);
    const delays = new Set(Array.from({ length: 50 }, () => check({ timing: midTiming, random }).delayMs));
    expect(delays.size).toBeGreaterThan(40);
  });

  it('never goes below a raised floor', () => {
    const { delayMs } = check({ timing: { recentItemTimesMs: itemsEvery(HOUR), ttlMinutes: 120 }, random: () => 0 });
    expect(delayMs).toBe(2 * HOUR);
  });
});

describe('nextCheck input validation', () => {
  it.each<[string, ScheduleBounds]>([
    ['zero min', { minIntervalMs: 0, maxIntervalMs: HOUR }],
    ['max below min', { minIntervalMs: HOUR, maxIntervalMs: MIN }],
    ['non-finite max', { minIntervalMs: MIN, maxIntervalMs: Number.POSITIVE_INFINITY }],
    ['NaN min', { minIntervalMs: Number.NaN, maxIntervalMs: HOUR }],
  ])('rejects bounds with %s', (_case, bounds) => {
    let caught: unknown;
    try {
      check({ bounds });
    } catch (err) {
      caught = err;
    }
    expect(isFeedkeeperError(caught, 'CONFIG_INVALID')).toBe(true);
    expect(String((caught as Error).message)).toMatch(/schedule bounds: expected 0 < minIntervalMs ≤ maxIntervalMs/);
  });
});

describe('syUpdatePeriodMs', () => {
  it.each<[string | null, string | null, number | null]>([
    ['hourly', '1', HOUR],
    ['hourly', '2', 30 * MIN],
    ['daily', null, DAY],
    ['daily', '4', 6 * HOUR],
    ['weekly', '1', 7 * DAY],
    ['monthly', '1', 30 * DAY],
    ['yearly', '1', 365 * DAY],
    ['daily', '3', 8 * HOUR],
    [' Daily ', ' 2 ', 12 * HOUR],
    ['HOURLY', null, HOUR],
    [null, '4', 6 * HOUR],
    ['daily', '0', DAY],
    ['daily', '-2', DAY],
    ['daily', 'often', DAY],
    ['fortnightly', '1', null],
    ['toString', '1', null],
    [null, null, null],
    ['', '  ', null],
  ])('(%j, %j) → %s', (period, frequency, expected) => {
    expect(syUpdatePeriodMs(period, frequency)).toBe(expected);
  });
});
