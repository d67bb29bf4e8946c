/** The schedule stage: when to check each feed next. The loop that enqueues due feeds will live here too. */
export {
  DEFAULT_BOUNDS,
  MAX_RETRY_AFTER_MS,
  UNKNOWN_CADENCE_INTERVAL_MS,
  nextCheck,
  syUpdatePeriodMs,
} from './policy.js';
export type { FeedTiming, FetchOutcome, NextCheck, NextCheckInput, ScheduleBounds } from './policy.js';
export { startScheduler, refreshJobId, type Scheduler, type SchedulerOptions } from './loop.js';
