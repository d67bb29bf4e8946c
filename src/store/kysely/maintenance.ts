/**
 * Running a backend's maintenance steps the same way on both: each announced to `onStep` before
 * it starts (then 'done'), timed, its failure mapped to the backend's store error, and the
 * database's size on disk measured before and after. The steps themselves are the backend's.
 */
import type { MaintenanceOptions, MaintenanceReport } from '../store.js';

export interface MaintenanceStep {
  name: string;
  run: () => Promise<unknown>;
}

export async function runMaintenance(steps: readonly MaintenanceStep[], opts: MaintenanceOptions, size: () => Promise<number>, mapError: (err: unknown) => unknown): Promise<MaintenanceReport> {
  const bytesBefore = await size();
  const done: MaintenanceReport['steps'] = [];
  for (const [i, step] of steps.entries()) {
    opts.onStep?.(step.name, i, steps.length);
    const started = performance.now();
    try {
      await step.run();
    } catch (err) {
      throw mapError(err);
    }
    done.push({ name: step.name, ms: Math.round(performance.now() - started) });
  }
  opts.onStep?.('done', steps.length, steps.length);
  return { steps: done, bytesBefore, bytesAfter: await size() };
}
