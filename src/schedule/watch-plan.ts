/**
 * When a watched article is re-checked: a schedule is a list of offsets after the article first
 * appeared ("1h,6h,1d,3d,7d,30d"), or "off". Checks are planned from the article's first sight,
 * not from the last check, so a check that ran late (budget spent, host paused, machine asleep)
 * does not push every later one back: the missed steps fold into the next check.
 */
import { FeedkeeperError } from '../core/index.js';

export const DEFAULT_WATCH = '1h,6h,1d,3d,7d,30d';
const MAX_STEPS = 50;
const MIN_OFFSET_MS = 60_000;
const MAX_OFFSET_MS = 10 * 365 * 86_400_000;
const UNITS: Record<string, number> = { s: 1_000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** Offsets in ms, increasing; null for "off". Throws USAGE naming the bad part. */
export function parseWatchPlan(text: string, where = 'watch schedule'): readonly number[] | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'off' || trimmed === 'none') return null;
  const parts = trimmed.split(',').map((p) => p.trim());
  if (parts.length > MAX_STEPS) throw usage(where, text, `has ${parts.length} steps; at most ${MAX_STEPS}`);
  const offsets: number[] = [];
  for (const part of parts) {
    const match = /^(\d+(?:\.\d+)?)\s*(s|min|m|h|d|w)$/.exec(part);
    if (match === null) throw usage(where, text, `"${part}" is not a duration like 30m, 6h, 1d or 2w`);
    const ms = Math.round(Number(match[1]) * (UNITS[match[2] ?? ''] ?? 0));
    if (ms < MIN_OFFSET_MS || ms > MAX_OFFSET_MS) throw usage(where, text, `"${part}" is outside 1 minute to 10 years`);
    const previous = offsets.at(-1);
    if (previous !== undefined && ms <= previous) throw usage(where, text, `"${part}" does not come after the step before it; list the steps in increasing order`);
    offsets.push(ms);
  }
  return offsets;
}

function usage(where: string, text: string, why: string): FeedkeeperError {
  return new FeedkeeperError('USAGE', `${where} ${JSON.stringify(text)}: ${why} (or "off")`, { details: { field: 'watch' } });
}

/**
 * A feed's own schedule, else the global one. A stored schedule that no longer parses (written
 * before validation got stricter) falls back to the global one and is reported through `onBad`.
 */
export function feedWatchPlan(feedWatch: string | null, global: readonly number[] | null, onBad?: (err: unknown) => void): readonly number[] | null {
  if (feedWatch === null) return global;
  try {
    return parseWatchPlan(feedWatch);
  } catch (err) {
    onBad?.(err);
    return global;
  }
}

/** The first planned check after `nowMs` for an article first seen at `createdAt`, or null when the schedule is done. */
export function nextPlannedCheck(createdAt: number, nowMs: number, offsets: readonly number[] | null): number | null {
  if (offsets === null) return null;
  for (const offset of offsets) if (createdAt + offset > nowMs) return createdAt + offset;
  return null;
}

/** Waits after a timeout, a 5xx or a 429 without Retry-After: 15 min, doubling, at most a day. */
export function transientDelayMs(failures: number): number {
  return Math.min(15 * 60_000 * 2 ** Math.max(0, failures - 1), 86_400_000);
}

/** Transient failures are retried this many times in a row; the next one waits for the planned step instead. */
export const MAX_TRANSIENT_RETRIES = 4;
