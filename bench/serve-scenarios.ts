/**
 * What the serve suite asks the server, and the store calls each answer is built on (the "store
 * alone" peer, timed in the bench process for the same inputs, so the report can say how much of
 * a request is the store and how much is routing, rendering and HTTP). The issue names four
 * things to measure; search and the republished feed each come in their two common forms:
 *
 *   unread list     GET /                          session cookie
 *   article page    GET /entries/:id               session cookie (opening it marks it read)
 *   search page     GET /search?q=                 session cookie
 *   search API      GET /api/v1/search?q=          bearer token
 *   all articles    GET /feeds/all.rss?token=      query token
 *   one feed        GET /feeds/:id.atom?token=     query token
 *
 * The store calls mirror what the routes ask (auth/authenticate.ts, reader/view.ts's sidebar,
 * reader/lists.ts, article.ts, search-page.ts, api/search.ts, feeds/feed-sources.ts) with their
 * page sizes (lists 50, search 20, republished feeds 50); when a route changes what it asks,
 * change it here too (a store share far above 100% says the two have drifted apart). The
 * article page's mark-read write is timed as a mark of the same shape that leaves the entry
 * unread, so the timed HTTP run still finds its pages unread.
 *
 * All of those sign in as the bench user. Beside the unread list and the search page come the
 * same pages for 50 readers, each request (and each store call) another reader's in turn, and
 * the unread list of the reader who subscribes to 20 feeds only: the list walks the archive
 * newest first, so a reader who reaches a tenth of it walks past the other nine tenths.
 */
import { parseQuery } from '../src/search/index.js';
import { hashSecret } from '../src/serve/index.js';
import type { EntryFilter, Store } from '../src/store/index.js';
import { formatInt } from './report.js';
import type { BenchReader, ServeArchive } from './serve-archive.js';

export interface Scenario {
  name: string;
  /** The route as a person reads it: `GET /entries/:id`. */
  route: string;
  /** How it signs in, for the report. */
  auth: string;
  /** Request paths (with query), taken in turn. */
  paths: string[];
  headers: Record<string, string>;
  /**
   * Headers taken in turn, one set a request, over `headers` (each reader's session cookie), in a
   * rotation of their own: request n asks path n and sends header set n, both wrapping.
   */
  headerRotation?: Array<Record<string, string>>;
  /** Who asks, for the report: `bench` or `50 readers`. */
  users: string;
  /** The single-user scenario this one is the per-user form of (its name): the report compares the two. */
  baseline?: string;
  /** What a good answer's Content-Type starts with. */
  contentType: string;
  /** The route's store calls for one request, for input k of the rotation (k wraps). */
  store: { label: string; call: (k: number) => Promise<unknown> };
  /** One line on how much work the store calls do for these inputs (how far a list walks), for the report. */
  describe?: () => Promise<string>;
}

const LIST_PAGE = 50;
const SEARCH_PAGE = 20;
const FEED_ITEMS = 50;

export function serveScenarios(archive: ServeArchive, store: Store): Scenario[] {
  const { userId, queries, articleIds, feedIds, readers, partial } = archive;
  const sessionOf = (reader: BenchReader) => ({ cookie: `fk_session=${reader.cookie}` });
  const session = sessionOf(archive);
  const sessions = readers.map(sessionOf);
  const bearer = { authorization: `Bearer ${archive.token}` };
  const token = encodeURIComponent(archive.token);
  // Each reader page: the session, then the page's own calls, then the sidebar (feeds and unread counts).
  const asReader = async (reader: BenchReader, page: () => Promise<unknown>) => {
    await store.sessions.get(hashSecret(reader.cookie), Date.now());
    await page();
    await Promise.all([store.subscriptions.list(reader.userId), store.entries.unreadCounts(reader.userId)]);
  };
  const asProgram = async (call: () => Promise<unknown>) => {
    await store.tokens.findByHash(hashSecret(archive.token));
    await call();
  };
  const unread = (reader: BenchReader) => store.entries.list({ userId: reader.userId, read: false }, { limit: LIST_PAGE, cursor: null });
  const search = (reader: BenchReader, k: number) =>
    store.search.search(parseQuery(at(queries, k)), { scope: { userId: reader.userId }, limit: SEARCH_PAGE, sort: 'relevance', cursor: null });
  const searchPage = (reader: BenchReader, k: number) =>
    asReader(reader, async () => {
      const found = await search(reader, k);
      const ids = found.hits.map((h) => h.articleId);
      if (ids.length > 0) await store.entries.list({ userId: reader.userId, ids }, { limit: ids.length, cursor: null });
    });
  // The list walks articles newest first; ids grow with publication time, so the first page's last id says how far.
  const walked = (who: readonly BenchReader[]) => async () => {
    const rows: number[] = [];
    for (const reader of who) rows.push(archive.articles - ((await unread(reader)).entries.at(-1)?.id ?? 1) + 1);
    const mean = rows.reduce((sum, n) => sum + n, 0) / rows.length;
    const spread = who.length === 1 ? '' : ` (mean of ${who.length} readers, ${formatInt(Math.min(...rows))} to ${formatInt(Math.max(...rows))})`;
    const reach = who.reduce((sum, r) => sum + r.reach, 0) / who.length;
    return `rows walked: the first page's ${LIST_PAGE} unread entries are among the newest ${formatInt(Math.round(mean))} articles${spread}; ` +
      `the reader reaches ${percent(reach / archive.articles)} of the archive (${formatInt(Math.round(reach))} entries).`;
  };
  // A republished feed lists its entries with their clean HTML and categories (feeds/feed-sources.ts);
  // entry-content.ts gets an entry on its own only when it was never cleaned, never in this archive.
  const feedItems = (filter: EntryFilter) => store.entries.list(filter, { limit: FEED_ITEMS, cursor: null, withContent: true });
  const reader = 'sessions.get, then {page}, then subscriptions.list + entries.unreadCounts (the sidebar)';
  const program = 'tokens.findByHash, then {call}';
  const listLabel = reader.replace('{page}', `entries.list({ read: false }, { limit: ${LIST_PAGE} })`);
  const searchLabel = reader.replace('{page}', `search.search(q, { scope: { userId }, limit: ${SEARCH_PAGE}, sort: 'relevance' }) + entries.list({ ids }) (read marks)`);
  const perReader = ` for reader k mod ${readers.length}`;
  const searchPaths = queries.map((q) => `/search?q=${encodeURIComponent(q)}`);
  return [
    {
      name: 'unread list', route: 'GET /', auth: 'session cookie', users: 'bench', paths: ['/'], headers: session, contentType: 'text/html',
      store: { label: listLabel, call: () => asReader(archive, () => unread(archive)) },
      describe: walked([archive]),
    },
    {
      name: `unread list (${readers.length} users)`, route: 'GET /', auth: 'session cookie', users: `${readers.length} readers`, baseline: 'unread list',
      paths: ['/'], headers: {}, headerRotation: sessions, contentType: 'text/html',
      store: { label: listLabel + perReader, call: (k) => { const r = at(readers, k); return asReader(r, () => unread(r)); } },
      describe: walked(readers),
    },
    {
      name: `unread list (${partial.feedIds.length} feeds)`, route: 'GET /', auth: 'session cookie', users: `${partial.username} (${partial.feedIds.length} of ${feedIds.length} feeds)`, baseline: 'unread list',
      paths: ['/'], headers: sessionOf(partial), contentType: 'text/html',
      store: { label: listLabel, call: () => asReader(partial, () => unread(partial)) },
      describe: walked([partial]),
    },
    {
      name: 'article page', route: 'GET /entries/:id', auth: 'session cookie', users: 'bench', paths: articleIds.map((id) => `/entries/${id}`), headers: session, contentType: 'text/html',
      store: {
        label: reader.replace('{page}', 'entries.get + entries.mark (the mark-read write)'),
        call: (k) => asReader(archive, async () => {
          const id = at(articleIds, k);
          await store.entries.get({ userId, archive: true }, id);
          await store.entries.mark(userId, [id], { read: false });
        }),
      },
    },
    {
      name: 'search page', route: 'GET /search?q=', auth: 'session cookie', users: 'bench', paths: searchPaths, headers: session, contentType: 'text/html',
      store: { label: searchLabel, call: (k) => searchPage(archive, k) },
    },
    {
      name: `search page (${readers.length} users)`, route: 'GET /search?q=', auth: 'session cookie', users: `${readers.length} readers`, baseline: 'search page',
      paths: searchPaths, headers: {}, headerRotation: sessions, contentType: 'text/html',
      store: { label: `${searchLabel}, query k${perReader}`, call: (k) => searchPage(at(readers, k), k) },
    },
    {
      name: 'search API', route: 'GET /api/v1/search?q=', auth: 'bearer token', users: 'bench', paths: queries.map((q) => `/api/v1/search?q=${encodeURIComponent(q)}`), headers: bearer, contentType: 'application/json',
      store: { label: program.replace('{call}', `search.search(q, { limit: ${SEARCH_PAGE}, sort: 'relevance' })`), call: (k) => asProgram(() => search(archive, k)) },
    },
    {
      name: 'feed: all (RSS)', route: 'GET /feeds/all.rss', auth: '?token=', users: 'bench', paths: [`/feeds/all.rss?token=${token}`], headers: {}, contentType: 'application/rss+xml',
      store: {
        label: program.replace('{call}', `entries.list({}, { limit: ${FEED_ITEMS}, withContent: true })`),
        call: () => asProgram(() => feedItems({ userId })),
      },
    },
    {
      name: 'feed: one (Atom)', route: 'GET /feeds/:id.atom', auth: '?token=', users: 'bench', paths: feedIds.map((id) => `/feeds/${id}.atom?token=${token}`), headers: {}, contentType: 'application/atom+xml',
      store: {
        label: program.replace('{call}', `feeds.get + entries.list({ feedId }, { limit: ${FEED_ITEMS}, withContent: true })`),
        call: (k) => asProgram(async () => {
          const feedId = at(feedIds, k);
          await store.feeds.get(feedId);
          await feedItems({ userId, feedId });
        }),
      },
    },
  ];
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function at<T>(list: readonly T[], k: number): T {
  const value = list[k % list.length];
  if (value === undefined) throw new Error('serve: a scenario has no inputs to rotate through');
  return value;
}
