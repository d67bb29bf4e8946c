/**
 * JSON Feed 1.0 and 1.1 adapter. Values of the wrong type are dropped with a warning instead of
 * failing the feed; 1.0's single `author` and 1.1's `authors` both become one author string.
 */
import type { Enclosure, FeedFormat, FeedInfo, FeedItem } from '../core/index.js';
import { dedupeEnclosures } from './ns/extensions.js';
import { clean, isoDate, parseLength, plainText, resolveUrl, textToHtml, unique, type Context } from './normalize.js';
import type { ParseResult } from './types.js';

type Json = Record<string, unknown>;

export function jsonFeedVersion(doc: unknown): FeedFormat | null {
  if (!isObject(doc) || typeof doc.version !== 'string') return null;
  const m = /^https?:\/\/jsonfeed\.org\/version\/(1(?:\.1)?)\/?$/i.exec(doc.version.trim());
  if (!m) return null;
  return m[1] === '1.1' ? 'json1.1' : 'json1.0';
}

export function adaptJsonFeed(doc: Json, format: FeedFormat, ctx: Context): Omit<ParseResult, 'warnings'> {
  const get = getter(ctx, 'feed');
  const link = resolveUrl(get.str(doc, 'home_page_url'), [ctx.docUrl], ctx);
  const feed: FeedInfo = {
    format,
    title: plainText(get.str(doc, 'title'), true),
    link,
    description: clean(get.str(doc, 'description')),
    language: clean(get.str(doc, 'language')),
    updated: null,
    image: resolveUrl(get.str(doc, 'icon') ?? get.str(doc, 'favicon'), [link, ctx.docUrl], ctx),
  };
  const rawItems = Array.isArray(doc.items) ? doc.items : [];
  if (!Array.isArray(doc.items)) ctx.warnings.add('BAD_VALUE', 'feed.items: expected an array; no items read');
  const feedAuthor = authorOf(doc, get);
  const items = rawItems.flatMap((raw, i) => {
    if (isObject(raw)) return [jsonItem(raw, i, link, feedAuthor, ctx)];
    ctx.warnings.add('BAD_VALUE', `items[${i}]: expected an object, skipped`);
    return [];
  });
  return { feed, items, hints: { ttlMinutes: null, updatePeriod: null, updateFrequency: null } };
}

function jsonItem(raw: Json, index: number, feedLink: string | null, feedAuthor: string | null, ctx: Context): FeedItem {
  const get = getter(ctx, `items[${index}]`);
  const bases = [feedLink, ctx.docUrl];
  const id = typeof raw.id === 'number' ? String(raw.id) : clean(get.str(raw, 'id'));
  const attachments = Array.isArray(raw.attachments) ? raw.attachments.filter(isObject) : [];
  const enclosures: Enclosure[] = attachments.flatMap((a) => {
    const url = resolveUrl(get.str(a, 'url'), bases, ctx);
    const size = a.size_in_bytes;
    const length = typeof size === 'number' && Number.isSafeInteger(size) ? size : parseLength(typeof size === 'string' ? size : null);
    return url === null ? [] : [{ url, type: clean(get.str(a, 'mime_type')), length }];
  });
  const tags = Array.isArray(raw.tags) ? raw.tags.map((t) => (typeof t === 'string' ? clean(t) : null)) : [];
  return {
    id,
    // JSON Feed titles are plain text by the spec: "<video>" in one is text, not a tag.
    title: plainText(get.str(raw, 'title'), false),
    link: resolveUrl(get.str(raw, 'url') ?? get.str(raw, 'external_url'), bases, ctx),
    published: isoDate(get.str(raw, 'date_published'), ctx, `items[${index}].date_published`),
    updated: isoDate(get.str(raw, 'date_modified'), ctx, `items[${index}].date_modified`),
    author: authorOf(raw, get) ?? feedAuthor,
    summary: clean(textToHtml(get.str(raw, 'summary'))),
    content: clean(get.str(raw, 'content_html')) ?? clean(textToHtml(get.str(raw, 'content_text'))),
    categories: unique(tags),
    enclosures: dedupeEnclosures(enclosures),
  };
}

function authorOf(obj: Json, get: Getter): string | null {
  const list = Array.isArray(obj.authors) ? obj.authors : isObject(obj.author) ? [obj.author] : [];
  const names = unique(list.map((a) => (isObject(a) ? clean(get.str(a, 'name')) : null)));
  return names.length ? names.join(', ') : null;
}

interface Getter { str(obj: Json, key: string): string | null }

/** Reads a string field; a present value of another type is reported and treated as missing. */
function getter(ctx: Context, where: string): Getter {
  return {
    str(obj, key) {
      const v = obj[key];
      if (v === undefined || v === null) return null;
      if (typeof v === 'string') return v;
      ctx.warnings.add('BAD_VALUE', `${where}.${key}: expected a string, got ${Array.isArray(v) ? 'an array' : typeof v}`);
      return null;
    },
  };
}

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
