/** The schedule stage: when to check each feed (and each watched article) next, and the loop that enqueues what is due. */
export {
  DEFAULT_BOUNDS,
  MAX_RETRY_AFTER_MS,
  UNKNOWN_CADENCE_INTERVAL_MS,
  nextCheck,
  syUpdatePeriodMs,
} from './policy.js';
export type { FeedTiming, FetchOutcome, NextCheck, NextCheckInput, ScheduleBounds } from './policy.js';
export { startScheduler, mediaJobId, recheckJobId, refreshJobId, type Scheduler, type SchedulerOptions } from './loop.js';
export { DEFAULT_WATCH, feedWatchPlan, MAX_TRANSIENT_RETRIES, nextPlannedCheck, parseWatchPlan, transientDelayMs } from './watch-plan.js';
