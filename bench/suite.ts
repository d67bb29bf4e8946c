/**
 * What a bench suite is. index.ts holds the list; a new suite (ingest, extraction, search,
 * server…) is one file exporting a Suite and one line in that list.
 */
import type { RssSampler } from './memory.js';

export interface BenchContext {
  /** Smaller inputs and fewer runs, for a fast look. */
  readonly quick: boolean;
  /** Seed for every generator, so two runs measure the same input. */
  readonly seed: number;
  /** Timed runs per measurement; suites report the median. */
  readonly runs: number;
  readonly memory: RssSampler;
  /** Writes one line of results to stdout. Progress goes to stderr, not here. */
  print(text?: string): void;
}

export interface Suite {
  /** The name given on the command line: `node dist/bench/index.js parse`. */
  readonly name: string;
  /** One line for --help. */
  readonly summary: string;
  run(ctx: BenchContext): Promise<void>;
}
