/**
 * Where a refresh's CPU-bound work runs (tasks.ts): inline on the calling thread, or in a pool of
 * worker threads (piscina), so that parsing, extraction, cleaning and analysis use the other
 * cores while the main thread fetches, writes the store and the record files. Both run the very
 * same task code; a failure comes back as the error it was (its FeedkeeperError code kept).
 */
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { cleanRuleSpecs } from '../../clean/index.js';
import { isFailed, rethrow, runTask, type CpuTask, type FailedTask, type Spent, type TaskResult, type TaskRules } from './tasks.js';
import type { WorkerRules } from './worker.js';

export interface CpuWork {
  /** Worker threads; 0 when the work runs inline. */
  readonly threads: number;
  run<K extends CpuTask['kind']>(task: Extract<CpuTask, { kind: K }>): Promise<TaskResult<K>>;
  /** Starts the threads if need be and resolves once they all run tasks (before that, tasks run inline). */
  whenReady(): Promise<void>;
  close(): Promise<void>;
}

function unwrap<K extends CpuTask['kind']>(result: TaskResult<CpuTask['kind']> | FailedTask): TaskResult<K> {
  if (isFailed(result)) rethrow(result);
  return result as TaskResult<K>;
}

export function inlineCpu(rules: TaskRules): CpuWork {
  return {
    threads: 0,
    run: <K extends CpuTask['kind']>(task: Extract<CpuTask, { kind: K }>) => Promise.resolve().then(() => unwrap<K>(runTask(task, rules))),
    whenReady: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

/**
 * A pool of `threads` worker threads, started by the first task (a `web` process that never
 * refreshes starts none). Each thread loads the parsers and the analyzer's dictionaries once,
 * which takes a second or more on a busy machine: until every thread has answered a warm-up
 * task, tasks run inline, so the first refreshes after a start never wait for the threads.
 */
export function threadedCpu(rules: TaskRules, threads: number): CpuWork {
  const inline = inlineCpu(rules);
  let pool: Piscina | null = null;
  let warm = false;
  let warming: Promise<void> = Promise.resolve();
  const start = (): Piscina => {
    const workerData: WorkerRules = { siteRules: rules.siteRules, cleanRuleSpecs: rules.cleanRules ? cleanRuleSpecs(rules.cleanRules) : null };
    const started = new Piscina({ filename: workerFile(), minThreads: threads, maxThreads: threads, idleTimeout: Infinity, workerData });
    // One warm-up per thread; a thread that cannot load fails the first pooled task loudly instead.
    const done = (): void => void (warm = pool === started);
    warming = Promise.all(Array.from({ length: threads }, () => started.run({ kind: 'ready' } satisfies CpuTask))).then(done, done);
    return started;
  };
  return {
    threads,
    run: async <K extends CpuTask['kind']>(task: Extract<CpuTask, { kind: K }>) => {
      const current = (pool ??= start());
      if (!warm) return inline.run(task);
      return unwrap<K>((await current.run(task)) as TaskResult<CpuTask['kind']> | FailedTask);
    },
    whenReady: async () => {
      pool ??= start();
      await warming;
    },
    close: async () => {
      const current = pool;
      pool = null;
      warm = false;
      await current?.destroy();
    },
  };
}

/**
 * worker.js beside this module; under vitest this module runs from src/ as TypeScript, which a
 * worker thread cannot load, so the threads take the build in dist/ (`npm test` builds first).
 */
function workerFile(): string {
  const here = join(dirname(fileURLToPath(import.meta.url)), 'worker.js');
  if (existsSync(here)) return here;
  const at = here.lastIndexOf(`${sep}src${sep}`);
  const built = at < 0 ? here : `${here.slice(0, at)}${sep}dist${here.slice(at)}`;
  if (existsSync(built)) return built;
  throw new Error(`the ingest worker thread's code is missing: neither ${here} nor ${built} exists (run npm run build)`);
}

/** The CpuWork for an `ingestThreads` setting: inline for 0, else that many threads. */
export function openCpuWork(rules: TaskRules, threads: number): CpuWork {
  return threads === 0 ? inlineCpu(rules) : threadedCpu(rules, threads);
}

/** A task's value, its stage times added to `total` when there is one. */
export function tally<T>(total: Spent | undefined, result: { value: T; spent: Spent }): T {
  if (total) for (const [stage, ms] of Object.entries(result.spent) as Array<[keyof Spent, number]>) total[stage] = (total[stage] ?? 0) + ms;
  return result.value;
}
