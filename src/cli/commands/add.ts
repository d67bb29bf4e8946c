/**
 * `feedkeeper add URL`: subscribe to a feed, or to a site whose page links to feeds (the first
 * one is chosen and the others are listed). The feed is fetched once to check that it is a feed;
 * `--no-check` subscribes without fetching (a feed that is down today).
 */
import { charsetFromContentType } from '../../encoding/index.js';
import { FeedkeeperError, isFeedkeeperError } from '../../core/index.js';
import type { DiscoveredFeed } from '../../discover/index.js';
import { parseFeed, type ParseResult } from '../../parse/index.js';
import type { Feed } from '../../store/index.js';
import type { App } from '../app.js';
import { feedName } from '../feed-ref.js';
import { UsageError, type CliIo } from '../io.js';

export interface AddOptions {
  title?: string;
  tag?: string[];
  check: boolean;
}

export interface AddOutcome {
  feed: Feed;
  itemCount: number | null;
  others: DiscoveredFeed[];
  /** True when `input` was a page and the feed was found through its links (not a redirect). */
  viaPage: boolean;
}

export async function addFeed(app: App, input: string, opts: AddOptions): Promise<AddOutcome> {
  const url = httpUrl(input);
  const store = await app.store();
  let target = url;
  let parsed: ParseResult | null = null;
  let others: DiscoveredFeed[] = [];
  let viaPage = false;
  if (opts.check) {
    const found = await fetchFeed(app, url);
    ({ url: target, parsed, others, viaPage } = found);
  }
  const existing = await store.feeds.getByUrl(target);
  if (existing) throw new FeedkeeperError('CONFLICT', `already subscribed to ${target} (feed ${existing.id}, "${feedName(existing)}")`);
  const feed = await store.feeds.add({
    url: target,
    title: parsed?.feed.title ?? null,
    siteUrl: parsed?.feed.link ?? null,
    titleOverride: opts.title ?? null,
    tags: [...new Set(opts.tag ?? [])],
    nextCheckAt: app.clock.now(),
  });
  return { feed, itemCount: parsed?.items.length ?? null, others, viaPage };
}

/** Fetch and parse; on an HTML page, follow the first feed it links to. */
async function fetchFeed(app: App, url: string): Promise<{ url: string; parsed: ParseResult; others: DiscoveredFeed[]; viaPage: boolean }> {
  const first = await fetchAndParse(app, url);
  if (first.ok) return { url: first.url, parsed: first.parsed, others: [], viaPage: false };
  const feeds = (first.error.details.feeds ?? []) as DiscoveredFeed[];
  if (first.error.code !== 'NOT_A_FEED' || feeds.length === 0) throw first.error;
  const [chosen, ...others] = feeds as [DiscoveredFeed, ...DiscoveredFeed[]];
  const second = await fetchAndParse(app, chosen.url);
  if (!second.ok) throw new FeedkeeperError(second.error.code, `${url} links to ${chosen.url}, but that is not a readable feed: ${second.error.message}`);
  return { url: second.url, parsed: second.parsed, others, viaPage: true };
}

type Attempt = { ok: true; url: string; parsed: ParseResult } | { ok: false; error: FeedkeeperError };

async function fetchAndParse(app: App, url: string): Promise<Attempt> {
  const res = await app.fetcher().fetch(url, { accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5' });
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

function httpUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new UsageError(`expected a feed or site URL starting with http:// or https://, got "${input}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`only http and https feeds can be subscribed to, got "${input}"`);
  return url.href;
}

export async function addCommand(app: App, url: string, opts: AddOptions, io: CliIo): Promise<number> {
  const { feed, itemCount, others, viaPage } = await addFeed(app, url, opts);
  const items = itemCount === null ? 'not checked' : `${itemCount} items in the feed now`;
  await io.stdout(`subscribed: ${feed.id} ${feedName(feed)} <${feed.url}> (${items})\n`);
  // Asked of the discovery step, not inferred from the URLs: a feed behind a permanent redirect also changes URL.
  if (viaPage) {
    await io.stdout(`  ${url} is a page, not a feed; chose the feed it links to first\n`);
  }
  for (const o of others) await io.stdout(`  also offered: ${o.url}${o.title ? ` (${o.title})` : ''}\n`);
  await io.stdout(`  fetch it now with \`feedkeeper fetch ${feed.id}\`, or leave \`feedkeeper run\` going\n`);
  return 0;
}
