/**
 * The search suite: a generated archive of 200,000 articles (--quick: 20,000; bench/gen/archive.ts)
 * is stored through the real store API (applyRefresh, so the search index is filled in the same
 * transaction as the articles), and the same rows go into a peer file with a plain table for
 * LIKE '%q%' and an FTS5 trigram index (search-peers.ts). Reported: indexing rate, the analyzer's
 * share of it, sizes on disk, and per query set (Chinese 1–4 characters, English words and
 * phrases) the median and p95 latency of a search page (total + first 20) on each engine, with
 * a check that feedkeeper's totals agree with LIKE's. Everything lives in a temp dir removed at the end.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { analyze, parseQuery } from '../src/search/index.js';
import { startProgress } from '../src/cli/progress.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import type { FeedFetchState, IncomingArticle, Store } from '../src/store/index.js';
import { escapeHtml } from './gen/article.js';
import { ARCHIVE_BATCH, archiveFeeds, bodyText, generateArticle, generateBatch, type ArchiveArticle, type ArchiveFeed } from './gen/archive.js';
import { pickQuerySets } from './gen/archive-queries.js';
import { collectGarbage } from './measure.js';
import { formatInt, formatMB } from './report.js';
import { likeEngine, openPeerDb, PAGE_SIZE, trigramEngine, type SearchEngine } from './search-peers.js';
import { measureDisk, renderBuild, type BuildTimes } from './search-disk.js';
import { measureQuerySets, renderQuerySet, twoCharacterHeadline, type QueryBudget } from './search-queries.js';
import type { BenchContext, Suite } from './suite.js';
import { withTempDir } from './cleanup.js';

const ARTICLES = { full: 200_000, quick: 20_000 } as const;
const FEEDS = 200;
/** Articles whose text the query sets are drawn from, spread evenly over the archive. */
const SAMPLE_ARTICLES = 1_500;
/** The full run times the analyzer alone on every 10th batch only: the share is a ratio, and 50 s saved. */
const ANALYZER_EVERY_FULL = 10;
/** Queries per frequency band: 3 bands × 17 = 51 per set. */
const PER_BAND = 17;

export const searchSuite: Suite = {
  name: 'search',
  summary: 'index 200,000 generated articles via applyRefresh; query latency vs FTS5 trigram and LIKE; index size',
  async run(ctx) {
    const total = ctx.quick ? ARTICLES.quick : ARTICLES.full;
    await withTempDir('feedkeeper-bench-search-', (dir) => runIn(ctx, dir, total));
  },
};

async function runIn(ctx: BenchContext, dir: string, total: number): Promise<void> {
  const files = { store: join(dir, 'feedkeeper.db'), peers: join(dir, 'peers.db') };
  const feeds = archiveFeeds(ctx.seed, FEEDS);
  const times = await phase('build', () => buildArchives(ctx, files, feeds, total));
  const disk = await phase('checkpoint and dbstat', () => measureDisk(files));
  ctx.print(renderBuild(times, disk, feeds));

  const sample = sampleArticles(ctx.seed, total, feeds);
  const sets = pickQuerySets(ctx.seed, sample, PER_BAND);
  const store = await openSqliteStore({ file: files.store });
  const peers = openPeerDb(files.peers, { create: false });
  try {
    const engines: SearchEngine[] = [feedkeeperEngine(store), trigramEngine(peers.raw), likeEngine(peers.raw)];
    const results = await phase('queries', () => measureQuerySets(ctx, sets, engines, queryBudget(ctx)));
    for (const result of results) ctx.print(renderQuerySet(result));
    ctx.print(twoCharacterHeadline(results));
  } finally {
    peers.close();
    await store.close();
  }
  ctx.memory.sample();
  ctx.print(`search · peak RSS so far ${formatMB(ctx.memory.peakBytes)} (sampled), ${formatMB(process.resourceUsage().maxRSS * 1024)} by the OS\n`);
}

/** Timed runs per query after one warm-up; LIKE scans the whole table, so it gets a time budget per set. */
function queryBudget(ctx: BenchContext): QueryBudget {
  return ctx.quick ? { runs: 3, slowRuns: 3, slowBudgetMs: 60_000 } : { runs: 3, slowRuns: 1, slowBudgetMs: 8_000 };
}

/** feedkeeper as the CLI and the reader search: the parsed query through the store's SearchRepo. */
/** The peers have no users: feedkeeper searches as an admin over the whole archive, like them. */
const WHOLE_ARCHIVE = { userId: 0, archive: true } as const;

function feedkeeperEngine(store: Store): SearchEngine {
  return {
    name: 'feedkeeper',
    fullScan: false,
    note: `store.search.search(parseQuery(q), { scope: whole archive, limit: ${PAGE_SIZE}, sort: 'relevance' }): analyzer n-grams in FTS5, total + bm25 page, joined to articles (the peers search the whole archive too).`,
    canAnswer: () => true,
    run: async (query) => (await store.search.search(parseQuery(query.text), { scope: WHOLE_ARCHIVE, limit: PAGE_SIZE, sort: 'relevance', cursor: null })).total,
  };
}

/**
 * Stores every batch through applyRefresh and the same rows into the peer file, and runs the
 * analyzer alone over the same texts; each part is timed on its own (generation is not timed).
 */
async function buildArchives(ctx: BenchContext, files: { store: string; peers: string }, feeds: readonly ArchiveFeed[], total: number): Promise<BuildTimes> {
  const store = await openSqliteStore({ file: files.store });
  const peers = openPeerDb(files.peers, { create: true });
  const analyzerEvery = ctx.quick ? 1 : ANALYZER_EVERY_FULL;
  const times: BuildTimes = { articles: 0, textBytes: 0, feedkeeperMs: 0, analyzerMs: 0, analyzerSampleMs: 0, analyzerEvery, likeMs: 0, trigramMs: 0 };
  const batches = Math.ceil(total / ARCHIVE_BATCH);
  const progress = startProgress(`search: indexing ${formatInt(total)} articles (feedkeeper, LIKE table, trigram)`, batches, stderrOut());
  try {
    const feedIds: number[] = [];
    for (const feed of feeds) feedIds.push((await store.feeds.add({ url: feed.url })).id);
    collectGarbage();
    for (let batch = 0; batch < batches; batch++) {
      const articles = generateBatch(ctx.seed, batch, total, feeds);
      const refreshMs = await storeBatch(store, articles, feeds, feedIds, times);
      if (batch % analyzerEvery === 0) {
        times.analyzerMs += analyzeBatch(articles, feeds);
        times.analyzerSampleMs += refreshMs;
      }
      const built = peers.insertBatch(articles.map((a) => ({ id: a.index + 1, title: a.title, body: bodyText(a) })));
      times.likeMs += built.likeMs;
      times.trigramMs += built.trigramMs;
      if (batch % 100 === 0) ctx.memory.sample();
      progress.tick();
    }
  } finally {
    progress.done();
    peers.close();
    await store.close();
  }
  return times;
}

/** Stores one batch through applyRefresh; returns the milliseconds it took. */
async function storeBatch(store: Store, articles: readonly ArchiveArticle[], feeds: readonly ArchiveFeed[], feedIds: readonly number[], times: BuildTimes): Promise<number> {
  const first = articles[0];
  const feed = first === undefined ? undefined : feeds[first.feed];
  const feedId = first === undefined ? undefined : feedIds[first.feed];
  if (first === undefined || feed === undefined || feedId === undefined) return 0;
  const incoming = articles.map(toIncoming);
  for (const a of articles) times.textBytes += Buffer.byteLength(a.title) + Buffer.byteLength(bodyText(a));
  const last = articles.at(-1) ?? first;
  const start = process.hrtime.bigint();
  const result = await store.articles.applyRefresh(feedId, incoming, fetchState(feed, last.publishedAt));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  times.feedkeeperMs += ms;
  times.articles += result.newArticles;
  return ms;
}

/** The IncomingArticle a refresh would pass after cleaning (the shape of search-contract.ts's incoming()); the serve suite stores the same. */
export function toIncoming(article: ArchiveArticle): IncomingArticle {
  const text = bodyText(article);
  const html = article.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
  return {
    key: article.key, title: article.title, link: `https://news.example.org/${article.key}`, author: article.author,
    publishedAt: article.publishedAt, updatedAt: null, summary: null, html, categories: [],
    contentHash: sha(`${article.title}\u0000${html}`), recordId: sha(article.key).slice(0, 16),
    clean: { html, text, firedRules: [] },
  };
}

export function fetchState(feed: ArchiveFeed, at: number): FeedFetchState {
  return { status: 'ok', fetchedAt: at, error: null, consecutiveFailures: 0, nextCheckAt: at + 3_600_000, scheduleReason: 'bench', title: feed.title };
}

/** The fields indexArticle analyzes (title, body, author, feed title), through analyze() alone. */
function analyzeBatch(articles: readonly ArchiveArticle[], feeds: readonly ArchiveFeed[]): number {
  const texts = articles.flatMap((a) => [a.title, bodyText(a), a.author, feeds[a.feed]?.title ?? '']);
  const start = process.hrtime.bigint();
  let tokens = 0;
  for (const text of texts) tokens += analyze(text).length;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (tokens === 0) throw new Error('analyzer: expected tokens from the generated articles, got none');
  return ms;
}

/** Articles spread evenly over the archive, for drawing queries from what it really contains. */
export function sampleArticles(seed: number, total: number, feeds: readonly ArchiveFeed[]): ArchiveArticle[] {
  const count = Math.min(SAMPLE_ARTICLES, total);
  const step = total / count;
  return Array.from({ length: count }, (_, k) => generateArticle(seed, Math.floor(k * step), feeds));
}

/** Runs one phase and says on stderr how long it took, so a slow full run shows where its minutes went. */
async function phase<T>(name: string, run: () => T | Promise<T>): Promise<T> {
  const start = Date.now();
  const value = await run();
  process.stderr.write(`search: ${name} took ${((Date.now() - start) / 1000).toFixed(1)} s\n`);
  return value;
}

function stderrOut(): { write: (s: string) => void; isTty: boolean } {
  return { write: (s) => process.stderr.write(s), isTty: Boolean(process.stderr.isTTY) };
}

