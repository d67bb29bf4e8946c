/**
 * Republished clean full-text feeds, for other apps to subscribe to:
 *
 *   /feeds/all.{rss,atom,json}       every article
 *   /feeds/changes.{rss,atom,json}   edits, removals and returns (?feed=ID, ?tag=T; changes-feed.ts)
 *   /feeds/{feedId}.{rss,atom,json}  one subscribed feed (unknown id: 404)
 *   /tags/{tag}.{rss,atom,json}      the feeds tagged so (URL-decoded: /tags/%E5%9C%B0%E9%93%81.rss)
 *   /search.{rss,atom,json}?q=…      the newest matches of a search, in the search page's language
 *
 * with ?limit= (default 50, at most 500), include=/exclude=, opencc=s2t|t2s|s2tw|s2hk and
 * fulltext=0. app.ts puts authentication in front of FEED_PATHS, with `?token=` allowed because a
 * URL is all a feed reader can hold; the token never appears in the document (self links drop it).
 * This file reads the request; feed-sources.ts, build-feed.ts and caching.ts do the rest.
 */
import { Hono, type Context } from 'hono';
import { isHttps } from '../client.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { buildFeed } from './build-feed.js';
import { buildChangesFeed } from './changes-feed.js';
import { feedResponse } from './caching.js';
import { FORMAT_NAMES, FORMATS, readFilters, readSearchText, splitFileName, type FeedFormat } from './feed-request.js';
import { requireOwnTag } from '../scope.js';
import { allSource, searchSource, subscribedSource, tagSource, type FeedSource } from './feed-sources.js';

/** The paths app.ts puts feed authentication (?token= allowed) in front of. */
export const FEED_PATHS = ['/feeds/*', '/tags/*', ...FORMAT_NAMES.map((f) => `/search.${f}`)];

export function feedRoutes(deps: ServeDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/feeds/:file', async (c) => {
    const { name, format } = splitFileName(c.req.param('file'), '/feeds');
    const userId = c.get('user').id;
    if (name === 'changes') return serveChanges(c, deps, format);
    const source = name === 'all' ? allSource(deps, userId) : await subscribedSource(deps, userId, name);
    return serveFeed(c, deps, source, format);
  });
  // {.+}: a tag may hold a slash, sent as %2F or not.
  app.get('/tags/:file{.+}', async (c) => {
    const { name, format } = splitFileName(c.req.param('file'), '/tags');
    requireOwnTag(await deps.store.subscriptions.list(c.get('user').id), name);
    return serveFeed(c, deps, tagSource(deps, c.get('user').id, name), format);
  });
  for (const format of FORMAT_NAMES) {
    app.get(`/search.${format}`, (c) => {
      const q = readSearchText(new URL(c.req.url).searchParams);
      return serveFeed(c, deps, searchSource(deps, c.get('user').id, q), format);
    });
  }
  return app;
}

async function serveFeed(c: Context<AppEnv>, deps: ServeDeps, source: FeedSource, format: FeedFormat): Promise<Response> {
  const url = new URL(c.req.url);
  const filters = readFilters(url.searchParams);
  const origin = originOf(c, deps, url);
  const { feed, lastChange } = await buildFeed({ deps, userId: c.get('user').id, selfUrl: selfUrl(origin, url), homeUrl: origin + source.homePath }, source, filters);
  const writer = FORMATS[format];
  return feedResponse(c, writer.write(feed), writer.contentType, lastChange);
}

async function serveChanges(c: Context<AppEnv>, deps: ServeDeps, format: FeedFormat): Promise<Response> {
  const url = new URL(c.req.url);
  const origin = originOf(c, deps, url);
  const { feed, lastChange } = await buildChangesFeed({ deps, userId: c.get('user').id, selfUrl: selfUrl(origin, url), origin, query: url.searchParams, filters: readFilters(url.searchParams) });
  const writer = FORMATS[format];
  return feedResponse(c, writer.write(feed), writer.contentType, lastChange);
}

/** The request's origin; https when a trusted proxy says the client came over it. */
function originOf(c: Context<AppEnv>, deps: ServeDeps, url: URL): string {
  return `${isHttps(c, deps.options.trustProxy) ? 'https:' : url.protocol}//${url.host}`;
}

/** This document's URL as requested, less the secret: a self link gets copied, shown and shared. */
function selfUrl(origin: string, url: URL): string {
  // Kept as the client wrote it (not re-encoded), only `token=` parts dropped.
  const kept = url.search.slice(1).split('&').filter((part) => part !== '' && !/^token(=|$)/.test(part));
  return `${origin}${url.pathname}${kept.length === 0 ? '' : `?${kept.join('&')}`}`;
}
