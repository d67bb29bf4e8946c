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
 */
import { parseQuery } from '../src/search/index.js';
import { hashSecret } from '../src/serve/index.js';
import type { EntryFilter, Store } from '../src/store/index.js';
import type { ServeArchive } from './serve-archive.js';

export interface Scenario {
  name: string;
  /** The route as a person reads it: `GET /entries/:id`. */
  route: string;
  /** How it signs in, for the report. */
  auth: string;
  /** Request paths (with query), taken in turn. */
  paths: string[];
  headers: Record<string, string>;
  /** What a good answer's Content-Type starts with. */
  contentType: string;
  /** The route's store calls for one request, for input k of the rotation (k wraps). */
  store: { label: string; call: (k: number) => Promise<unknown> };
}

const LIST_PAGE = 50;
const SEARCH_PAGE = 20;
const FEED_ITEMS = 50;

export function serveScenarios(archive: ServeArchive, store: Store): Scenario[] {
  const { userId, queries, articleIds, feedIds } = archive;
  const session = { cookie: `fk_session=${archive.cookie}` };
  const bearer = { authorization: `Bearer ${archive.token}` };
  const token = encodeURIComponent(archive.token);
  // Each reader page: the session, then the page's own calls, then the sidebar (feeds and unread counts).
  const asReader = async (page: () => Promise<unknown>) => {
    await store.sessions.get(hashSecret(archive.cookie), Date.now());
    await page();
    await Promise.all([store.subscriptions.list(userId), store.entries.unreadCounts(userId)]);
  };
  const asProgram = async (call: () => Promise<unknown>) => {
    await store.tokens.findByHash(hashSecret(archive.token));
    await call();
  };
  const search = (k: number) => store.search.search(parseQuery(at(queries, k)), { scope: { userId }, limit: SEARCH_PAGE, sort: 'relevance', cursor: null });
  // A republished feed lists its entries with their clean HTML and categories (feeds/feed-sources.ts);
  // entry-content.ts gets an entry on its own only when it was never cleaned, never in this archive.
  const feedItems = (filter: EntryFilter) => store.entries.list(filter, { limit: FEED_ITEMS, cursor: null, withContent: true });
  const reader = 'sessions.get, then {page}, then subscriptions.list + entries.unreadCounts (the sidebar)';
  const program = 'tokens.findByHash, then {call}';
  return [
    {
      name: 'unread list', route: 'GET /', auth: 'session cookie', paths: ['/'], headers: session, contentType: 'text/html',
      store: {
        label: reader.replace('{page}', `entries.list({ read: false }, { limit: ${LIST_PAGE} })`),
        call: () => asReader(() => store.entries.list({ userId, read: false }, { limit: LIST_PAGE, cursor: null })),
      },
    },
    {
      name: 'article page', route: 'GET /entries/:id', auth: 'session cookie', paths: articleIds.map((id) => `/entries/${id}`), headers: session, contentType: 'text/html',
      store: {
        label: reader.replace('{page}', 'entries.get + entries.mark (the mark-read write)'),
        call: (k) => asReader(async () => {
          const id = at(articleIds, k);
          await store.entries.get({ userId, archive: true }, id);
          await store.entries.mark(userId, [id], { read: false });
        }),
      },
    },
    {
      name: 'search page', route: 'GET /search?q=', auth: 'session cookie', paths: queries.map((q) => `/search?q=${encodeURIComponent(q)}`), headers: session, contentType: 'text/html',
      store: {
        label: reader.replace('{page}', `search.search(q, { limit: ${SEARCH_PAGE}, sort: 'relevance' }) + entries.list({ ids }) (read marks)`),
        call: (k) => asReader(async () => {
          const found = await search(k);
          const ids = found.hits.map((h) => h.articleId);
          if (ids.length > 0) await store.entries.list({ userId, ids }, { limit: ids.length, cursor: null });
        }),
      },
    },
    {
      name: 'search API', route: 'GET /api/v1/search?q=', auth: 'bearer token', paths: queries.map((q) => `/api/v1/search?q=${encodeURIComponent(q)}`), headers: bearer, contentType: 'application/json',
      store: { label: program.replace('{call}', `search.search(q, { limit: ${SEARCH_PAGE}, sort: 'relevance' })`), call: (k) => asProgram(() => search(k)) },
    },
    {
      name: 'feed: all (RSS)', route: 'GET /feeds/all.rss', auth: '?token=', paths: [`/feeds/all.rss?token=${token}`], headers: {}, contentType: 'application/rss+xml',
      store: {
        label: program.replace('{call}', `entries.list({}, { limit: ${FEED_ITEMS}, withContent: true })`),
        call: () => asProgram(() => feedItems({ userId })),
      },
    },
    {
      name: 'feed: one (Atom)', route: 'GET /feeds/:id.atom', auth: '?token=', paths: feedIds.map((id) => `/feeds/${id}.atom?token=${token}`), headers: {}, contentType: 'application/atom+xml',
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

function at<T>(list: readonly T[], k: number): T {
  const value = list[k % list.length];
  if (value === undefined) throw new Error('serve: a scenario has no inputs to rotate through');
  return value;
}
