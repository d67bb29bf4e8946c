/**
 * The body of one ingest worker thread (piscina loads this file): the rules arrive once, in
 * workerData, as data (site rules clone as they are; clean rules as specs, compiled here), and
 * every task runs tasks.ts's code, exactly as the inline path does.
 */
import { workerData } from 'node:worker_threads';
import { compileCleanRules, type CleanRuleSpec } from '../../clean/index.js';
import type { RuleSet } from '../../extract/index.js';
import { runTask, type CpuTask, type TaskRules } from './tasks.js';

export interface WorkerRules {
  siteRules: RuleSet;
  cleanRuleSpecs: readonly CleanRuleSpec[] | null;
}

const given = workerData as WorkerRules;
const rules: TaskRules = {
  siteRules: given.siteRules,
  ...(given.cleanRuleSpecs === null ? {} : { cleanRules: compileCleanRules(given.cleanRuleSpecs, 'clean rules (ingest worker)') }),
};

export default function run(task: CpuTask): ReturnType<typeof runTask> {
  return runTask(task, rules);
}
