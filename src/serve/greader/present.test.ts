import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../parse/index.js';
import { atomStream } from './present-atom.js';
import { itemRefs, jsonItem, jsonStream } from './present-json.js';
import type { SyncItem } from './sync-item.js';

const T = Date.UTC(2024, 2, 4, 8, 30, 0);
const FULL = '<p>The harbour tunnel opened to traffic on Monday morning.</p><p>Engineers said the second bore follows in spring.</p>';

function item(over: Partial<SyncItem> = {}): SyncItem {
  return {
    id: 42,
    title: 'Harbour tunnel opens',
    link: 'https://news.example.org/2024/03/tunnel.html',
    author: 'Lena Park',
    publishedAt: T - 3_600_000,
    updatedAt: null,
    crawledAt: T,
    html: FULL,
    read: false,
    starred: false,
    origin: { feedId: 3, title: 'Harbour Daily', siteUrl: 'https://news.example.org/', url: 'https://news.example.org/rss' },
    labels: ['City'],
    ...over,
  };
}

describe('Google Reader JSON', () => {
  it('gives an item every field the clients read, the full text in summary and content', () => {
    expect(jsonItem(item())).toEqual({
      id: 'tag:google.com,2005:reader/item/00000000000002aa',
      crawlTimeMsec: String(T),
      timestampUsec: `${T}000`,
      published: (T - 3_600_000) / 1000,
      updated: (T - 3_600_000) / 1000,
      title: 'Harbour tunnel opens',
      author: 'Lena Park',
      canonical: [{ href: 'https://news.example.org/2024/03/tunnel.html' }],
      alternate: [{ href: 'https://news.example.org/2024/03/tunnel.html', type: 'text/html' }],
      categories: ['user/-/state/com.google/reading-list', 'user/-/state/com.google/fresh', 'user/-/label/City'],
      origin: { streamId: 'feed/3', title: 'Harbour Daily', htmlUrl: 'https://news.example.org/' },
      summary: { direction: 'ltr', content: FULL },
      content: { direction: 'ltr', content: FULL },
    });
  });

  it.each([
    ['read and starred', { read: true, starred: true, labels: [] }, ['user/-/state/com.google/reading-list', 'user/-/state/com.google/read', 'user/-/state/com.google/starred']],
    ['unread with two labels', { labels: ['A', 'B'] }, ['user/-/state/com.google/reading-list', 'user/-/state/com.google/fresh', 'user/-/label/A', 'user/-/label/B']],
  ] as const)('states as categories: %s', (_case, over, categories) => {
    expect(jsonItem(item(over)).categories).toEqual(categories);
  });

  it('leaves out a missing author, dates an update, and falls back to the feed URL for htmlUrl', () => {
    const out = jsonItem(item({ author: null, updatedAt: T, origin: { feedId: 3, title: 'H', siteUrl: null, url: 'https://news.example.org/rss' } }));
    expect(out).not.toHaveProperty('author');
    expect(out.updated).toBe(T / 1000);
    expect(out.origin.htmlUrl).toBe('https://news.example.org/rss');
  });

  it('a stream carries its continuation only when another page follows', () => {
    const stream = { id: 'user/-/state/com.google/reading-list', title: 'Reading list', selfUrl: 'http://127.0.0.1/x', nowMs: T };
    expect(jsonStream(stream, [item()], 'abc')).toMatchObject({ id: stream.id, updated: T / 1000, continuation: 'abc', items: [{ id: expect.any(String) }] });
    expect(jsonStream(stream, [], null)).not.toHaveProperty('continuation');
  });

  it('item refs are decimal with the crawl time', () => {
    expect(itemRefs([{ id: 42, crawledAt: T }], null)).toEqual({ itemRefs: [{ id: '682', directStreamIds: [], timestampUsec: `${T}000` }] });
  });
});

describe('Google Reader Atom', () => {
  const stream = { id: 'feed/3', title: 'Harbour Daily & <friends>', selfUrl: 'http://127.0.0.1/api/greader/reader/atom/feed%2F3', nowMs: T };

  it('reads back as Atom with the long ids, full text and escaped titles', () => {
    const xml = atomStream(stream, [item({ title: 'Fares <b>rise</b> & fall' }), item({ id: 43, read: true })], 'next-page');
    const parsed = parseFeed(new TextEncoder().encode(xml), { baseUrl: stream.selfUrl });
    expect(parsed.warnings).toEqual([]);
    expect(parsed.feed.title).toBe('Harbour Daily & <friends>');
    expect(parsed.items.map((i) => i.id)).toEqual(['tag:google.com,2005:reader/item/00000000000002aa', 'tag:google.com,2005:reader/item/00000000000002ba']);
    expect(parsed.items[0]?.title).toBe('Fares <b>rise</b> & fall');
    expect(parsed.items[0]?.content).toBe(FULL);
    expect(xml).toContain('<gr:continuation>next-page</gr:continuation>');
  });

  it('labels an unread entry fresh and a read one read, in the scheme newsboat looks for', () => {
    const xml = atomStream(stream, [item(), item({ id: 43, read: true, starred: true })], null);
    const entries = xml.split('<entry ').slice(1);
    expect(entries[0]).toContain('<category term="user/-/state/com.google/fresh" scheme="http://www.google.com/reader/" label="fresh"/>');
    expect(entries[0]).not.toContain('label="read"');
    expect(entries[1]).toContain('label="read"');
    expect(entries[1]).toContain('<category term="user/-/state/com.google/starred" scheme="http://www.google.com/reader/" label="starred"/>');
    expect(xml).not.toContain('gr:continuation');
  });

  it('writes a date Atom cannot hold (a feed that said year 20000) as when the item was stored', () => {
    const xml = atomStream(stream, [item({ publishedAt: Date.UTC(20000, 0, 1), updatedAt: Number.MAX_SAFE_INTEGER })], null);
    const stored = new Date(item().crawledAt).toISOString().replace('.000Z', 'Z');
    expect(xml).toContain(`<published>${stored}</published>`);
    expect(xml).toContain(`<updated>${stored}</updated>`);
    expect(parseFeed(new TextEncoder().encode(xml), { baseUrl: stream.selfUrl }).warnings).toEqual([]);
  });
});
