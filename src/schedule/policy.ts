/**
 * The next-check policy: given how the last fetch of a feed went and what the feed says about its own
 * timing, decide when to fetch it again and say why in a few words. Pure: time, randomness and bounds
 * are arguments, so every rule is a table test. It never touches the store, the queue or the network.
 *
 * The rules, by outcome:
 *
 * - ok / not-modified: adapt to how often the feed publishes. The cadence is the median gap between
 *   the recent item times (when items arrive in same-timestamp batches, so the median gap is 0, the
 *   mean gap over the span is used instead); we check at half the cadence so a new item waits on
 *   average a quarter of a gap. No usable history (fewer than two distinct times) → 1 h. The feed's
 *   own hints raise the floor: RSS <ttl>, sy:updatePeriod/sy:updateFrequency and Cache-Control max-age
 *   (the largest wins) — we never check sooner than the feed asked, but a hint never pushes past
 *   maxIntervalMs. The result is clamped to [minIntervalMs, maxIntervalMs].
 * - error: exponential backoff, minIntervalMs × 2^(failures − 1), capped at maxIntervalMs. There is
 *   no give-up point: a feed that fails for days is still tried every maxIntervalMs and recovers by
 *   itself once it answers again.
 * - rate-limited: Retry-After when the server gave one — at least that long, and never sooner than
 *   minIntervalMs; an absurd value is held to MAX_RETRY_AFTER_MS (or maxIntervalMs if larger) so a
 *   bad header cannot silence a feed forever. Without Retry-After: the error backoff.
 * - gone (410): keep the feed and its archive, but check only every maxIntervalMs.
 *
 * Jitter: the delay is multiplied by a factor in [0.9, 1.1) drawn from `random`, so feeds added
 * together (an OPML import) do not all fire in the same second forever after. When that ±10 % window
 * would cross a bound, the window slides inside it instead of being cut off: feeds held at
 * maxIntervalMs still spread out, over [0.8, 1.0) × max, and a Retry-After is only ever lengthened,
 * over [1.0, 1.2) × the server's delay. So the bounds (and a raised floor) hold exactly after jitter.
 *
 * `consecutiveFailures` counts failures in a row including the outcome being scheduled (the caller
 * increments before calling); values below 1 are read as 1 for error and rate-limited outcomes.
 */
import { FeedkeeperError } from '../core/index.js';
import { formatDuration } from './duration-text.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface ScheduleBounds {
  minIntervalMs: number;
  maxIntervalMs: number;
}

export const DEFAULT_BOUNDS: Readonly<ScheduleBounds> = Object.freeze({
  minIntervalMs: 10 * MINUTE,
  maxIntervalMs: 12 * HOUR,
});

/** Interval after a successful fetch when the items tell us nothing about the feed's cadence. */
export const UNKNOWN_CADENCE_INTERVAL_MS = HOUR;

/** The longest Retry-After we honour (unless maxIntervalMs is longer still). */
export const MAX_RETRY_AFTER_MS = 7 * DAY;

/** Jitter amplitude: delays are multiplied by a factor in [1 − JITTER, 1 + JITTER). */
const JITTER = 0.1;

export interface FeedTiming {
  /** RSS <ttl>, in minutes. */
  ttlMinutes?: number | null;
  /** From sy:updatePeriod + sy:updateFrequency (see syUpdatePeriodMs). */
  updatePeriodMs?: number | null;
  /** Cache-Control max-age of the last response. */
  maxAgeMs?: number | null;
  /** Publish times of the latest items, in any order. */
  recentItemTimesMs: number[];
}

export type FetchOutcome =
  | { kind: 'ok' | 'not-modified' }
  | { kind: 'rate-limited'; retryAfterMs: number | null }
  | { kind: 'error' }
  | { kind: 'gone' };

export interface NextCheckInput {
  nowMs: number;
  outcome: FetchOutcome;
  consecutiveFailures: number;
  timing: FeedTiming;
  bounds: ScheduleBounds;
  /** A uniform draw in [0, 1), e.g. Math.random; injected so tests are deterministic. */
  random: () => number;
}

export interface NextCheck {
  atMs: number;
  /** Short and human, shown in `feedkeeper list`: "publishes every ~2 h", "backoff after 3 failures". */
  reason: string;
}

/** The delay a rule chose, before jitter, and the range jitter must stay inside. */
export interface DelayPlan {
  baseMs: number;
  floorMs: number;
  ceilingMs: number;
  reason: string;
}

export function nextCheck(input: NextCheckInput): NextCheck {
  const plan = planNextCheck(input);
  const delayMs = jitterWithin(plan, input.random());
  return { atMs: Math.round(input.nowMs + delayMs), reason: plan.reason };
}

/** The rules without the jitter: which delay, why, and within what range. Exposed for tests. */
export function planNextCheck(input: Omit<NextCheckInput, 'random'>): DelayPlan {
  assertValidInput(input);
  const { outcome, bounds } = input;
  switch (outcome.kind) {
    case 'ok':
    case 'not-modified':
      return planAfterSuccess(input.timing, bounds);
    case 'error':
      return planBackoff(input.consecutiveFailures, bounds, 'backoff');
    case 'rate-limited':
      return outcome.retryAfterMs !== null && isNonNegative(outcome.retryAfterMs)
        ? planRetryAfter(outcome.retryAfterMs, bounds)
        : planBackoff(input.consecutiveFailures, bounds, 'rate-limited, backoff');
    case 'gone':
      return {
        ...withinBounds(bounds, bounds.maxIntervalMs),
        reason: `gone (410); checking every ~${formatDuration(bounds.maxIntervalMs)}`,
      };
  }
}

function planAfterSuccess(timing: FeedTiming, bounds: ScheduleBounds): DelayPlan {
  const { minIntervalMs: min, maxIntervalMs: max } = bounds;
  const cadenceMs = publishingCadenceMs(timing.recentItemTimesMs);
  const adaptiveMs = cadenceMs === null ? UNKNOWN_CADENCE_INTERVAL_MS : cadenceMs / 2;
  let reason =
    cadenceMs === null
      ? `no publishing history; default ${formatDuration(UNKNOWN_CADENCE_INTERVAL_MS)}`
      : `publishes every ~${formatDuration(cadenceMs)}`;

  const hint = strongestHint(timing);
  const floorMs = Math.min(Math.max(min, hint?.ms ?? 0), max);
  const baseMs = Math.min(Math.max(adaptiveMs, floorMs), max);

  if (hint !== null && hint.ms > adaptiveMs && hint.ms > min) {
    reason += `; ${hint.label} ${formatDuration(hint.ms)}`;
    if (hint.ms > max) reason += `, capped at ${formatDuration(max)}`;
  } else if (adaptiveMs > max) {
    reason += `; capped at ${formatDuration(max)}`;
  } else if (adaptiveMs < min) {
    reason += `; min interval ${formatDuration(min)}`;
  }
  return { baseMs, floorMs, ceilingMs: max, reason };
}

function planBackoff(consecutiveFailures: number, bounds: ScheduleBounds, label: string): DelayPlan {
  const failures = Number.isFinite(consecutiveFailures) && consecutiveFailures >= 1 ? Math.floor(consecutiveFailures) : 1;
  // 2 ** large is Infinity, which Math.min turns into the cap: no overflow to worry about.
  const backoffMs = Math.min(bounds.minIntervalMs * 2 ** (failures - 1), bounds.maxIntervalMs);
  return {
    ...withinBounds(bounds, backoffMs),
    reason: `${label} after ${failures} failure${failures === 1 ? '' : 's'}`,
  };
}

function planRetryAfter(retryAfterMs: number, bounds: ScheduleBounds): DelayPlan {
  const limitMs = Math.max(MAX_RETRY_AFTER_MS, bounds.maxIntervalMs);
  const honouredMs = Math.min(Math.max(retryAfterMs, bounds.minIntervalMs), limitMs);
  let reason = `retry-after ${formatDuration(retryAfterMs)}`;
  if (retryAfterMs < bounds.minIntervalMs) reason += `; min interval ${formatDuration(bounds.minIntervalMs)}`;
  if (retryAfterMs > limitMs) reason += `, capped at ${formatDuration(limitMs)}`;
  // The server's delay is a floor: jitter may only lengthen it.
  return { baseMs: honouredMs, floorMs: honouredMs, ceilingMs: Number.POSITIVE_INFINITY, reason };
}

function withinBounds(bounds: ScheduleBounds, baseMs: number): Omit<DelayPlan, 'reason'> {
  return { baseMs, floorMs: bounds.minIntervalMs, ceilingMs: bounds.maxIntervalMs };
}

/**
 * The typical gap between items: the median gap, or the mean gap when the median is 0 (items
 * published in same-timestamp batches, or date-only feeds). Null without two distinct times.
 */
function publishingCadenceMs(times: readonly number[]): number | null {
  const sorted = times.filter((t) => Number.isFinite(t)).sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined || last === first) return null;
  const gaps = sorted.slice(1).map((t, i) => t - (sorted[i] ?? t));
  const median = medianOf(gaps);
  return median > 0 ? median : (last - first) / gaps.length;
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : (upper + (sorted[mid - 1] ?? upper)) / 2;
}

/** The largest of the feed's own "do not check sooner than" hints, with its name for the reason. */
function strongestHint(timing: FeedTiming): { ms: number; label: string } | null {
  const hints = [
    { ms: timing.ttlMinutes == null ? null : timing.ttlMinutes * MINUTE, label: 'ttl' },
    { ms: timing.updatePeriodMs ?? null, label: 'sy:updatePeriod' },
    { ms: timing.maxAgeMs ?? null, label: 'max-age' },
  ];
  let best: { ms: number; label: string } | null = null;
  for (const { ms, label } of hints) {
    if (ms !== null && Number.isFinite(ms) && ms > 0 && (best === null || ms > best.ms)) best = { ms, label };
  }
  return best;
}

/**
 * base × a factor in [0.9, 1.1); when that window crosses the plan's ceiling or floor it slides
 * back inside (the floor wins if the window is wider than the range).
 */
function jitterWithin(plan: DelayPlan, draw: number): number {
  const u = Number.isFinite(draw) ? Math.min(Math.max(draw, 0), 1) : 0;
  let lo = plan.baseMs * (1 - JITTER);
  let hi = plan.baseMs * (1 + JITTER);
  if (hi > plan.ceilingMs) {
    lo -= hi - plan.ceilingMs;
    hi = plan.ceilingMs;
  }
  if (lo < plan.floorMs) {
    hi = Math.min(hi + (plan.floorMs - lo), plan.ceilingMs);
    lo = plan.floorMs;
  }
  return lo + Math.max(hi - lo, 0) * u;
}

function assertValidInput(input: Omit<NextCheckInput, 'random'>): void {
  const { minIntervalMs: min, maxIntervalMs: max } = input.bounds;
  if (!(Number.isFinite(min) && min > 0 && Number.isFinite(max) && max >= min)) {
    throw new FeedkeeperError(
      'CONFIG_INVALID',
      `schedule bounds: expected 0 < minIntervalMs ≤ maxIntervalMs (finite), got min=${min}, max=${max}`,
    );
  }
  if (!Number.isFinite(input.nowMs)) {
    throw new FeedkeeperError('USAGE', `nextCheck: expected a finite nowMs, got ${input.nowMs}`);
  }
}

function isNonNegative(ms: number): boolean {
  return Number.isFinite(ms) && ms >= 0;
}

const SY_PERIOD_MS: Readonly<Record<string, number>> = {
  hourly: HOUR,
  daily: DAY,
  weekly: 7 * DAY,
  monthly: 30 * DAY,
  yearly: 365 * DAY,
};

/**
 * RSS 1.0 syndication module: the feed updates `frequency` times per `period`. Per that module a
 * missing period means daily and a missing or unusable frequency means 1. Months are 30 days,
 * years 365. Null when neither element is present or the period is not one of the five names.
 */
export function syUpdatePeriodMs(period: string | null, frequency: string | null): number | null {
  const periodName = period?.trim().toLowerCase() || null;
  const frequencyText = frequency?.trim() || null;
  if (periodName === null && frequencyText === null) return null;
  const key = periodName ?? 'daily';
  const periodMs = Object.hasOwn(SY_PERIOD_MS, key) ? SY_PERIOD_MS[key] : undefined;
  if (periodMs === undefined) return null;
  const times = frequencyText === null ? 1 : Number(frequencyText);
  const perPeriod = Number.isFinite(times) && times > 0 ? times : 1;
  return Math.round(periodMs / perPeriod);
}
