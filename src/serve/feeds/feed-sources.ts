/**
 * The four kinds of republished feed — every article, one subscribed feed, a tag, a search —
 * as one FeedSource each: the feed's own metadata and a loader of its newest entries with their
 * clean HTML. Everything after (filters, ids, writing) is the same for all four (build-feed.ts).
 *
 * Lists come from store.entries.list (newest first, with content); a search asks
 * store.search.search sorted by date and then lists those ids, so both read the latest revision
 * the same way. An unknown feed id is NOT_FOUND; an unknown tag is an empty feed, as the store
 * cannot tell a tag with no articles from one nobody uses.
 */
import { FeedkeeperError, isFeedkeeperError } from '../../core/index.js';
import { parseQuery, type QueryAst } from '../../search/index.js';
import { feedName, type EntryFilter, type EntrySummary } from '../../store/index.js';
import type { ServeDeps } from '../deps.js';
import { allFeedId, searchFeedId, subscribedFeedId, tagFeedId } from './feed-ids.js';
import { searchArchive } from '../search.js';

/** One entry to republish, with its clean plain text when the source already has it (search hits). */
export interface Candidate {
  entry: EntrySummary;
  text: string | null;
}

export interface FeedSource {
  id: string;
  title: string;
  description: string;
  /** The reader's page for the same list, as a path on this server (see homePaths below). */
  homePath: string;
  /** Up to `count` entries (1..500), newest first, each with contentHtml loaded. */
  load(count: number): Promise<Candidate[]>;
}

const BRAND = 'feedkeeper';

// Where the web reader shows the same lists. Kept in this one place so they follow the reader's
// routes if those change.
const homePaths = {
  all: () => '/all',
  feed: (id: number) => `/feed/${id}?show=all`,
  tag: (tag: string) => `/tag/${encodeURIComponent(tag)}?show=all`,
  search: (q: string) => `/search?q=${encodeURIComponent(q)}`,
};

export function allSource(deps: ServeDeps, userId: number): FeedSource {
  return {
    id: allFeedId(),
    title: `${BRAND} · all articles`,
    description: 'The clean full text of every article of your subscriptions, newest first.',
    homePath: homePaths.all(),
    load: (count) => listed(deps, { userId }, count),
  };
}

/** `idText` is the file name's stem: a database id, or NOT_FOUND. */
export async function subscribedSource(deps: ServeDeps, userId: number, idText: string): Promise<FeedSource> {
  const id = /^[1-9]\d{0,14}$/.test(idText) ? Number(idText) : null;
  const feed = id === null ? null : await deps.store.subscriptions.get(userId, id);
  if (feed === null) throw new FeedkeeperError('NOT_FOUND', `/feeds/${idText}: no feed with id "${idText}" (expected a subscribed feed's id, or "all")`);
  const title = feedName(feed);
  return {
    id: subscribedFeedId(feed.url),
    title: `${BRAND} · ${title}`,
    description: `The clean full text of ${title} (${feed.url}), newest first.`,
    homePath: homePaths.feed(feed.id),
    load: (count) => listed(deps, { userId, feedId: feed.id }, count),
  };
}

export function tagSource(deps: ServeDeps, userId: number, tag: string): FeedSource {
  return {
    id: tagFeedId(tag),
    title: `${BRAND} · tag ${tag}`,
    description: `The clean full text of the articles of your feeds tagged "${tag}", newest first.`,
    homePath: homePaths.tag(tag),
    load: (count) => listed(deps, { userId, tag }, count),
  };
}

/** Parses the query now, so a bad one is a 400 before anything is loaded. */
export function searchSource(deps: ServeDeps, userId: number, q: string): FeedSource {
  const ast = parseSearch(q);
  return {
    id: searchFeedId(q),
    title: `${BRAND} · search: ${q}`,
    description: `The newest articles matching "${q}", with their clean full text.`,
    homePath: homePaths.search(q),
    load: async (count) => {
      const page = await searchArchive(deps, ast, { scope: { userId }, limit: count, sort: 'date', cursor: null });
      const texts = new Map(page.hits.map((h) => [h.articleId, h.text]));
      const ids = [...texts.keys()];
      const found = await listed(deps, { userId, ids }, count);
      return found.map((c) => ({ entry: c.entry, text: texts.get(c.entry.id) ?? null }));
    },
  };
}

function parseSearch(q: string): QueryAst {
  try {
    return parseQuery(q);
  } catch (err) {
    if (isFeedkeeperError(err, 'QUERY_INVALID')) throw new FeedkeeperError('QUERY_INVALID', `q: ${err.message}`, { cause: err });
    throw err;
  }
}

async function listed(deps: ServeDeps, filter: EntryFilter, count: number): Promise<Candidate[]> {
  const page = await deps.store.entries.list(filter, { limit: count, cursor: null, withContent: true });
  return page.entries.map((entry) => ({ entry, text: null }));
}
