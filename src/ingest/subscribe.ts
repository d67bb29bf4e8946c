/**
 * Subscribing: the one place that turns a URL a person typed into a subscription, shared by the CLI
 * (`feedkeeper add`, `import-opml`) and the web reader. A URL is fetched once to check it is a feed;
 * an HTML page is read for the feeds it links to (discovery), so a front end can offer the choice.
 * OPML import adds every outline that is not subscribed yet, reporting the rest.
 *
 * Feeds are shared: subscribing to a URL the archive already fetches (for anyone) adds the user's
 * subscription to that feed row, with no fetch, so one fetch serves every subscriber.
 */
import { charsetFromContentType } from '../encoding/index.js';
import { FeedkeeperError, isFeedkeeperError, type Clock } from '../core/index.js';
import type { DiscoveredFeed } from '../discover/index.js';
import type { Fetcher } from '../fetch/index.js';
import { parseFeed, parseOpml, type ParseResult } from '../parse/index.js';
import type { Store, Subscription, User } from '../store/index.js';
import { writeOpml } from '../publish/index.js';

export interface SubscribeDeps {
  store: Store;
  fetcher: Fetcher;
  clock: Clock;
}

export interface SubscribeOptions {
  title?: string;
  tags?: string[];
  /** Fetch first to check the URL is a feed (false: subscribe to a feed that is down today). */
  check: boolean;
}

export interface SubscribeOutcome {
  feed: Subscription;
  itemCount: number | null;
  /** Other feeds the page linked to, when `input` was a page. */
  others: DiscoveredFeed[];
  /** True when `input` was a page and the feed was found through its links (not a redirect). */
  viaPage: boolean;
  /** True when the archive already had the feed (another user's, or one nobody read any more). */
  shared: boolean;
}

/**
 * Subscribing as a service with the fetcher already wired in, for a front door that must not hold
 * a fetcher itself (the web: serve never fetches).
 */
export interface Subscriptions {
  discover(url: string): Promise<Discovery>;
  subscribe(userId: number, url: string, opts: SubscribeOptions): Promise<SubscribeOutcome>;
  importOpml(userId: number, bytes: Uint8Array): Promise<OpmlImportSummary>;
}

export function subscriptionService(deps: SubscribeDeps): Subscriptions {
  return {
    discover: (url) => discover(deps, url),
    subscribe: (userId, url, opts) => subscribe(deps, userId, url, opts),
    importOpml: (userId, bytes) => importOpmlFeeds(deps, userId, bytes),
  };
}

/** What a URL offers: itself as a feed, or the feeds its page links to. */
export type Discovery =
  | { kind: 'feed'; url: string; title: string | null; itemCount: number }
  | { kind: 'page'; feeds: DiscoveredFeed[] };

const ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5';

/** Fetches `input` once: a feed, or a page with the feeds it links to (NOT_A_FEED when it links to none). */
async function discover(deps: SubscribeDeps, input: string): Promise<Discovery> {
  const url = httpUrl(input);
  const first = await fetchAndParse(deps, url);
  if (first.ok) return { kind: 'feed', url: first.url, title: first.parsed.feed.title, itemCount: first.parsed.items.length };
  const feeds = (first.error.details.feeds ?? []) as DiscoveredFeed[];
  if (first.error.code !== 'NOT_A_FEED' || feeds.length === 0) throw first.error;
  return { kind: 'page', feeds };
}

export async function subscribe(deps: SubscribeDeps, userId: number, input: string, opts: SubscribeOptions): Promise<SubscribeOutcome> {
  const url = httpUrl(input);
  const settings = { titleOverride: opts.title ?? null, tags: [...new Set(opts.tags ?? [])] };
  // A URL the archive already fetches needs no check: it is shared as it is.
  const known = await deps.store.feeds.getByUrl(url);
  if (known !== null) return { feed: await deps.store.subscriptions.add(userId, known.id, settings), itemCount: null, others: [], viaPage: false, shared: true };
  let target = url;
  let parsed: ParseResult | null = null;
  let others: DiscoveredFeed[] = [];
  let viaPage = false;
  if (opts.check) ({ url: target, parsed, others, viaPage } = await fetchFeed(deps, url));
  const existing = await deps.store.feeds.getByUrl(target);
  if (existing !== null) return { feed: await deps.store.subscriptions.add(userId, existing.id, settings), itemCount: parsed?.items.length ?? null, others, viaPage, shared: true };
  const feed = await deps.store.feeds.add({ url: target, title: parsed?.feed.title ?? null, siteUrl: parsed?.feed.link ?? null, nextCheckAt: deps.clock.now() });
  const subscription = await deps.store.subscriptions.add(userId, feed.id, settings);
  return { feed: subscription, itemCount: parsed?.items.length ?? null, others, viaPage, shared: false };
}

/** Fetch and parse; on an HTML page, follow the first feed it links to. */
async function fetchFeed(deps: SubscribeDeps, url: string): Promise<{ url: string; parsed: ParseResult; others: DiscoveredFeed[]; viaPage: boolean }> {
  const first = await fetchAndParse(deps, url);
  if (first.ok) return { url: first.url, parsed: first.parsed, others: [], viaPage: false };
  const feeds = (first.error.details.feeds ?? []) as DiscoveredFeed[];
  if (first.error.code !== 'NOT_A_FEED' || feeds.length === 0) throw first.error;
  const [chosen, ...others] = feeds as [DiscoveredFeed, ...DiscoveredFeed[]];
  const second = await fetchAndParse(deps, chosen.url);
  if (!second.ok) throw new FeedkeeperError(second.error.code, `${url} links to ${chosen.url}, but that is not a readable feed: ${second.error.message}`);
  return { url: second.url, parsed: second.parsed, others, viaPage: true };
}

type Attempt = { ok: true; url: string; parsed: ParseResult } | { ok: false; error: FeedkeeperError };

async function fetchAndParse(deps: SubscribeDeps, url: string): Promise<Attempt> {
  const res = await deps.fetcher.fetch(url, { accept: ACCEPT });
  if (res.kind !== 'ok') {
    const why = res.kind === 'gone' ? 'the server says it is gone (410)' : res.kind === 'rate-limited' ? `the server is rate-limiting us (${res.status})` : 'the server answered 304 to an unconditional request';
    return { ok: false, error: new FeedkeeperError('FETCH_HTTP_STATUS', `cannot subscribe to ${url}: ${why}`) };
  }
  const charset = charsetFromContentType(res.contentType);
  try {
    return { ok: true, url: res.permanentRedirect ?? url, parsed: parseFeed(res.body, { httpCharset: charset, baseUrl: res.finalUrl }) };
  } catch (err) {
    if (isFeedkeeperError(err)) return { ok: false, error: err };
    throw err;
  }
}

/** An http(s) URL, or USAGE saying what was wrong with the input. */
export function httpUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new FeedkeeperError('USAGE', `expected a feed or site URL starting with http:// or https://, got "${input}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FeedkeeperError('USAGE', `only http and https feeds can be subscribed to, got "${input}"`);
  return url.href;
}

export interface OpmlImportSummary {
  added: number;
  alreadySubscribed: string[];
  duplicatesInFile: string[];
  warnings: string[];
}

/**
 * Subscribes the user to every feed of an OPML document they do not have yet (folders become
 * tags); a feed the archive already fetches for someone else is shared, not added again.
 */
export async function importOpmlFeeds(
  deps: Pick<SubscribeDeps, 'store' | 'clock'>,
  userId: number,
  bytes: Uint8Array,
  progress?: { start(total: number): void; tick(): void },
): Promise<OpmlImportSummary> {
  const doc = parseOpml(bytes);
  progress?.start(doc.feeds.length);
  const summary: OpmlImportSummary = { added: 0, alreadySubscribed: [], duplicatesInFile: doc.duplicates, warnings: doc.warnings.map((w) => w.message) };
  const mine = new Set((await deps.store.subscriptions.list(userId)).map((s) => s.url));
  for (const f of doc.feeds) {
    if (mine.has(f.url)) summary.alreadySubscribed.push(f.url);
    else {
      const feed = (await deps.store.feeds.getByUrl(f.url)) ?? (await deps.store.feeds.add({ url: f.url, title: f.title, siteUrl: f.siteUrl, nextCheckAt: deps.clock.now() }));
      await deps.store.subscriptions.add(userId, feed.id, { titleOverride: null, tags: f.tags });
      summary.added++;
    }
    progress?.tick();
  }
  return summary;
}

/**
 * How a feed is fetched (intervals, user agent, full text, enabled) is shared by all its
 * subscribers: an admin may change it, or its only subscriber. FORBIDDEN otherwise.
 */
export async function mayChangeFetching(store: Store, user: User, feedId: number): Promise<boolean> {
  return user.isAdmin || (await store.subscriptions.subscribers(feedId)) <= 1;
}

export async function assertMayChangeFetching(store: Store, user: User, feedId: number): Promise<void> {
  if (await mayChangeFetching(store, user, feedId)) return;
  const others = (await store.subscriptions.subscribers(feedId)) - 1;
  throw new FeedkeeperError('FORBIDDEN', `feed ${feedId} is shared with ${others} other subscriber(s): only an admin can change how it is fetched (your own title and tags are yours to change)`, {
    details: { feedId },
  });
}

/** A user's subscriptions as an OPML document. */
export function subscriptionsOpml(feeds: readonly Subscription[], nowMs: number): string {
  return writeOpml({
    title: 'feedkeeper subscriptions',
    feeds: feeds.map((f) => ({ url: f.url, title: f.titleOverride ?? f.title, siteUrl: f.siteUrl, tags: f.tags })),
    dateCreated: new Date(nowMs),
  });
}
