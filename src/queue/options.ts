/**
 * Checks a job's options and a handler's concurrency the same way for every JobQueue, so a bad
 * value fails at add()/process() with the same USAGE message whichever queue main.ts chose.
 */
import { FeedkeeperError } from '../core/index.js';
import type { JobName, JobOptions } from './queue.js';

export interface CheckedJobOptions {
  readonly jobId: string | null;
  readonly delayMs: number;
  readonly attempts: number;
  readonly backoffMs: number;
}

export function checkJobOptions(name: JobName, opts: JobOptions): CheckedJobOptions {
  const attempts = opts.attempts ?? 1;
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new FeedkeeperError('USAGE', `queue: ${name} attempts: expected an integer ≥ 1, got ${attempts}`);
  }
  for (const [key, value] of [['delayMs', opts.delayMs], ['backoffMs', opts.backoffMs]] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new FeedkeeperError('USAGE', `queue: ${name} ${key}: expected a finite number ≥ 0, got ${value}`);
    }
  }
  if (opts.jobId !== undefined && opts.jobId === '') {
    throw new FeedkeeperError('USAGE', `queue: ${name} jobId: expected a non-empty string`);
  }
  return { jobId: opts.jobId ?? null, delayMs: opts.delayMs ?? 0, attempts, backoffMs: opts.backoffMs ?? 0 };
}

export function checkConcurrency(name: JobName, concurrency: number): void {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new FeedkeeperError('USAGE', `queue: ${name} concurrency: expected an integer ≥ 1, got ${concurrency}`);
  }
}
