// Every kind of republished feed in every format, read back with parse/'s parseFeed item for item:
// the same ids, titles, links, dates, authors, categories and summaries as the store, and full
// text equal to the stored clean HTML.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../search/index.js';
import { startServeHarness, type ServeHarness } from '../../../test/serve-harness.js';
import type { EntrySummary } from '../../store/index.js';
import { asHtml, expectWellFormedXml, FORMATS, readBack, seedArchive, storedEntries, type Archive, type Format } from './test-kit.js';

let h: ServeHarness;
let archive: Archive;

beforeAll(async () => {
  h = await startServeHarness();
  archive = await seedArchive(h);
});
afterAll(() => h.close());

interface Kind {
  name: string;
  path: (format: Format) => string;
  title: string;
  /** The reader's page for the same list. */
  home: () => string;
  expected: () => Promise<EntrySummary[]>;
}

const KINDS: Kind[] = [
  { name: 'all', path: (f) => `/feeds/all.${f}`, title: 'feedkeeper · all articles', home: () => '/all', expected: () => storedEntries(h) },
  { name: 'one feed', path: (f) => `/feeds/${archive.metro.id}.${f}`, title: 'feedkeeper · 港城日报', home: () => `/feed/${archive.metro.id}?show=all`, expected: () => storedEntries(h, { feedId: archive.metro.id }) },
  { name: 'tag', path: (f) => `/tags/${encodeURIComponent('本地')}.${f}`, title: 'feedkeeper · tag 本地', home: () => '/tag/%E6%9C%AC%E5%9C%B0?show=all', expected: () => storedEntries(h, { tag: '本地' }) },
  {
    name: 'search',
    path: (f) => `/search.${f}?q=${encodeURIComponent('ferry OR 大桥 OR marker')}`,
    title: 'feedkeeper · search: ferry OR 大桥 OR marker',
    home: () => `/search?q=${encodeURIComponent('ferry OR 大桥 OR marker')}`,
    expected: async () => {
      const page = await h.store.search.search(parseQuery('ferry OR 大桥 OR marker'), { scope: { userId: h.admin.id }, limit: 50, sort: 'date', cursor: null });
      return storedEntries(h, { ids: page.hits.map((hit) => hit.articleId) });
    },
  },
];

const CASES = KINDS.flatMap((kind) => FORMATS.map((format) => [kind.name, format, kind] as const));

describe('republished feeds read back item for item', () => {
  it.each(CASES)('%s as %s', async (_name, format, kind) => {
    const res = await h.api(kind.path(format));
    const text = await res.clone().text();
    const parsed = await readBack(res, format);
    if (format !== 'json') expectWellFormedXml(text);
    else expect(() => JSON.parse(text) as unknown).not.toThrow();

    const expected = await kind.expected();
    expect(expected.length).toBeGreaterThan(0);
    expect(parsed.feed.title).toBe(kind.title);
    expect(parsed.feed.link).toBe(`http://127.0.0.1${kind.home()}`);
    expect(text).toContain(format === 'json' ? `"feed_url": "http://127.0.0.1${kind.path(format)}"` : `rel="self" type="application/${format}+xml" href="http://127.0.0.1${kind.path(format).replace(/&/g, '&amp;')}"`);

    const got = parsed.items.map((item) => ({ ...item }));
    const want = await Promise.all(expected.map((e) => expectedItem(e, format, kind.title)));
    expect(got).toEqual(want);
  });
});

async function expectedItem(e: EntrySummary, format: Format, feedTitle: string) {
  const entry = await h.store.entries.get({ userId: h.admin.id }, e.id);
  const published = new Date(e.publishedAt).toISOString();
  const link = new URL(e.link).href;
  return {
    id: link,
    title: e.title,
    link,
    published,
    // Atom requires an update time: the writer gives the publication time.
    updated: e.updatedAt === null ? (format === 'atom' ? published : null) : new Date(e.updatedAt).toISOString(),
    // Atom requires an author: entries without one are covered by the feed's, named after it.
    author: e.author ?? (format === 'atom' ? feedTitle : null),
    summary: e.summary === null ? null : asHtml(e.summary),
    content: e.contentHtml,
    categories: entry?.categories ?? [],
    enclosures: [],
  };
}

describe('feed metadata', () => {
  it('updated is the newest change among the items, in every format that carries it', async () => {
    for (const format of ['rss', 'atom'] as const) {
      const parsed = await readBack(await h.api(`/feeds/${archive.harbour.id}.${format}`), format);
      const entries = await storedEntries(h, { feedId: archive.harbour.id });
      const newest = Math.max(...entries.map((e) => Math.max(e.publishedAt, e.updatedAt ?? 0, e.createdAt)));
      expect(parsed.feed.updated).toBe(new Date(newest).toISOString());
    }
  });

  it('ids are tag: URIs that do not depend on database ids or the host name', async () => {
    const atom = (path: string, host: string) => h.api(`http://${host}${path}`).then((r) => r.text());
    const one = await atom(`/feeds/${archive.metro.id}.atom`, '127.0.0.1');
    const other = await atom(`/feeds/${archive.metro.id}.atom`, 'reader.example.lan:8080');
    const idOf = (text: string) => /<id>([^<]+)<\/id>/.exec(text)?.[1];
    expect(idOf(one)).toBe(`tag:feedkeeper,2024:feed:${encodeURIComponent(archive.metro.url)}`);
    expect(idOf(other)).toBe(idOf(one));
    expect(other).toContain('href="http://reader.example.lan:8080/feeds/');
    expect(idOf(await atom('/feeds/all.atom', '127.0.0.1'))).toBe('tag:feedkeeper,2024:all');
  });

  it('the token of ?token= never appears in the document', async () => {
    for (const format of FORMATS) {
      const res = await h.anon(`/feeds/all.${format}?limit=3&token=${h.token}`);
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(text).not.toContain(h.token);
      expect(text).toContain('/feeds/all.' + format + '?limit=3');
    }
  });

  it('tags are URL-decoded, so a Chinese tag works percent-encoded or not', async () => {
    const encoded = await readBack(await h.api(`/tags/${encodeURIComponent('港闻')}.json`), 'json');
    expect(encoded.items.map((i) => i.title)).toEqual(['跨海大桥完成检修', '港城地铁新线今日开通']);
    // A tag none of the reader's feeds has is no feed at all (as another user's tag is, unseen).
    const unknown = await h.api(`/tags/${encodeURIComponent('没有的标签')}.rss`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('items sharing one link get distinct ids that stay the same from request to request', async () => {
    const feed = await h.addFeed('https://samelink.example.com/feed', { title: 'Same Link Daily' });
    await h.addArticles(feed.id, [
      { key: 'same-1', title: 'Morning edition', link: 'https://samelink.example.com/', html: '<p>Morning news in brief.</p>', publishedAt: Date.UTC(2024, 1, 1) },
      { key: 'same-2', title: 'Evening edition', link: 'https://samelink.example.com/', html: '<p>Evening news in brief.</p>', publishedAt: Date.UTC(2024, 1, 2) },
    ]);
    const ids = async (limit: number) => (await readBack(await h.api(`/feeds/${feed.id}.json?limit=${limit}`), 'json')).items.map((i) => i.id);
    const first = await ids(10);
    expect(new Set(first).size).toBe(2);
    expect(first.every((id) => id?.startsWith('tag:feedkeeper,2024:link:'))).toBe(true);
    expect(await ids(10)).toEqual(first);
  });
});
