/**
 * The archive the serve suite serves: the search suite's generated articles (bench/gen/archive.ts,
 * same seed, same feeds, stored by the same toIncoming/fetchState through applyRefresh) in a
 * feedkeeper.db of its own, plus what signed-in readers bring (serve-readers.ts):
 * - the bench user: an admin subscribed to every feed, with an API token, a browser session, and
 *   a few thousand entries already read (every 50th, and the newest 1,000) so the unread list
 *   has rows to skip;
 * - 50 readers (not admins), each subscribed to every feed, with their own names for 3 feeds and
 *   2 tags on 3 feeds each, a session and a token, and read marks of their own: 1 in 50 drawn for
 *   each, and the newest 500 to 1,500 (1,000 on average);
 * - one reader of 20 feeds (every 10th), who reads as the others do, by date: the newest 1,000 of
 *   the archive (those it reaches) and 1 in 50 of the rest.
 * Also picks the inputs the scenarios rotate through, and times each part of the build.
 */
import { join } from 'node:path';
import { startProgress } from '../src/cli/progress.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/index.js';
import { ARCHIVE_BATCH, archiveFeeds, generateBatch, type ArchiveFeed } from './gen/archive.js';
import { pickQuerySets } from './gen/archive-queries.js';
import { createRng, deriveSeed } from './gen/prng.js';
import { formatInt } from './report.js';
import { fetchState, sampleArticles, toIncoming } from './search.js';
import { checkCounts, createAccount, markRead, personalSettings, subscribeRest, type Account, type BenchReader } from './serve-readers.js';
import type { BenchContext } from './suite.js';

export type { BenchReader } from './serve-readers.js';

/** As many feeds as the search suite's archive, so the two archives are the same articles. */
const FEEDS = 200;
const READ_EVERY = 50;
const NEWEST_READ = 1_000;
/** The readers of the 50-user scenarios, each subscribed to every feed. */
const READERS = 50;
/** The reader who reaches part of the archive: every PARTIAL_STEP-th feed, PARTIAL_FEEDS of them. */
const PARTIAL_FEEDS = 20;
const PARTIAL_STEP = FEEDS / PARTIAL_FEEDS;
/**
 * Article pages: up to this many unread ids spread over the archive, in a seeded shuffle. Opening
 * one marks it read (a write, as in real use), so the rotation is long enough that a run seldom
 * comes back to a page it has already read.
 */
const ARTICLE_IDS = 20_000;
/** The search scenario's queries: the search suite's 2-character Chinese set (3 bands × 17). */
const PER_BAND = 17;

/** Where the build's time went, in ms. */
export interface BuildTimes {
  /** Users, sessions, tokens, and the subscriptions with names or tags (through the store, feeds still empty). */
  accountsMs: number;
  /** The articles through applyRefresh (with the search index and the named subscriptions' counters). */
  articlesMs: number;
  /** The other subscriptions, written at once, and each reader's unread total (serve-readers.ts). */
  subscriptionsMs: number;
  /** Every reader's read marks (entries.mark), then the store's counters checked against them. */
  marksMs: number;
  totalMs: number;
}

export interface ServeArchive extends BenchReader {
  /** feedkeeper.db */
  file: string;
  articles: number;
  /** Storing the articles alone (the rate the setup line quotes); see times for the whole build. */
  buildMs: number;
  times: BuildTimes;
  /** The 50 other readers, each subscribed to every feed. */
  readers: BenchReader[];
  /** The reader subscribed to 20 of the feeds. */
  partial: BenchReader;
  /** Unread entry ids of the bench user for article pages, spread over the archive, shuffled. */
  articleIds: number[];
  /** 2-character Chinese queries, common, medium and rare in turn. */
  queries: string[];
}

export async function buildServeArchive(ctx: BenchContext, dir: string, total: number): Promise<ServeArchive> {
  const file = join(dir, 'feedkeeper.db');
  const feeds = archiveFeeds(ctx.seed, FEEDS);
  const started = Date.now();
  const lap = lapTimer();
  const built = await withStore(file, async (store) => {
    const feedIds: number[] = [];
    for (const feed of feeds) feedIds.push((await store.feeds.add({ url: feed.url })).id);
    const bench = await createAccount(store, { username: 'bench', isAdmin: true }, feedIds);
    const readers: Account[] = [];
    for (let r = 0; r < READERS; r++) {
      const personal = personalSettings(createRng(deriveSeed(ctx.seed, 0x2ead + r)), feeds, feedIds);
      readers.push(await createAccount(store, { username: `reader${String(r + 1).padStart(2, '0')}`, isAdmin: false }, feedIds, personal));
    }
    const partialFeeds = feeds.filter((f) => f.index % PARTIAL_STEP === 0);
    const partialIds = partialFeeds.map((f) => feedIds[f.index] ?? 0);
    const partial = await createAccount(store, { username: 'partial', isAdmin: false }, partialIds, personalSettings(createRng(deriveSeed(ctx.seed, 0x9a27)), partialFeeds, partialIds));
    const accountsMs = lap();
    await storeArchive(ctx, store, feeds, feedIds, total);
    return { bench, readers, partial, partialFeeds: new Set(partialFeeds.map((f) => f.index)), accountsMs, articlesMs: lap() };
  });
  const { bench, readers, partial } = built;
  subscribeRest(file, [bench, ...readers, partial]);
  const subscriptionsMs = lap();

  return withStore(file, async (store) => {
    await expectIdsOneToN(store, bench.userId, total);
    const all = () => true;
    const benchRead = await markRead(store, bench.userId, total, all, (id) => id % READ_EVERY === 0, NEWEST_READ);
    const others: BenchReader[] = [];
    for (const [r, reader] of readers.entries()) {
      const rng = createRng(deriveSeed(ctx.seed, 0x4ead + r));
      const newest = Math.round(NEWEST_READ / 2 + (r * NEWEST_READ) / (READERS - 1));
      others.push({ ...reader, ...(await markRead(store, reader.userId, total, all, () => rng.int(1, READ_EVERY) === 1, newest)) });
    }
    const rng = createRng(deriveSeed(ctx.seed, 0x4ead + READERS));
    const partialRead = await markRead(store, partial.userId, total, (id) => built.partialFeeds.has(feedIndexOf(id, FEEDS)), () => rng.int(1, READ_EVERY) === 1, NEWEST_READ);
    const benchReader = { ...bench, ...benchRead };
    const partialReader = { ...partial, ...partialRead };
    await checkCounts(store, [benchReader, ...others, partialReader]);
    const marksMs = lap();

    const twoChar = pickQuerySets(ctx.seed, sampleArticles(ctx.seed, total, feeds), PER_BAND).find((set) => set.chars === 2);
    if (twoChar === undefined || twoChar.queries.length === 0) throw new Error('serve: expected 2-character Chinese queries from the archive sample, got none');
    const articleIds = pickUnreadIds(ctx.seed, total);
    const times = { accountsMs: built.accountsMs, articlesMs: built.articlesMs, subscriptionsMs, marksMs, totalMs: Date.now() - started };
    return {
      file, articles: total, buildMs: built.articlesMs, times, ...benchReader, readers: others, partial: partialReader,
      articleIds, queries: twoChar.queries.map((q) => q.text),
    };
  });
}

async function withStore<T>(file: string, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openSqliteStore({ file });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Milliseconds since the last call (or since it was made). */
function lapTimer(): () => number {
  let last = Date.now();
  return () => {
    const now = Date.now();
    const ms = now - last;
    last = now;
    return ms;
  };
}

/** Entry ids are 1..N in the order stored (expectIdsOneToN): entry `id` is article `id - 1` of the generator. */
function feedIndexOf(id: number, feedCount: number): number {
  return Math.floor((id - 1) / ARCHIVE_BATCH) % feedCount;
}

/** Every batch through applyRefresh, as the search suite stores it (without its peer tables). */
async function storeArchive(ctx: BenchContext, store: Store, feeds: readonly ArchiveFeed[], feedIds: readonly number[], total: number): Promise<void> {
  const batches = Math.ceil(total / ARCHIVE_BATCH);
  const progress = startProgress(`serve: storing ${formatInt(total)} articles`, batches, { write: (s) => process.stderr.write(s), isTty: Boolean(process.stderr.isTTY) });
  try {
    for (let batch = 0; batch < batches; batch++) {
      const articles = generateBatch(ctx.seed, batch, total, feeds);
      const first = articles[0];
      const last = articles.at(-1);
      const feed = first === undefined ? undefined : feeds[first.feed];
      const feedId = first === undefined ? undefined : feedIds[first.feed];
      if (feed === undefined || feedId === undefined || last === undefined) continue;
      await store.articles.applyRefresh(feedId, articles.map(toIncoming), fetchState(feed, last.publishedAt));
      if (batch % 100 === 0) ctx.memory.sample();
      progress.tick();
    }
  } finally {
    progress.done();
  }
}

/** The scenarios address entries by id; a fresh archive numbers them 1..N in the order stored. */
async function expectIdsOneToN(store: Store, userId: number, total: number): Promise<void> {
  const { articles } = await store.articles.count();
  const newest = (await store.entries.list({ userId }, { limit: 1, cursor: null })).entries[0];
  if (articles !== total || newest?.id !== total) {
    throw new Error(`serve: expected ${formatInt(total)} entries numbered 1..${total}, got ${formatInt(articles)} with the newest at id ${newest?.id ?? 'none'}`);
  }
}

/** The bench user's marks: pickUnreadIds must leave these out. */
function isMarkedRead(id: number, total: number): boolean {
  return id % READ_EVERY === 0 || id > total - NEWEST_READ;
}

function pickUnreadIds(seed: number, total: number): number[] {
  const unread: number[] = [];
  for (let id = 1; id <= total; id++) if (!isMarkedRead(id, total)) unread.push(id);
  const step = Math.max(1, unread.length / ARTICLE_IDS);
  const ids = Array.from({ length: Math.min(ARTICLE_IDS, unread.length) }, (_, k) => unread[Math.floor(k * step)] ?? 1);
  const rng = createRng(deriveSeed(seed, 0x5e7e));
  for (let i = ids.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [ids[i], ids[j]] = [ids[j] ?? 1, ids[i] ?? 1];
  }
  return ids;
}
