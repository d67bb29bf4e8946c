/**
 * Test support for the feed writers: builders for feeds and items, a seeded random feed, an
 * independent well-formedness and validity check (jsdom's strict XML parser, not ours), and the
 * model of what parse/'s parseFeed should read back from each format. The model restates the
 * writers' documented decisions in the simplest form; it never calls writer code.
 */
import { JSDOM } from 'jsdom';
import { expect } from 'vitest';
import type { Enclosure, FeedItem } from '../../core/index.js';
import type { PublishedFeed, PublishedItem } from '../index.js';
import { removeNonXmlCharacters } from '../xml-escape.js';

export type Format = 'rss' | 'atom' | 'json';

export const T0 = Date.UTC(2024, 2, 4, 8, 30, 15, 250);

export function itemOf(over: Partial<PublishedItem> = {}): PublishedItem {
  return {
    id: 'tag:news.example,2024:1',
    title: '江城日报：新桥通车',
    link: 'https://news.example/2024/03/bridge',
    author: '记者 王小明',
    published: T0,
    updated: null,
    summary: '新桥今日通车。',
    contentHtml: '<p>新桥今日上午通车，<a href="https://news.example/map">地图</a>。</p>',
    categories: ['本地'],
    enclosures: [],
    ...over,
  };
}

export function feedOf(items: PublishedItem[], over: Partial<PublishedFeed> = {}): PublishedFeed {
  return {
    id: 'tag:news.example,2024:feed',
    title: '江城日报 全文',
    description: '江城日报的全文新闻',
    homeUrl: 'https://news.example/',
    selfUrl: 'https://reader.example/feeds/1.xml?limit=20&opencc=s2t',
    language: 'zh-CN',
    updated: T0,
    items,
    ...over,
  };
}

/** Throws unless the text is well-formed, namespace-correct XML (jsdom uses the strict saxes parser). */
export function xmlDocument(text: string): Document {
  return new JSDOM(text, { contentType: 'application/xml' }).window.document;
}

/** The structural rules of each format that a validator would check first. */
export function expectValid(format: Format, text: string): void {
  if (format === 'json') return expectValidJsonFeed(text);
  const doc = xmlDocument(text);
  const root = doc.documentElement;
  if (format === 'rss') {
    expect(root.localName).toBe('rss');
    const channel = root.getElementsByTagName('channel')[0];
    for (const name of ['title', 'link', 'description']) expect(channel?.getElementsByTagName(name).length).toBeGreaterThan(0);
    expect(text).toMatch(/<atom:link rel="self" type="application\/rss\+xml" href="[^"]+"\/>/);
    for (const d of doc.getElementsByTagName('pubDate')) expect(d.textContent).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    for (const e of doc.getElementsByTagName('enclosure')) for (const a of ['url', 'length', 'type']) expect(e.hasAttribute(a)).toBe(true);
    return;
  }
  expect(root.namespaceURI).toBe('http://www.w3.org/2005/Atom');
  const children = (el: Element, name: string): Element[] => [...el.children].filter((c) => c.localName === name);
  const feedHasAuthor = children(root, 'author').length > 0;
  for (const el of [root, ...children(root, 'entry')]) {
    for (const name of ['id', 'title', 'updated']) expect(children(el, name)).toHaveLength(1);
    expect(children(el, 'id')[0]?.textContent).toMatch(/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/);
    for (const d of [...children(el, 'updated'), ...children(el, 'published')]) expect(d.textContent).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
  }
  for (const entry of children(root, 'entry')) {
    expect(feedHasAuthor || children(entry, 'author').length > 0).toBe(true);
    const alternate = children(entry, 'link').some((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate');
    expect(alternate || children(entry, 'content').length > 0).toBe(true);
  }
}

function expectValidJsonFeed(text: string): void {
  const doc = JSON.parse(text) as Record<string, unknown>;
  expect(doc.version).toBe('https://jsonfeed.org/version/1.1');
  expect(typeof doc.title).toBe('string');
  expect(Array.isArray(doc.items)).toBe(true);
  for (const item of doc.items as Array<Record<string, unknown>>) {
    expect(typeof item.id).toBe('string');
    expect(typeof item.content_html === 'string' || typeof item.content_text === 'string').toBe(true);
    for (const a of (item.attachments ?? []) as Array<Record<string, unknown>>) expect(typeof a.mime_type).toBe('string');
  }
}

// ---- The model of what comes back ------------------------------------------------------------

const line = (s: string | null): string | null => {
  const t = s === null ? '' : removeNonXmlCharacters(s).replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
};
const text = (s: string | null): string | null => {
  const t = s === null ? '' : removeNonXmlCharacters(s).replace(/\r\n?/g, '\n').trim();
  return t === '' ? null : t;
};
const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const iso = (ms: number): string => new Date(ms).toISOString();

// parse/ reads a JSON Feed title that looks like markup as HTML (the spec says titles are plain
// text, and writeJsonFeed writes them so): those titles are checked in the raw JSON instead.
const PARSER_TAKES_FOR_HTML = /<[A-Za-z!/]|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/;

/** The titles a JSON Feed holds, exactly as written. */
export function expectRawJsonTitles(out: string, items: readonly PublishedItem[]): void {
  const doc = JSON.parse(out) as { items: Array<{ title?: string }> };
  expect(doc.items.map((i) => i.title ?? null)).toEqual(items.map((i) => line(i.title)));
}

/** The author Atom gives entries without one: the feed's, named after the feed, when some item lacks one. */
export function atomFeedAuthor(feed: PublishedFeed): string | null {
  return feed.items.some((i) => line(i.author) === null) ? line(feed.title) : null;
}

export function expectedItem(item: PublishedItem, format: Format, feedAuthor: string | null = null): FeedItem {
  const id = line(item.id) ?? (line(item.link) as string);
  const summary = text(item.summary);
  const summaryHtml = summary === null ? null : escapeHtml(summary);
  const link = line(item.link);
  let content = text(item.contentHtml);
  if (content === null && (format === 'json' || (format === 'atom' && link === null))) content = summaryHtml;
  const seen = new Set<string>();
  const enclosures: Enclosure[] = item.enclosures.flatMap((e) => {
    const url = line(e.url);
    if (url === null || seen.has(url)) return [];
    seen.add(url);
    const type = line(e.type) ?? (format === 'json' ? 'application/octet-stream' : null);
    return [{ url, type, length: e.length !== null && Number.isSafeInteger(e.length) && e.length >= 0 ? e.length : null }];
  });
  return {
    id: format === 'atom' && !/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(id) ? `urn:feedkeeper:${encodeURIComponent(id)}` : id,
    title: format === 'json' && PARSER_TAKES_FOR_HTML.test(line(item.title) ?? '') ? expect.toSatisfy(() => true, 'checked in the raw JSON') : line(item.title),
    link,
    published: iso(format === 'rss' ? Math.floor(item.published / 1000) * 1000 : item.published),
    updated: format === 'atom' ? iso(item.updated ?? item.published) : item.updated === null ? null : iso(item.updated),
    author: line(item.author) ?? (format === 'atom' ? feedAuthor : null),
    summary: summaryHtml,
    content,
    categories: [...new Set(item.categories.flatMap((c) => line(c) ?? []))],
    enclosures,
  };
}

// ---- Seeded random feeds ----------------------------------------------------------------------

const WORDS = [
  '新闻', '港股收涨', '台风“海葵”', '「书名」', '發展', 'Market', 'rally', 'Q&A', 'a < b', 'x > y', ']]>', ']]]]>', '<b>bold</b>',
  '&amp;', '&#20013;', '&nbsp;', '<!-- c -->', '📰', '👨‍👩‍👧', '𠀀', '\u0001', '\u001F', '\uFFFE', '\uD800', '\uDC00x', 'tab\there',
  'line\nbreak', 'crlf\r\nend', '"quoted"', "it's", 'AT&T', '<', '&', '  ', '\u3000全角空格',
];
const HTML = [
  '<p>新闻正文第一段。</p>', '<p>a &amp; b &lt; c</p>', 'x]]>y', ']]>', ']]]]>', '<![CDATA[ inner ]]>', '<p>unclosed',
  '<img src="https://img.example/a.jpg?x=1&amp;y=2" alt="图">', '\u0000', 'emoji 🎉', '\r\n', '\r', '<br/>', '&#x1F600;',
];

export function randomFeed(seed: number, next: () => number): PublishedFeed {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const words = (max: number): string => Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(WORDS)).join(pick([' ', '', '\n']));
  const maybe = <T>(make: () => T): T | null => (next() < 0.3 ? null : make());
  const date = (): number => Date.UTC(1000, 0, 1) + Math.floor(next() * (Date.UTC(9999, 11, 31) - Date.UTC(1000, 0, 1)));
  const items = Array.from({ length: Math.floor(next() * 8) }, (_, i): PublishedItem => {
    const link = `https://news.example/${seed}/${i}?ref=feed&amp=${i}`;
    const idKind = next();
    let id = idKind < 0.4 ? `tag:news.example,2024:${seed}-${i}` : idKind < 0.7 ? link : `文章 ${seed} ${i}`;
    if (next() < 0.1) id = `${id}\u0002`;
    return {
      id,
      title: words(6),
      link,
      author: maybe(() => words(2)),
      published: date(),
      updated: maybe(date),
      summary: maybe(() => words(10)),
      contentHtml: maybe(() => Array.from({ length: 1 + Math.floor(next() * 6) }, () => pick(next() < 0.5 ? HTML : WORDS)).join('')),
      categories: Array.from({ length: Math.floor(next() * 4) }, () => words(2)),
      enclosures: Array.from({ length: Math.floor(next() * 3) }, (_, k) => ({
        url: `https://media.example/${seed}/${i}/${k}.mp3?a=1&b=2`,
        type: next() < 0.5 ? 'audio/mpeg' : null,
        length: next() < 0.5 ? Math.floor(next() * 1e9) : null,
      })),
    };
  });
  return feedOf(items, { title: words(4), description: maybe(() => words(8)), language: maybe(() => pick(['zh-CN', 'en', 'zh-Hant-TW'])) });
}
