/**
 * Timing helpers: one timed call, medians, and a forced garbage collection between timed passes
 * so that one parser's leftover garbage is not collected on the next parser's clock.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcFunction = () => void;

function findGc(): GcFunction | null {
  const exposed = (globalThis as { gc?: GcFunction }).gc;
  if (typeof exposed === 'function') return exposed;
  try {
    // `npm run bench` starts node without --expose-gc; the flag can still be set at run time,
    // and a fresh context then sees a `gc` global.
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as GcFunction) : null;
  } catch {
    return null; // Without gc the numbers are noisier but still comparable; nothing to record.
  }
}

const gc = findGc();

export function canCollectGarbage(): boolean {
  return gc !== null;
}

export function collectGarbage(): void {
  gc?.();
}

/** Milliseconds one call takes, awaiting it when it returns a promise. */
export async function timeOnce(run: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  const result = run();
  if (result instanceof Promise) await result;
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

/** Rotates a list by `by` places, so each round of an interleaved run starts with someone else. */
export function rotate<T>(list: readonly T[], by: number): T[] {
  if (list.length === 0) return [];
  const shift = by % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}
