/**
 * The search part of the store contract: every backend returns exactly the hit sets our relevance
 * fixtures expect (src/search/testdata/, checked against the in-memory reference matcher there),
 * pages with cursors, sorts by date, and always searches an article's latest revision.
 * Each fixture article is stored through its own feed, whose title and tags are the article's.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../search/index.js';
import type { FeedFetchState, IncomingArticle, Store } from './store.js';

interface FixtureArticle { id: string; title: string; body: string; author: string | null; feed: string; tags: string[]; published: string }
interface FixtureQuery { q: string; expect: string[] }

const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../search/testdata/${name}`, import.meta.url), 'utf8')) as T;
const ARTICLES = read<FixtureArticle[]>('articles.json');
const QUERIES = read<FixtureQuery[]>('queries.json');

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function incoming(key: string, title: string, text: string, publishedAt: number, author: string | null = null): IncomingArticle {
  const html = `<p>${text}</p>`;
  return {
    key, title, link: `https://news.example.org/${encodeURIComponent(key)}`, author, publishedAt, updatedAt: null, summary: null, html,
    categories: [], contentHash: sha(`${title}\u0000${html}`), recordId: sha(key).slice(0, 16), clean: { html, text, firedRules: [] },
  };
}

const state = (title: string): FeedFetchState => ({ status: 'ok', fetchedAt: Date.UTC(2024, 5, 1), error: null, consecutiveFailures: 0, nextCheckAt: Date.UTC(2024, 5, 2), scheduleReason: 'test', title });

async function idsOf(store: Store, q: string, sort: 'relevance' | 'date' = 'relevance'): Promise<string[]> {
  const page = await store.search.search(parseQuery(q), { limit: 500, sort, cursor: null });
  return page.hits.map((h) => decodeURIComponent(h.link.split('/').pop() ?? ''));
}

export function searchContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}: search`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
      for (const a of ARTICLES) {
        const feed = await store.feeds.add({ url: `https://feeds.example.org/${a.id}.xml`, tags: a.tags });
        await store.articles.applyRefresh(feed.id, [incoming(a.id, a.title, a.body, Date.parse(a.published), a.author)], state(a.feed));
      }
    });
    afterAll(async () => {
      await store.close();
    });

    it.each(QUERIES.map((q) => [q.q, q.expect] as const))('%s', async (q, expected) => {
      expect((await idsOf(store, q)).sort()).toEqual([...expected].sort());
    });

    it('pages through results with cursors, without repeats or gaps', async () => {
      const ast = parseQuery('的');
      const all = await store.search.search(ast, { limit: 500, sort: 'relevance', cursor: null });
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<Store['search']['search']>> = await store.search.search(ast, { limit: 3, sort: 'relevance', cursor });
        expect(page.total).toBe(all.total);
        seen.push(...page.hits.map((h) => h.articleId));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(seen).toEqual(all.hits.map((h) => h.articleId));
      expect(all.total).toBeGreaterThan(3);
    });

    it('sorts by date, newest first, and pages by date too', async () => {
      const ast = parseQuery('的');
      const first = await store.search.search(ast, { limit: 4, sort: 'date', cursor: null });
      const rest = await store.search.search(ast, { limit: 500, sort: 'date', cursor: first.nextCursor });
      const times = [...first.hits, ...rest.hits].map((h) => h.publishedAt);
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(first.hits.length + rest.hits.length).toBe(first.total);
    });

    it('ranks a title match above a body-only match', async () => {
      const [top] = (await store.search.search(parseQuery('董军'), { limit: 5, sort: 'relevance', cursor: null })).hits;
      expect(top?.title).toContain('董军');
    });

    it('a cursor from another sort order is refused clearly', async () => {
      const page = await store.search.search(parseQuery('的'), { limit: 1, sort: 'relevance', cursor: null });
      await expect(store.search.search(parseQuery('的'), { limit: 1, sort: 'date', cursor: page.nextCursor })).rejects.toThrow(/cursor/);
    });
  });

  describe(`store contract: ${name}: search follows revisions`, () => {
    it('finds the latest revision only, and follows feed tags', async () => {
      const store = await open();
      try {
        const feed = await store.feeds.add({ url: 'https://feeds.example.org/rev.xml' });
        const t = Date.UTC(2024, 0, 31);
        await store.articles.applyRefresh(feed.id, [incoming('rev-1', '港口夜航开通', '渡轮晚上九点加开一班', t)], state('港城日报'));
        expect(await idsOf(store, '渡轮')).toEqual(['rev-1']);
        await store.articles.applyRefresh(feed.id, [incoming('rev-1', '港口夜航开通', '夜班巴士延长到凌晨', t)], state('港城日报'));
        expect(await idsOf(store, '渡轮')).toEqual([]);
        expect(await idsOf(store, '巴士')).toEqual(['rev-1']);
        expect(await idsOf(store, 'feed:港城')).toEqual(['rev-1']);
        await store.feeds.update(feed.id, { tags: ['交通'] });
        expect(await idsOf(store, 'tag:交通')).toEqual(['rev-1']);
        expect(await store.search.indexedVersion()).not.toBeNull();
        expect(await store.search.reindex()).toBe(1);
        expect(await idsOf(store, '巴士')).toEqual(['rev-1']);
      } finally {
        await store.close();
      }
    });
  });
}
