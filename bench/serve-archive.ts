/**
 * The archive the serve suite serves: the search suite's generated articles (bench/gen/archive.ts,
 * same seed, same feeds, stored by the same toIncoming/fetchState through applyRefresh) in a
 * feedkeeper.db of its own, plus what a signed-in reader brings: an admin, an API token, a browser
 * session, and a few thousand entries already read (every 50th, and the newest 1,000) so the
 * unread list has rows to skip. Also picks the inputs the scenarios rotate through.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startProgress } from '../src/cli/progress.js';
import { hashPassword, hashSecret, newApiToken, newPassword } from '../src/serve/index.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/index.js';
import { ARCHIVE_BATCH, archiveFeeds, generateBatch, type ArchiveFeed } from './gen/archive.js';
import { pickQuerySets } from './gen/archive-queries.js';
import { createRng, deriveSeed } from './gen/prng.js';
import { formatInt } from './report.js';
import { fetchState, sampleArticles, toIncoming } from './search.js';
import type { BenchContext } from './suite.js';

/** As many feeds as the search suite's archive, so the two archives are the same articles. */
const FEEDS = 200;
const READ_EVERY = 50;
const NEWEST_READ = 1_000;
/**
 * Article pages: up to this many unread ids spread over the archive, in a seeded shuffle. Opening
 * one marks it read (a write, as in real use), so the rotation is long enough that a run seldom
 * comes back to a page it has already read.
 */
const ARTICLE_IDS = 20_000;
/** The search scenario's queries: the search suite's 2-character Chinese set (3 bands × 17). */
const PER_BAND = 17;
/** The bench user never signs in with a password; a cheap hash keeps setup fast. */
const CHEAP_COST = { N: 1024, r: 8, p: 1 };
const SESSION_TTL_MS = 24 * 3_600_000;

export interface ServeArchive {
  /** feedkeeper.db */
  file: string;
  articles: number;
  buildMs: number;
  userId: number;
  /** The session cookie's value (fk_session) and the API token, both secrets. */
  cookie: string;
  token: string;
  readCount: number;
  feedIds: number[];
  /** Unread entry ids for article pages, spread over the archive, shuffled. */
  articleIds: number[];
  /** 2-character Chinese queries, common, medium and rare in turn. */
  queries: string[];
}

export async function buildServeArchive(ctx: BenchContext, dir: string, total: number): Promise<ServeArchive> {
  const file = join(dir, 'feedkeeper.db');
  const feeds = archiveFeeds(ctx.seed, FEEDS);
  const store = await openSqliteStore({ file });
  try {
    const started = Date.now();
    const feedIds = await storeArchive(ctx, store, feeds, total);
    const buildMs = Date.now() - started;
    const account = await createReader(store, feedIds);
    await expectIdsOneToN(store, account.userId, total);
    const readCount = await markSomeRead(store, account.userId, total);
    const twoChar = pickQuerySets(ctx.seed, sampleArticles(ctx.seed, total, feeds), PER_BAND).find((set) => set.chars === 2);
    if (twoChar === undefined || twoChar.queries.length === 0) throw new Error('serve: expected 2-character Chinese queries from the archive sample, got none');
    const articleIds = pickUnreadIds(ctx.seed, total);
    return { file, articles: total, buildMs, ...account, readCount, feedIds, articleIds, queries: twoChar.queries.map((q) => q.text) };
  } finally {
    await store.close();
  }
}

/** Every batch through applyRefresh, as the search suite stores it (without its peer tables). */
async function storeArchive(ctx: BenchContext, store: Store, feeds: readonly ArchiveFeed[], total: number): Promise<number[]> {
  const feedIds: number[] = [];
  for (const feed of feeds) feedIds.push((await store.feeds.add({ url: feed.url })).id);
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
  return feedIds;
}

/** The scenarios address entries by id; a fresh archive numbers them 1..N in the order stored. */
async function expectIdsOneToN(store: Store, userId: number, total: number): Promise<void> {
  const { articles } = await store.articles.count();
  const newest = (await store.entries.list({ userId }, { limit: 1, cursor: null })).entries[0];
  if (articles !== total || newest?.id !== total) {
    throw new Error(`serve: expected ${formatInt(total)} entries numbered 1..${total}, got ${formatInt(articles)} with the newest at id ${newest?.id ?? 'none'}`);
  }
}

/** The reader the scenarios sign in as: an admin subscribed to every feed of the archive. */
async function createReader(store: Store, feedIds: readonly number[]): Promise<{ userId: number; cookie: string; token: string }> {
  const user = await store.users.create({ username: 'bench', passwordHash: await hashPassword(newPassword(), CHEAP_COST), isAdmin: true });
  for (const feedId of feedIds) await store.subscriptions.add(user.id, feedId);
  const token = newApiToken();
  await store.tokens.create({ userId: user.id, name: 'serve bench', tokenHash: hashSecret(token) });
  const cookie = randomBytes(32).toString('base64url');
  const now = Date.now();
  await store.sessions.create({ idHash: hashSecret(cookie), userId: user.id, csrfToken: randomBytes(32).toString('base64url'), createdAt: now, expiresAt: now + SESSION_TTL_MS });
  return { userId: user.id, cookie, token };
}

function isMarkedRead(id: number, total: number): boolean {
  return id % READ_EVERY === 0 || id > total - NEWEST_READ;
}

async function markSomeRead(store: Store, userId: number, total: number): Promise<number> {
  const ids: number[] = [];
  for (let id = 1; id <= total; id++) if (isMarkedRead(id, total)) ids.push(id);
  const marked = await store.entries.mark(userId, ids, { read: true });
  if (marked !== ids.length) throw new Error(`serve: marking ${ids.length} entries read found ${marked} of them`);
  return marked;
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
