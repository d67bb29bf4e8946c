/** The queue seam as callers see it: types only. Implementations live in memory/ (and later bullmq/). */
export type { JobName, JobOptions, JobQueue, Jobs, LeaderLease } from './queue.js';
