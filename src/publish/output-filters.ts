/**
 * Output filters for republished feeds: what a reader may ask for in the feed URL's query
 * (`?limit=20&include=港&exclude=sport&opencc=s2tw&fulltext=false`), read and checked once by
 * parseFilters, then applied to plain data by applyFilters. Pure: no store, no config.
 *
 * Decisions:
 * - include/exclude hold terms from repeated parameters and comma-separated lists. A term matches
 *   as a case-insensitive substring of the item's title or text (the caller's textOf). An item is
 *   kept when it matches some include term (or there are none) and no exclude term.
 * - With opencc, terms are written in the output script but the items are still in their source
 *   script when matched, so each term also matches in its source-script form (港聞 finds 港闻).
 * - Order: include/exclude, then limit (the first N items, in the order given), then fulltext and
 *   opencc on what is left. fulltext=false drops contentHtml and keeps the summary as it is.
 * - opencc converts the feed title and description, and each item's title, summary, categories
 *   and the text of its HTML (never markup, attributes or URLs). Ids, links and authors stay.
 */
import { FeedkeeperError } from '../core/index.js';
import { CHINESE_CONVERSIONS, convertChineseHtml, convertChineseText, unconvertChineseText, type ChineseConversion } from './chinese-convert.js';
import type { PublishedFeed, PublishedItem } from './published-feed.js';

export interface OutputFilters {
  /** 1..500: at most this many items. */
  limit?: number;
  include?: string[];
  /** Case-insensitive substring match on title and text. */
  exclude?: string[];
  opencc?: ChineseConversion | null;
  /** false: summaries only. */
  fulltext?: boolean;
}

const MAX_LIMIT = 500;

export function parseFilters(query: URLSearchParams): OutputFilters {
  const filters: OutputFilters = {};
  const limit = single(query, 'limit');
  if (limit !== null) filters.limit = parseLimit(limit);
  const include = terms(query, 'include');
  if (include !== null) filters.include = include;
  const exclude = terms(query, 'exclude');
  if (exclude !== null) filters.exclude = exclude;
  const opencc = single(query, 'opencc');
  if (opencc !== null) filters.opencc = parseConversion(opencc);
  const fulltext = single(query, 'fulltext');
  if (fulltext !== null) filters.fulltext = parseBoolean('fulltext', fulltext);
  return filters;
}

function single(query: URLSearchParams, name: string): string | null {
  const values = query.getAll(name);
  if (values.length > 1) throw usage(`${name}: given ${values.length} times; expected it once`);
  return values[0] ?? null;
}

function parseLimit(value: string): number {
  const n = /^\s*\d{1,4}\s*$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_LIMIT)) throw usage(`limit: expected a whole number from 1 to ${MAX_LIMIT}, got "${value}"`);
  return n;
}

function terms(query: URLSearchParams, name: string): string[] | null {
  const values = query.getAll(name);
  if (values.length === 0) return null;
  const out = [...new Set(values.flatMap((v) => v.split(',')).map((t) => t.trim()).filter((t) => t !== ''))];
  if (out.length === 0) throw usage(`${name}: expected one or more comma-separated terms, got "${values.join(',')}"`);
  return out;
}

function parseConversion(value: string): ChineseConversion {
  const found = CHINESE_CONVERSIONS.find((c) => c === value.trim().toLowerCase());
  if (found === undefined) throw usage(`opencc: expected one of ${CHINESE_CONVERSIONS.join(', ')}, got "${value}"`);
  return found;
}

function parseBoolean(name: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw usage(`${name}: expected true or false (or 1 or 0), got "${value}"`);
}

function usage(message: string): FeedkeeperError {
  return new FeedkeeperError('USAGE', message);
}

export function applyFilters(feed: PublishedFeed, filters: OutputFilters, textOf: (item: PublishedItem) => string): PublishedFeed {
  const conversion = filters.opencc ?? null;
  const include = matchForms(filters.include, conversion);
  const exclude = matchForms(filters.exclude, conversion);
  let items = feed.items;
  if (include.length > 0 || exclude.length > 0) {
    items = items.filter((item) => {
      const haystack = `${item.title}\n${textOf(item)}`.toLowerCase();
      const has = (term: string): boolean => haystack.includes(term);
      return (include.length === 0 || include.some(has)) && !exclude.some(has);
    });
  }
  if (filters.limit !== undefined) items = items.slice(0, checkLimit(filters.limit));
  if (filters.fulltext === false) items = items.map((item) => ({ ...item, contentHtml: null }));
  const out = { ...feed, items };
  return conversion === null ? out : convertFeed(out, conversion);
}

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw usage(`applyFilters: limit must be a whole number from 1 to ${MAX_LIMIT}, got ${limit}`);
  }
  return limit;
}

/** Lower-cased terms, plus their source-script forms when the output is converted. */
function matchForms(terms: readonly string[] | undefined, conversion: ChineseConversion | null): string[] {
  const forms = new Set<string>();
  for (const term of terms ?? []) {
    const t = term.trim();
    if (t === '') continue;
    forms.add(t.toLowerCase());
    if (conversion !== null) forms.add(unconvertChineseText(t, conversion).toLowerCase());
  }
  return [...forms];
}

function convertFeed(feed: PublishedFeed, conversion: ChineseConversion): PublishedFeed {
  const text = (s: string): string => convertChineseText(s, conversion);
  return {
    ...feed,
    title: text(feed.title),
    description: feed.description === null ? null : text(feed.description),
    items: feed.items.map((item) => ({
      ...item,
      title: text(item.title),
      summary: item.summary === null ? null : text(item.summary),
      contentHtml: item.contentHtml === null ? null : convertChineseHtml(item.contentHtml, conversion),
      categories: item.categories.map(text),
    })),
  };
}
