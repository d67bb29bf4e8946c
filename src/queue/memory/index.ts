/** The in-process queue. Only main.ts imports this; everything else sees the JobQueue type. */
export { createMemoryQueue } from './memory-queue.js';
export type { MemoryQueueOptions, OnJobFailed } from './memory-queue.js';
export { soleLeader } from './sole-leader.js';
