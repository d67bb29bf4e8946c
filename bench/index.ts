/**
 * `npm run bench` entry point: `node dist/bench/index.js [suite...] [--quick] [--seed N] [--runs N]`.
 * Runs the named suites (all by default) in the order listed below, then prints peak memory.
 * Results are printed only; nothing is written to disk.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { canCollectGarbage } from './measure.js';
import { osPeakRssBytes, startRssSampler } from './memory.js';
import { extractSuite } from './extract.js';
import { ingestSuite } from './ingest.js';
import { parseSuite } from './parse.js';
import { searchSuite } from './search.js';
import { scaleSuite } from './scale.js';
import { serveSuite } from './serve.js';
import { syncSuite } from './sync.js';
import { watchSuite } from './watch.js';
import { webhooksSuite } from './webhooks.js';
import { formatMB } from './report.js';
import type { BenchContext, Suite } from './suite.js';

const SUITES: readonly Suite[] = [parseSuite, ingestSuite, searchSuite, extractSuite, serveSuite, syncSuite, watchSuite, webhooksSuite, scaleSuite];

const DEFAULT_SEED = 20240601;
const DEFAULT_RUNS = { full: 7, quick: 3 } as const;

/** A mistake on the command line: shown with the usage text instead of a stack trace. */
class UsageError extends Error {}

function usage(): string {
  const names = SUITES.map((s) => `  ${s.name.padEnd(12)} ${s.summary}`).join('\n');
  return [
    'usage: node dist/bench/index.js [suite...] [--quick] [--seed N] [--runs N]',
    '',
    'suites (default: all):',
    names,
    '',
    '  --quick     smaller corpus and fewer runs',
    `  --seed N    generator seed (default ${DEFAULT_SEED})`,
    `  --runs N    timed runs per measurement, median reported (default ${DEFAULT_RUNS.full}, quick ${DEFAULT_RUNS.quick})`,
  ].join('\n');
}

function parsePositiveInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${flag}: expected a positive integer, got "${value}"`);
  return n;
}

function selectSuites(names: readonly string[]): Suite[] {
  if (names.length === 0) return [...SUITES];
  return names.map((name) => {
    const suite = SUITES.find((s) => s.name === name);
    if (!suite) throw new UsageError(`unknown suite "${name}": expected one of ${SUITES.map((s) => s.name).join(', ')}`);
    return suite;
  });
}

function describeMachine(quick: boolean, seed: number, runs: number): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return [
    `feedkeeper bench · node ${process.version} · ${os.platform()}-${os.arch()} · ${cpu} × ${os.cpus().length}`,
    `mode ${quick ? 'quick' : 'full'} · seed ${seed} · ${runs} timed runs per measurement (median)` +
      (canCollectGarbage() ? ' · gc forced between runs' : ' · gc not available, numbers noisier'),
    '',
  ].join('\n');
}

function parseCommandLine(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        quick: { type: 'boolean', default: false },
        seed: { type: 'string' },
        runs: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv);
  if (values.help) {
    console.log(usage());
    return 0;
  }
  const quick = values.quick ?? false;
  const seed = parsePositiveInt('seed', values.seed, DEFAULT_SEED);
  const runs = parsePositiveInt('runs', values.runs, quick ? DEFAULT_RUNS.quick : DEFAULT_RUNS.full);
  const suites = selectSuites(positionals);
  const memory = startRssSampler();
  const ctx: BenchContext = { quick, seed, runs, memory, print: (text = '') => console.log(text) };

  ctx.print(describeMachine(quick, seed, runs));
  for (const suite of suites) await suite.run(ctx);
  memory.stop();
  ctx.print(`peak RSS: ${formatMB(memory.peakBytes)} sampled (process.memoryUsage), ` +
    `${formatMB(osPeakRssBytes())} by the OS (resourceUsage.maxRSS)`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`bench: ${error.message}\n\n${usage()}`);
    else console.error('bench: failed:', error);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
