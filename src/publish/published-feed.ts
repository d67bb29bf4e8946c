/**
 * The plain data the feed writers take (PublishedFeed, PublishedItem), and the one clean-up every
 * writer applies before writing, so RSS, Atom and JSON Feed carry the same values:
 * - characters XML 1.0 forbids are removed from every string (JSON too, for parity);
 * - line breaks become "\n" (an XML parser turns CR LF into LF inside CDATA anyway, and HTML does
 *   not care), titles, authors and categories collapse whitespace and are trimmed;
 * - empty strings become null, empty and repeated categories are dropped, an enclosure length that
 *   is not a non-negative safe integer becomes null, an enclosure without a URL is dropped;
 * - an item without an id uses its link; dates must be epoch ms in years 1000–9999 (what RFC 822
 *   and RFC 3339 can write, and what parse/ reads back), or the writer throws USAGE.
 * Nothing here reads files or the network.
 */
import { FeedkeeperError } from '../core/index.js';
import { removeNonXmlCharacters } from './xml-escape.js';

export interface PublishedEnclosure {
  url: string;
  type: string | null;
  length: number | null;
}

export interface PublishedItem {
  /** Stable: a tag: URI or the article URL. */
  id: string;
  title: string;
  link: string;
  author: string | null;
  /** Epoch ms. */
  published: number;
  updated: number | null;
  /** Plain text. */
  summary: string | null;
  /** Clean HTML. */
  contentHtml: string | null;
  categories: string[];
  enclosures: PublishedEnclosure[];
}

export interface PublishedFeed {
  id: string;
  title: string;
  /** Plain text. */
  description: string | null;
  /** Absolute. */
  homeUrl: string;
  /** Absolute: where this very document is served. */
  selfUrl: string;
  language: string | null;
  /** Epoch ms. */
  updated: number;
  items: PublishedItem[];
}

/** An item after prepareFeed: the same fields, with empty values as null. */
export interface PreparedItem extends Omit<PublishedItem, 'title' | 'link'> {
  title: string | null;
  link: string | null;
}

export interface PreparedFeed extends Omit<PublishedFeed, 'items'> {
  items: PreparedItem[];
}

export function prepareFeed(feed: PublishedFeed, writer: string): PreparedFeed {
  return {
    id: cleanLine(feed.id) ?? feed.selfUrl,
    title: cleanLine(feed.title) ?? '',
    description: cleanText(feed.description),
    homeUrl: cleanLine(feed.homeUrl) ?? '',
    selfUrl: cleanLine(feed.selfUrl) ?? '',
    language: cleanLine(feed.language),
    updated: checkDate(feed.updated, `${writer}: feed updated`),
    items: feed.items.map((item, i) => prepareItem(item, `${writer}: items[${i}]`)),
  };
}

function prepareItem(item: PublishedItem, where: string): PreparedItem {
  const link = cleanLine(item.link);
  const id = cleanLine(item.id) ?? link;
  if (id === null) throw new FeedkeeperError('USAGE', `${where}: has neither an id nor a link; expected at least one`);
  return {
    id,
    title: cleanLine(item.title),
    link,
    author: cleanLine(item.author),
    published: checkDate(item.published, `${where} (${id}) published`),
    updated: item.updated === null ? null : checkDate(item.updated, `${where} (${id}) updated`),
    summary: cleanText(item.summary),
    contentHtml: cleanText(item.contentHtml),
    categories: [...new Set(item.categories.flatMap((c) => cleanLine(c) ?? []))],
    enclosures: cleanEnclosures(item.enclosures),
  };
}

function cleanEnclosures(list: readonly PublishedEnclosure[]): PublishedEnclosure[] {
  const seen = new Set<string>();
  const out: PublishedEnclosure[] = [];
  for (const e of list) {
    const url = cleanLine(e.url);
    if (url === null || seen.has(url)) continue;
    seen.add(url);
    const length = e.length !== null && Number.isSafeInteger(e.length) && e.length >= 0 ? e.length : null;
    out.push({ url, type: cleanLine(e.type), length });
  }
  return out;
}

/** One line of text: forbidden characters removed, whitespace collapsed, trimmed; null when empty. */
function cleanLine(s: string | null): string | null {
  if (s === null) return null;
  const t = removeNonXmlCharacters(s).replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

/** Text or HTML kept as written, except forbidden characters and CR line breaks; null when blank. */
function cleanText(s: string | null): string | null {
  if (s === null) return null;
  const t = removeNonXmlCharacters(s).replace(/\r\n?/g, '\n');
  return t.trim() === '' ? null : t;
}

const MIN_MS = Date.UTC(1000, 0, 1);
const MAX_MS = Date.UTC(10000, 0, 1) - 1;

/** A date every feed format can write: years 1000 to 9999 (the store keeps whatever a feed said). */
export function isWritableDate(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_MS && ms <= MAX_MS;
}

function checkDate(ms: number, what: string): number {
  if (!isWritableDate(ms)) {
    throw new FeedkeeperError('USAGE', `${what}: expected epoch milliseconds in the years 1000–9999, got ${ms}`);
  }
  return Math.trunc(ms);
}

/** RFC 822 date in GMT, as RSS 2.0 wants it (`Mon, 04 Mar 2024 08:30:00 GMT`); seconds precision. */
export function formatRfc822(ms: number): string {
  return new Date(ms).toUTCString();
}

/** RFC 3339 in UTC (`2024-03-04T08:30:00Z`), with milliseconds only when there are any. */
export function formatRfc3339(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
