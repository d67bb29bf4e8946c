/**
 * The scale suite (issue #13): the same generated archive searched on SQLite and on PostgreSQL,
 * side by side. The archive of the search suite (bench/gen/archive.ts; 200,000 articles, --quick
 * 20,000) is stored into SQLite through applyRefresh, copied into a throwaway PostgreSQL
 * (test/postgres-server.ts) by `feedkeeper migrate`'s own code (store/transfer/, timed and
 * verified), and each query set of bench/search-queries.ts (Chinese 1–4 characters, English words
 * and phrases) runs on both, interleaved, through store.search.search as the CLI and the reader
 * ask it. Reported per set: median and p95 on each, and the PostgreSQL ÷ SQLite p95 ratio against
 * the goal of 2×. Then a cold ingest of a loopback feed site on SQLite (one process) and on
 * PostgreSQL with one and two real `feedkeeper worker` processes on a throwaway Redis
 * (scale-ingest.ts), against the goal of 1.7× from the second worker. PostgreSQL runs on this
 * machine with fsync off (a test server), default memory settings otherwise.
 * BENCH_SCALE=search or BENCH_SCALE=ingest runs only that part (the search part takes minutes).
 */
import { percentile } from './serve-load.js';
import { join } from 'node:path';
import { startProgress } from '../src/cli/progress.js';
import { parseQuery } from '../src/search/index.js';
import { transferArchive, type Store } from '../src/store/index.js';
import { openPostgresStore } from '../src/store/postgres/index.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { havePostgres, startPostgres, type PostgresServer } from '../test/postgres-server.js';
import { haveRedisServer } from '../test/redis-server.js';
import { ARCHIVE_BATCH, archiveFeeds, generateBatch, type ArchiveFeed } from './gen/archive.js';
import { pickQuerySets } from './gen/archive-queries.js';
import { withTempDir } from './cleanup.js';
import { formatInt, formatMs, formatRatio, renderSection, renderTable } from './report.js';
import { fetchState, sampleArticles, toIncoming } from './search.js';
import { measureColdIngest } from './scale-ingest.js';
import { PAGE_SIZE, type SearchEngine } from './search-peers.js';
import { measureQuerySets, renderQuerySet, type SetResult } from './search-queries.js';
import type { BenchContext, Suite } from './suite.js';

const ARTICLES = { full: 200_000, quick: 20_000 } as const;
const FEEDS = 200;
const PER_BAND = 17;
const GOAL = 2;
const WHOLE_ARCHIVE = { userId: 0, archive: true } as const;

export const scaleSuite: Suite = {
  name: 'scale',
  summary: 'search p95 on SQLite vs PostgreSQL over the same 200,000 generated articles (copied by migrate); cold ingest SQLite vs PostgreSQL with 1 and 2 worker processes ' +
    '(BENCH_SCALE=search or =ingest: that part only)',
  async run(ctx) {
    if (!havePostgres()) {
      ctx.print('scale · skipped: no PostgreSQL server binaries (apt-get install postgresql)\n');
      return;
    }
    const parts = scaleParts(process.env.BENCH_SCALE);
    if (parts.ingest && !haveRedisServer()) throw new Error('scale: the cold ingest with worker processes needs redis-server (apt-get install redis-server)');
    const total = ctx.quick ? ARTICLES.quick : ARTICLES.full;
    const server = await startPostgres();
    try {
      if (parts.search) await withTempDir('feedkeeper-bench-scale-', (dir) => searchIn(ctx, dir, total, server));
      if (parts.ingest) ctx.print(await measureColdIngest(ctx, server));
    } finally {
      await server.stop();
    }
    ctx.memory.sample();
  },
};

function scaleParts(value: string | undefined): { search: boolean; ingest: boolean } {
  if (value === undefined || value === '') return { search: true, ingest: true };
  if (value === 'search' || value === 'ingest') return { search: value === 'search', ingest: value === 'ingest' };
  throw new Error(`BENCH_SCALE: expected "search" or "ingest" (unset: both), got "${value}"`);
}

async function searchIn(ctx: BenchContext, dir: string, total: number, server: PostgresServer): Promise<void> {
  const feeds = archiveFeeds(ctx.seed, FEEDS);
  const file = join(dir, 'feedkeeper.db');
  const buildMs = await timed(() => buildSqlite(ctx, file, feeds, total));
  const url = await server.createDatabase();
  const sqlite = await openSqliteStore({ file });
  const postgres = await openPostgresStore({ url, poolSize: 4 });
  try {
    const copy = await timedValue(() => copyInto(sqlite, postgres));
    ctx.print(renderSection(`scale · archive of ${formatInt(total)} generated articles (${FEEDS} feeds)`, renderTable(
      [{ header: 'step' }, { header: 'time', align: 'right' }, { header: 'note' }],
      [
        ['SQLite build', formatMs(buildMs), 'applyRefresh, 50 articles per transaction (search index in the same transaction)'],
        ['copy to PostgreSQL', formatMs(copy.ms), `transferArchive (feedkeeper migrate): ${formatInt(copy.value.rows)} rows, ${formatInt(copy.value.indexed)} articles indexed, verified ${copy.value.ok ? 'equal' : 'DIFFERENT'}`],
      ],
    )));
    await postgres.maintain({ full: false });
    const sets = pickQuerySets(ctx.seed, sampleArticles(ctx.seed, total, feeds), PER_BAND);
    const engines = [engine('SQLite', sqlite), engine('PostgreSQL', postgres)];
    const results = await measureQuerySets(ctx, sets, engines, { runs: 3, slowRuns: 3, slowBudgetMs: 60_000 });
    for (const result of results) ctx.print(renderQuerySet(result));
    ctx.print(renderRatios(results, total));
  } finally {
    await Promise.all([sqlite.close(), postgres.close()]);
  }
}

function engine(name: string, store: Store): SearchEngine {
  return {
    name,
    fullScan: false,
    note: `store.search.search(parseQuery(q), whole archive, limit ${PAGE_SIZE}, relevance)`,
    canAnswer: () => true,
    run: async (query) => (await store.search.search(parseQuery(query.text), { scope: WHOLE_ARCHIVE, limit: PAGE_SIZE, sort: 'relevance', cursor: null })).total,
  };
}

async function buildSqlite(ctx: BenchContext, file: string, feeds: readonly ArchiveFeed[], total: number): Promise<void> {
  const store = await openSqliteStore({ file });
  const batches = Math.ceil(total / ARCHIVE_BATCH);
  const progress = startProgress(`scale: storing ${formatInt(total)} articles in SQLite`, batches, stderrOut());
  try {
    const feedIds: number[] = [];
    for (const feed of feeds) feedIds.push((await store.feeds.add({ url: feed.url })).id);
    for (let batch = 0; batch < batches; batch++) {
      const articles = generateBatch(ctx.seed, batch, total, feeds);
      const first = articles[0];
      const last = articles.at(-1);
      if (first === undefined || last === undefined) continue;
      const feed = feeds[first.feed];
      const feedId = feedIds[first.feed];
      if (feed === undefined || feedId === undefined) continue;
      await store.articles.applyRefresh(feedId, articles.map(toIncoming), fetchState(feed, last.publishedAt));
      if (batch % 100 === 0) ctx.memory.sample();
      progress.tick();
    }
  } finally {
    progress.done();
    await store.close();
  }
}

async function copyInto(sqlite: Store, postgres: Store): Promise<{ rows: number; indexed: number; ok: boolean }> {
  const shown: { bar: { name: string; progress: ReturnType<typeof startProgress>; done: number } | null } = { bar: null };
  const report = await transferArchive(sqlite, postgres, {
    onProgress: (p) => {
      const name = `scale: ${p.phase} ${p.table}`;
      if (shown.bar?.name !== name) {
        shown.bar?.progress.done();
        shown.bar = { name, progress: startProgress(name, p.total, stderrOut()), done: 0 };
      }
      shown.bar.progress.tick(p.done - shown.bar.done);
      shown.bar.done = p.done;
    },
  });
  shown.bar?.progress.done();
  return { rows: Object.values(report.copied).reduce((a, b) => a + b, 0), indexed: report.indexed, ok: report.ok };
}

function renderRatios(results: readonly SetResult[], total: number): string {
  const rows = results.map((r) => {
    const [sqlite, postgres] = r.engines;
    const p95 = (e: typeof sqlite) => percentile([...(e?.answers.values() ?? [])].map((a) => a.ms), 0.95);
    const ratio = p95(postgres) / p95(sqlite);
    const agree = [...(sqlite?.answers.entries() ?? [])].every(([i, a]) => postgres?.answers.get(i)?.total === a.total);
    return [r.set.name, formatMs(p95(sqlite)), formatMs(p95(postgres)), formatRatio(ratio), ratio <= GOAL ? 'met' : 'NOT met', agree ? 'yes' : 'NO'];
  });
  const table = renderTable(
    [{ header: 'query set' }, { header: 'SQLite p95', align: 'right' }, { header: 'PostgreSQL p95', align: 'right' }, { header: 'PG ÷ SQLite', align: 'right' }, { header: `goal ≤ ${GOAL}×` }, { header: 'same totals' }],
    rows,
  );
  return renderSection(`scale · search p95, PostgreSQL ÷ SQLite, ${formatInt(total)} articles`, table, [
    'In the tables above "feedkeeper" is the first engine, SQLite: × is PostgreSQL ÷ SQLite there too.',
  ]);
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  return (await timedValue(run)).ms;
}

async function timedValue<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

function stderrOut(): { write: (s: string) => void; isTty: boolean } {
  return { write: (s) => process.stderr.write(s), isTty: Boolean(process.stderr.isTTY) };
}
