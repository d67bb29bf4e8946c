/**
 * The relevance window of SearchRepo (kysely/search-repo.ts) on a backend opened with a small
 * one: the newest matches are ranked by the backend's score (bm25 on SQLite, ts_rank on
 * PostgreSQL), older ones follow newest first, and paging gives every hit once. Part of each
 * backend's test file rather than contract.ts, whose `open` takes no options.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../search/index.js';
import type { FeedFetchState, IncomingArticle, SearchPage, Store } from './store.js';

const T0 = Date.UTC(2024, 1, 2, 8, 0, 0);
const STATE: FeedFetchState = { status: 'ok', fetchedAt: T0, error: null, consecutiveFailures: 0, nextCheckAt: T0 + 60_000, scheduleReason: 'ttl' };

function article(key: string, title: string): IncomingArticle {
  const html = `<p>${title}: stalls return after the winter repairs.</p>`;
  return { key, title, link: `https://pier.example.net/${key}`, author: null, publishedAt: T0, updatedAt: null, summary: null, html, categories: [], contentHash: `${title}|${html}`, recordId: createHash('sha256').update(key).digest('hex').slice(0, 16) };
}

export function relevanceWindowContract(name: string, open: (relevanceWindow: number) => Promise<Store>, opts: { skip?: boolean } = {}): void {
  describe.skipIf(opts.skip === true)(`search on ${name}: relevance over the newest matches`, () => {
    it('ranks the newest `relevanceWindow` matches by score, then lists older ones newest first, and pages through all', async () => {
      const store = await open(5);
      try {
        const feed = await store.feeds.add({ url: 'https://pier.example.net/feed.xml' });
        const reader = await store.users.create({ username: 'reader', passwordHash: 'scrypt$1', isAdmin: false });
        await store.subscriptions.add(reader.id, feed.id);
        const batch = Array.from({ length: 12 }, (_, i) => {
          // Even-numbered articles say 渡轮 three times, so they outrank the others.
          const text = i % 2 === 0 ? '渡轮渡轮渡轮' : '今天渡轮停航';
          const a = article(`ferry-${i}`, `港口消息 ${i}`);
          return { ...a, clean: { html: `<p>${text}</p>`, text, firedRules: [] } };
        });
        await store.articles.applyRefresh(feed.id, batch, STATE);
        const ast = parseQuery('渡轮');
        const ids: number[] = [];
        let cursor: string | null = null;
        let total = 0;
        do {
          const page: SearchPage = await store.search.search(ast, { scope: { userId: reader.id }, limit: 4, sort: 'relevance', cursor });
          total = page.total;
          ids.push(...page.hits.map((h) => h.articleId));
          cursor = page.nextCursor;
        } while (cursor !== null);
        expect(total).toBe(12);
        expect(new Set(ids).size).toBe(12);
        const newest = [...ids].sort((a, b) => b - a);
        expect(new Set(ids.slice(0, 5))).toEqual(new Set(newest.slice(0, 5)));
        expect(ids.slice(5)).toEqual(newest.slice(5));
        const windowScores = ids.slice(0, 5).map((id) => (id % 2 === 1 ? 'strong' : 'weak'));
        expect(windowScores.indexOf('weak') === -1 || windowScores.lastIndexOf('strong') < windowScores.indexOf('weak')).toBe(true);
      } finally {
        await store.close();
      }
    });
  });
}
