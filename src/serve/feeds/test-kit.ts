/**
 * Test support for the republished-feed tests: an archive of invented articles (Chinese and
 * English, with the characters escaping must survive), and reading a served feed back with our
 * own parser. Every text here is made up.
 */
import { JSDOM } from 'jsdom';
import { expect } from 'vitest';
import { parseFeed } from '../../parse/index.js';
import type { ParseResult } from '../../parse/index.js';
import type { EntrySummary, Feed } from '../../store/index.js';
import { T0, type ServeHarness } from '../../../test/serve-harness.js';

export const FORMATS = ['rss', 'atom', 'json'] as const;
export type Format = (typeof FORMATS)[number];

const CONTENT_TYPES: Record<Format, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

const HOUR = 3_600_000;

export interface Archive {
  metro: Feed;
  harbour: Feed;
  /** Entry ids by a short name. */
  ids: Record<string, number>;
}

/** Two feeds, one tagged 港闻 and 交通, the other 本地; five articles between them. */
export async function seedArchive(h: ServeHarness): Promise<Archive> {
  const metro = await h.addFeed('https://metro.example.org/feed.xml', { title: '港城日报', tags: ['港闻', '交通'] });
  const harbour = await h.addFeed('https://harbour.example.net/rss', { title: 'Harbour Weekly', tags: ['本地'] });
  const [subway, bridge] = await h.addArticles(metro.id, [
    {
      title: '港城地铁新线今日开通',
      link: 'https://metro.example.org/news/港城地铁/1.html',
      html: '<p>港城地铁三号线今日上午开通，沿线设站十二座。</p><p>详情见<a href="https://metro.example.org/港城地铁/map">线路图</a>。</p>',
      author: '记者 林小雨',
      publishedAt: T0 - 3 * HOUR,
      categories: ['交通', '城市'],
    },
    {
      title: '跨海大桥完成检修',
      html: '<p>跨海大桥完成年度检修，周末恢复通行。</p>',
      publishedAt: T0 - 2 * HOUR,
    },
  ]);
  const [escapes, ferry, market] = await h.addArticles(harbour.id, [
    {
      title: 'Q&A: <b> tags & the ]]> marker',
      // The cleaner writes every `>` of text and attributes as &gt;, so the raw `]]>` that RSS's
      // CDATA must split can only come from the title here (publish/ tests the split itself).
      html: '<p>Fish &amp; chips cost less than 5 &lt; 6 pounds; the ]]&gt; marker ends CDATA.</p><p><img src="https://harbour.example.net/fish.png" alt="a ]]> b"></p>',
      author: 'Ann Lee',
      publishedAt: T0 - 1 * HOUR,
      categories: ['Food & Drink'],
    },
    { title: 'Ferry timetable changes', html: '<p>The morning ferry now leaves at seven.</p>', publishedAt: T0 - 4 * HOUR },
    { title: 'Night market returns', html: '<p>The night market returns to the pier on Friday.</p>', publishedAt: T0 - 5 * HOUR, summary: 'Stalls are back.' },
  ]);
  return { metro, harbour, ids: { subway: subway!, bridge: bridge!, escapes: escapes!, ferry: ferry!, market: market! } };
}

/** Reads a response body back with parse/'s parseFeed, failing on any malformed-document warning. */
export async function readBack(res: Response, format: Format): Promise<ParseResult> {
  expect(res.status, await peek(res)).toBe(200);
  expect(res.headers.get('content-type')).toBe(CONTENT_TYPES[format]);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const parsed = parseFeed(bytes, { httpCharset: 'utf-8' });
  expect(parsed.warnings.filter((w) => MALFORMED.has(w.code))).toEqual([]);
  return parsed;
}

const MALFORMED = new Set(['ENCODING', 'CONTROL_CHARACTERS', 'JUNK_BEFORE_ROOT', 'UNCLOSED_TAG', 'STRAY_CLOSING_TAG', 'UNDECLARED_ENTITY', 'BARE_AMPERSAND', 'TRUNCATED', 'BAD_DATE', 'BAD_VALUE', 'JSON_RECOVERED', 'RELATIVE_LINK']);

async function peek(res: Response): Promise<string> {
  return res.status === 200 ? '' : await res.clone().text();
}

/** The stored entries a feed should carry, newest first, with their content. */
export async function storedEntries(h: ServeHarness, filter: { feedId?: number; tag?: string; ids?: number[] } = {}): Promise<EntrySummary[]> {
  const page = await h.store.entries.list({ userId: h.admin.id, ...filter }, { limit: 500, cursor: null, withContent: true });
  return page.entries;
}

/** Throws unless the text is well-formed, namespace-correct XML (jsdom's strict parser, not ours). */
export function expectWellFormedXml(text: string): void {
  const doc = new JSDOM(text, { contentType: 'application/xml' }).window.document;
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
}

/** Plain text as parse/ gives a summary back: HTML, escaped once. */
export function asHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
