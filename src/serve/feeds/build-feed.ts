/**
 * A FeedSource and the URL's filters → the PublishedFeed the writers take, in two passes of
 * publish/'s applyFilters:
 *
 *   load candidates (with content and categories) → clean any uncleaned ones
 *   → pass 1: include/exclude, limit (which items) → pass 2: fulltext, opencc
 *
 * applyFilters matches include/exclude only among the items it is given, so with either present
 * up to MAX_CANDIDATES (500) of the newest entries are loaded and filtered, then cut to the
 * limit; without them, exactly `limit` are loaded. A term therefore finds matches among the
 * newest 500 entries of the list, not the whole archive (a search feed is for that).
 *
 * The feed's `updated` (and the response's Last-Modified) is the newest change among the items
 * written: the latest of each one's publication, update and first-stored time, so an old article
 * stored late still moves it. With no items it is now.
 */
import type { OutputFilters, PublishedFeed, PublishedItem } from '../../publish/index.js';
import { applyFilters, isWritableDate } from '../../publish/index.js';
import type { ServeDeps } from '../deps.js';
import { EntryDetails } from './entry-content.js';
import { asciiLink, itemIds } from './feed-ids.js';
import type { FeedFilters } from './feed-request.js';
import type { Candidate, FeedSource } from './feed-sources.js';
import { htmlText, localizeImages, summaryText } from '../../clean/index.js';
import { localImageUrls } from '../media.js';

const MAX_CANDIDATES = 500;

export interface BuildContext {
  deps: ServeDeps;
  userId: number;
  selfUrl: string;
  homeUrl: string;
}

export interface BuiltFeed {
  feed: PublishedFeed;
  /** Epoch ms of the newest change among the items, or null with no items. */
  lastChange: number | null;
}

interface Prepared {
  item: PublishedItem;
  entryId: number;
  changedAt: number;
  text: () => string;
}

export async function buildFeed(ctx: BuildContext, source: FeedSource, filters: FeedFilters): Promise<BuiltFeed> {
  const narrowing = (filters.include?.length ?? 0) > 0 || (filters.exclude?.length ?? 0) > 0;
  const candidates = await source.load(narrowing ? MAX_CANDIDATES : filters.limit);
  const details = new EntryDetails(ctx.deps, ctx.userId);
  await details.load(candidates.filter((c) => (c.entry.contentHtml ?? null) === null).map((c) => c.entry.id));
  const prepared = prepareItems(candidates, details);
  const byId = new Map(prepared.map((p) => [p.item.id, p]));
  const textOf = (item: PublishedItem): string => byId.get(item.id)?.text() ?? '';

  const base = feedShell(ctx, source, filters);
  // opencc takes part in choosing (a term written in Traditional matches Simplified text), so
  // pass 1 converts too; fulltext=false there keeps that to titles and summaries. Its items are
  // only used for their ids (conversion leaves ids alone); pass 2 converts the originals.
  const choose = { include: filters.include, exclude: filters.exclude, limit: filters.limit, opencc: filters.opencc, fulltext: false };
  const chosen = applyFilters({ ...base, items: prepared.map((p) => p.item) }, choose, textOf).items;
  const chosenPrepared = chosen.flatMap((item) => byId.get(item.id) ?? []);
  const items = filters.images === 'local' ? await withLocalImages(ctx, chosenPrepared) : chosenPrepared.map((p) => p.item);
  const lastChange = chosenPrepared.length === 0 ? null : Math.max(...chosenPrepared.map((p) => p.changedAt));
  const updated = lastChange ?? ctx.deps.clock.now();
  const feed = applyFilters({ ...base, updated, items }, { fulltext: filters.fulltext, opencc: filters.opencc }, textOf);
  return { feed, lastChange };
}

/** `?images=local`: archived images point at this server's /media/ (absolute, from the feed's own origin). */
async function withLocalImages(ctx: BuildContext, prepared: readonly Prepared[]): Promise<PublishedItem[]> {
  const local = await localImageUrls(ctx.deps, prepared.map((p) => p.entryId), { origin: new URL(ctx.selfUrl).origin, signFor: ctx.userId });
  return prepared.map(({ item, entryId }) =>
    item.contentHtml === null || item.contentHtml === undefined ? item : { ...item, contentHtml: localizeImages(item.contentHtml, local.get(entryId) ?? (() => null)) },
  );
}

function feedShell(ctx: BuildContext, source: FeedSource, filters: FeedFilters): PublishedFeed {
  return {
    id: source.id,
    title: source.title,
    description: source.description,
    homeUrl: ctx.homeUrl,
    selfUrl: ctx.selfUrl,
    language: languageOf(filters),
    updated: 0,
    items: [],
  };
}

/** The store keeps no language per feed; a conversion is the one thing that tells us the script. */
function languageOf(filters: OutputFilters): string | null {
  switch (filters.opencc) {
    case 's2t':
      return 'zh-Hant';
    case 't2s':
      return 'zh-Hans';
    case 's2tw':
      return 'zh-TW';
    case 's2hk':
      return 'zh-HK';
    default:
      return null;
  }
}

function prepareItems(candidates: readonly Candidate[], details: EntryDetails): Prepared[] {
  const ids = itemIds(candidates.map((c) => c.entry));
  return candidates.flatMap(({ entry, text }) => {
    const stored = entry.contentHtml ?? null;
    const cleaned = stored === null ? details.cleaned(entry.id) : null;
    // Listed, then gone before its details were read: leave it out rather than guess.
    if (stored === null && cleaned === null) return [];
    const html = stored ?? cleaned?.html ?? '';
    let plain = text ?? cleaned?.text ?? null;
    const item: PublishedItem = {
      id: ids.get(entry.id) ?? entry.link,
      title: entry.title,
      link: asciiLink(entry.link),
      author: entry.author,
      // The writers refuse dates outside years 1000–9999; a stored one like that falls back.
      published: isWritableDate(entry.publishedAt) ? entry.publishedAt : entry.createdAt,
      updated: entry.updatedAt !== null && isWritableDate(entry.updatedAt) ? entry.updatedAt : null,
      // The store summarizes from the clean text, which an uncleaned row lacks.
      summary: entry.summary ?? (cleaned === null ? null : summaryText(null, cleaned.text)),
      contentHtml: html,
      categories: entry.categories ?? [],
      enclosures: [],
    };
    const changedAt = Math.max(entry.publishedAt, entry.updatedAt ?? 0, entry.createdAt);
    return [{ item, entryId: entry.id, changedAt, text: () => (plain ??= htmlText(html)) }];
  });
}

