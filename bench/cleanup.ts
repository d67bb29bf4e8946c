/**
 * Temp directories of the bench suites hold gigabytes (a 200,000-article archive); Ctrl-C during a
 * long build must not leave them behind.
 */
import { rmSync } from 'node:fs';

/** Removes `dir` if the process is interrupted; returns the function that stops watching. */
export function removeWhenInterrupted(dir: string): () => void {
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
