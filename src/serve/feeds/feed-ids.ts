/**
 * Stable ids for republished feeds and their items: the same article must keep the same id on
 * every request, after a restart, and in another feedkeeper archive that stored it, or feed
 * readers show it again as new.
 *
 * - An item's id is the article's original link, as written (asciiLink: `new URL(link).href`, so
 *   a path in Chinese is percent-encoded, as RSS wants a URI). Database ids are not stable across archives
 *   (an export re-imported elsewhere numbers articles anew), and the store does not expose the
 *   article key; the link is what identifies an article to its readers, and with id = link the
 *   RSS guid is a permalink. When several items of one document share a link (feeds that point
 *   every item at their home page), each gets `tag:feedkeeper,2024:link:<hash of link and
 *   publication time>` instead, so they stay distinct, and the same for a given article.
 * - A feed's id is a tag: URI naming what it lists: `all`, a subscribed feed by its URL (not its
 *   database id), a tag or a search by its text. It does not depend on the host name the server
 *   was reached by, so it stays the same under 127.0.0.1 and a LAN name.
 */
import { createHash } from 'node:crypto';
import type { EntrySummary } from '../../store/index.js';

const TAG_PREFIX = 'tag:feedkeeper,2024:';

export function allFeedId(): string {
  return `${TAG_PREFIX}all`;
}

export function subscribedFeedId(feedUrl: string): string {
  return `${TAG_PREFIX}feed:${encodeURIComponent(feedUrl)}`;
}

export function tagFeedId(tag: string): string {
  return `${TAG_PREFIX}tag:${encodeURIComponent(tag)}`;
}

export function searchFeedId(query: string): string {
  return `${TAG_PREFIX}search:${encodeURIComponent(query)}`;
}

/** The id of each entry (by entry id) within one document. */
export function itemIds(entries: readonly EntrySummary[]): Map<number, string> {
  const uses = new Map<string, number>();
  for (const e of entries) uses.set(e.link, (uses.get(e.link) ?? 0) + 1);
  const ids = new Map<number, string>();
  for (const e of entries) {
    const shared = (uses.get(e.link) ?? 0) > 1;
    ids.set(e.id, isAbsoluteUrl(e.link) && !shared ? asciiLink(e.link) : derivedId(e));
  }
  return ids;
}

function derivedId(e: EntrySummary): string {
  // The title too, for the rare article without a usable link.
  const basis = isAbsoluteUrl(e.link) ? `${e.link}\n${e.publishedAt}` : `${e.link}\n${e.publishedAt}\n${e.title}`;
  return `${TAG_PREFIX}link:${createHash('sha256').update(basis).digest('hex').slice(0, 32)}`;
}

/** The link with non-ASCII characters percent-encoded (what readers and parse/ make of it anyway). */
export function asciiLink(link: string): string {
  try {
    return new URL(link).href;
  } catch {
    return link;
  }
}

function isAbsoluteUrl(s: string): boolean {
  return /^https?:\/\/\S+$/i.test(s);
}
