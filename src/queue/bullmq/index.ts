/** The JobQueue on BullMQ and Redis. Only main.ts imports this; everything else sees the JobQueue type. */
export { openBullQueue } from './bull-queue.js';
export type { BullQueueOptions, OnJobFailed } from './bull-queue.js';
export { openRedisLeaderLease } from './leader-lease.js';
export type { RedisLeaseOptions } from './leader-lease.js';
