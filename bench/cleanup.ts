/**
 * Temp directories of the bench suites hold gigabytes (a 200,000-article archive); Ctrl-C during a
 * long build must not leave them behind.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Removes `dir` if the process is interrupted; returns the function that stops watching. */
function removeWhenInterrupted(dir: string): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    rmSync(dir, { recursive: true, force: true });
    process.kill(process.pid, signal); // The listener is gone (once), so this ends the process as usual.
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/** Runs `work` in a new temp directory that is removed afterwards, also on Ctrl-C. */
export async function withTempDir<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const forgetSignals = removeWhenInterrupted(dir);
  try {
    return await work(dir);
  } finally {
    forgetSignals();
    await rm(dir, { recursive: true, force: true });
  }
}
