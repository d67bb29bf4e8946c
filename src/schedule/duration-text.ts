/**
 * Short, approximate durations for people ("120 s", "45 min", "3 h", "2 d"), used in the `reason`
 * strings that `feedkeeper list` shows. Not for parsing or for anything a program reads back.
 */

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Picks the unit so the number stays readable: seconds below 3 min (so a Retry-After of 120 s reads
 * as given), minutes below 2 h, hours below 3 d, days beyond.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'never';
  if (ms < 3 * MINUTE) return `${Math.round(ms / SECOND)} s`;
  if (ms < 2 * HOUR) return `${Math.round(ms / MINUTE)} min`;
  if (ms < 3 * DAY) return `${Math.round(ms / HOUR)} h`;
  return `${Math.round(ms / DAY)} d`;
}
