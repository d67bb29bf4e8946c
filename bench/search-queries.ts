/**
 * Query latency for the search bench. For every query of a set, each engine that can answer it
 * runs once to warm up (its total is kept), then the timed runs interleave the engines, the order
 * rotating each round (an engine given a single run keeps its first one instead); a query's latency is the median of its timed runs, and a set reports the
 * median and p95 over its queries. Engines that scan the whole table get a time budget per set,
 * so a 200,000-article run ends in minutes; they are compared over the queries they ran.
 */
import { startProgress } from '../src/cli/progress.js';
import type { Band, BenchQuery, QuerySet } from './gen/archive-queries.js';
import { collectGarbage, median, rotate } from './measure.js';
import { formatInt, formatMs, formatRatio, renderSection, renderTable } from './report.js';
import type { SearchEngine } from './search-peers.js';
import type { BenchContext } from './suite.js';

export interface QueryBudget {
  /** Timed runs per query after one warm-up (1: the first run is the timed one). */
  runs: number;
  /** Timed runs per query for full-scan engines. */
  slowRuns: number;
  /** Milliseconds a full-scan engine may spend on one set before it skips the rest. */
  slowBudgetMs: number;
}

interface Answer {
  ms: number;
  total: number;
}

interface EngineResult {
  engine: SearchEngine;
  /** Per query index: latency (median of the timed runs) and total. */
  answers: Map<number, Answer>;
  cannotAnswer: number;
  overBudget: number;
}

export interface SetResult {
  set: QuerySet;
  runs: QueryBudget;
  engines: EngineResult[];
}

export async function measureQuerySets(ctx: BenchContext, sets: readonly QuerySet[], engines: readonly SearchEngine[], budget: QueryBudget): Promise<SetResult[]> {
  const queries = sets.reduce((n, s) => n + s.queries.length, 0);
  const progress = startProgress('search: queries', queries, { write: (s) => process.stderr.write(s), isTty: Boolean(process.stderr.isTTY) });
  const results: SetResult[] = [];
  try {
    for (const set of sets) {
      collectGarbage();
      results.push(await measureSet(set, engines, budget, () => progress.tick()));
      ctx.memory.sample();
    }
  } finally {
    progress.done();
  }
  return results;
}

async function measureSet(set: QuerySet, engines: readonly SearchEngine[], budget: QueryBudget, tick: () => void): Promise<SetResult> {
  const results: EngineResult[] = engines.map((engine) => ({ engine, answers: new Map(), cannotAnswer: 0, overBudget: 0 }));
  const spent = new Map<EngineResult, number>(results.map((r) => [r, 0]));
  for (const [index, query] of set.queries.entries()) {
    const active = results.filter((r) => {
      if (!r.engine.canAnswer(query)) return (r.cannotAnswer++, false);
      if (r.engine.fullScan && (spent.get(r) ?? 0) > budget.slowBudgetMs) return (r.overBudget++, false);
      return true;
    });
    const timings = new Map<EngineResult, number[]>(active.map((r) => [r, []]));
    const totals = new Map<EngineResult, number>();
    for (const r of active) {
      const warm = await timeQuery(r.engine, query);
      totals.set(r, warm.total);
      spent.set(r, (spent.get(r) ?? 0) + warm.ms);
      // A single timed full scan keeps its first run: the build has just left the table in the page cache.
      if (runsFor(r, budget) === 1) timings.get(r)?.push(warm.ms);
    }
    const rounds = Math.max(budget.runs, budget.slowRuns);
    for (let round = 0; round < rounds; round++) {
      for (const r of rotate(active, round + index)) {
        const runs = runsFor(r, budget);
        if (runs === 1 || round >= runs) continue;
        const { ms, total } = await timeQuery(r.engine, query);
        if (total !== totals.get(r)) throw new Error(`${r.engine.name}: "${query.text}" gave ${total} hits, ${totals.get(r)} on the warm-up run`);
        timings.get(r)?.push(ms);
        spent.set(r, (spent.get(r) ?? 0) + ms);
      }
    }
    for (const r of active) r.answers.set(index, { ms: median(timings.get(r) ?? []), total: totals.get(r) ?? 0 });
    tick();
  }
  return { set, runs: budget, engines: results };
}

function runsFor(result: EngineResult, budget: QueryBudget): number {
  return result.engine.fullScan ? budget.slowRuns : budget.runs;
}

async function timeQuery(engine: SearchEngine, query: BenchQuery): Promise<Answer> {
  const start = process.hrtime.bigint();
  const total = await engine.run(query);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, total };
}

/** Nearest-rank percentile: the smallest value at or above p of the values. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

function msOf(result: EngineResult, indexes?: readonly number[]): number[] {
  const keys = indexes ?? [...result.answers.keys()];
  return keys.flatMap((i) => {
    const answer = result.answers.get(i);
    return answer === undefined ? [] : [answer.ms];
  });
}

export function renderQuerySet(result: SetResult): string {
  const [ours] = result.engines;
  if (ours === undefined) return '';
  const rows = result.engines.map((r) => engineRow(r, ours));
  const table = renderTable(
    [
      { header: 'engine' }, { header: 'queries', align: 'right' }, { header: 'median', align: 'right' }, { header: 'p95', align: 'right' },
      { header: '× median', align: 'right' }, { header: '× p95', align: 'right' }, { header: 'hits per query: median (min–max)' },
    ],
    rows,
  );
  const bands = countBands(result.set.queries);
  const title =
    `search · ${result.set.name} · ${result.set.queries.length} queries (${bands}); ` +
    `latency = total + first page of 20, median of ${result.runs.runs} timed runs per query (full scans: ${result.runs.slowRuns})`;
  return renderSection(title, table, [
    `× = engine ÷ feedkeeper, median and p95 over the queries both ran: above 1 means feedkeeper is faster.`,
    `hits per query are over the queries that engine ran (LIKE: the first ones in its time budget, every band in turn).`,
    ...describeBands(ours, result.set),
    ...describeAgreement(result),
    `examples: ${result.set.queries.slice(0, 6).map((q) => q.text).join(' · ')}`,
  ]);
}

function engineRow(r: EngineResult, ours: EngineResult): string[] {
  const answered = [...r.answers.keys()];
  if (answered.length === 0) {
    const why = r.cannotAnswer > 0 ? `cannot answer (a query under three characters holds no trigram)` : 'no query run within the time budget';
    return [r.engine.name, '0', why, '', '', '', ''];
  }
  const times = msOf(r);
  const paired = answered.filter((i) => ours.answers.has(i));
  const oursTimes = msOf(ours, paired);
  const mine = msOf(r, paired);
  const totals = answered.map((i) => r.answers.get(i)?.total ?? 0);
  const skipped = r.overBudget > 0 ? ` (${r.overBudget} over budget)` : r.cannotAnswer > 0 ? ` (${r.cannotAnswer} cannot answer)` : '';
  return [
    r.engine.name, `${answered.length}${skipped}`, formatMs(median(times)), formatMs(percentile(times, 0.95)),
    formatRatio(median(mine) / median(oursTimes)), formatRatio(percentile(mine, 0.95) / percentile(oursTimes, 0.95)),
    `${formatInt(Math.round(median(totals)))} (${formatInt(Math.min(...totals))}–${formatInt(Math.max(...totals))})`,
  ];
}

function countBands(queries: readonly BenchQuery[]): string {
  const count = (band: Band): number => queries.filter((q) => q.band === band).length;
  return `${count('common')} common, ${count('medium')} medium, ${count('rare')} rare in a sample`;
}

function describeBands(ours: EngineResult, set: QuerySet): string[] {
  const parts = (['common', 'medium', 'rare'] as const).map((band) => {
    const indexes = set.queries.flatMap((q, i) => (q.band === band ? [i] : []));
    const answers = indexes.flatMap((i) => ours.answers.get(i) ?? []);
    return `${band} ${formatMs(median(answers.map((a) => a.ms)))} / ${formatInt(Math.round(median(answers.map((a) => a.total))))} hits`;
  });
  return [`${ours.engine.name} by band (median latency / median hits): ${parts.join(', ')}.`];
}

/** Chinese queries are substrings on every engine, so their totals should agree; English words are not (stems, word edges). */
function describeAgreement(result: SetResult): string[] {
  if (result.set.chars === null) {
    return ['totals are not compared for English: feedkeeper matches words (with plural folding), LIKE and trigram match substrings.'];
  }
  const like = result.engines.find((r) => r.engine.fullScan);
  if (like === undefined) return [];
  return result.engines.filter((r) => r !== like && r.answers.size > 0).map((subject) => {
    const shared = [...like.answers.keys()].filter((i) => subject.answers.has(i));
    const mismatches = shared.filter((i) => subject.answers.get(i)?.total !== like.answers.get(i)?.total);
    const examples = mismatches.slice(0, 4).map((i) => `${result.set.queries[i]?.text}: ${subject.answers.get(i)?.total} vs ${like.answers.get(i)?.total}`);
    return `agreement: ${subject.engine.name} total = ${like.engine.name} count for ${shared.length - mismatches.length} of ${shared.length} queries` +
      (examples.length > 0 ? `; MISMATCH ${examples.join(', ')}` : '.');
  });
}

export function twoCharacterHeadline(results: readonly SetResult[]): string {
  const two = results.find((r) => r.set.chars === 2);
  const ours = two?.engines[0];
  if (ours === undefined) return '';
  const p95 = percentile(msOf(ours), 0.95);
  return `2-character p95: ${formatMs(p95)} (goal < 20 ms) · ${p95 < 20 ? 'met' : 'NOT met'}\n`;
}
