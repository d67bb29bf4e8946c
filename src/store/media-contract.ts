/**
 * The media part of the store contract: revisions are queued and leave the queue with their
 * results in one call, a file is stored once however many articles use it, a newer revision
 * queued meanwhile stays queued, localImages maps each article's URLs to files, and a file is
 * reachable only through an article the user may open. storeContract runs it for every backend.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MediaFile } from './media.js';
import { contractArticle, sha256Hex } from './contract-article.js';
import type { FeedFetchState, IncomingArticle, Store } from './store.js';

const T0 = Date.UTC(2024, 5, 1, 6);
const sha = sha256Hex;

function article(key: string, html: string): IncomingArticle {
  return contractArticle({ key, html, host: 'media.example.org', publishedAt: T0 });
}

const state: FeedFetchState = { status: 'ok', fetchedAt: T0, error: null, consecutiveFailures: 0, nextCheckAt: T0 + 3_600_000, scheduleReason: 'test' };
const file = (name: string): MediaFile => ({ sha256: sha(name), mime: 'image/png', bytes: 100, width: 2, height: 1, firstUrl: `https://img.example.org/${name}.png`, fetchedAt: T0 });

export function mediaContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}: media`, () => {
    let store: Store;
    let feedId: number;
    let ids: number[];
    beforeEach(async () => {
      store = await open();
      feedId = (await store.feeds.add({ url: 'https://media.example.org/feed.xml', nextCheckAt: T0 })).id;
      const stored = await store.articles.applyRefresh(feedId, [article('a', '<p><img src="https://img.example.org/x.png"></p>'), article('b', '<p>b</p>')], state);
      ids = stored.written.map((r) => r.articleId);
    });
    afterEach(async () => {
      await store.close();
    });

    it('queues revisions and gives their targets with the clean HTML and the feed setting', async () => {
      await store.media.enqueue(ids.map((articleId) => ({ articleId, revision: 0 })), T0);
      expect(await store.media.pending(10)).toEqual(ids);
      await store.feeds.update(feedId, { images: 'off' });
      const target = await store.media.target(ids[0] ?? 0);
      expect(target).toMatchObject({ articleId: ids[0], revision: 0, link: 'https://media.example.org/a.html', images: 'off' });
      expect(target?.cleanHtml).toContain('x.png');
      expect((await store.feeds.get(feedId))?.images).toBe('off');
    });

    it('stores a file once for two articles, records failures, and takes the revisions off the queue', async () => {
      const [a = 0, b = 0] = ids;
      await store.media.enqueue([{ articleId: a, revision: 0 }, { articleId: b, revision: 0 }], T0);
      const x = file('x');
      await store.media.record({ articleId: a, revision: 0 }, [x], [{ url: x.firstUrl, status: 'stored', sha256: x.sha256 }, { url: 'https://img.example.org/gone.png', status: 'failed', reason: 'HTTP 404' }], T0);
      await store.media.record({ articleId: b, revision: 0 }, [{ ...x, firstUrl: 'https://other.example.org/x.png' }], [{ url: 'https://other.example.org/x.png', status: 'stored', sha256: x.sha256 }], T0);
      expect(await store.media.pending(10)).toEqual([]);
      expect(await store.media.totals()).toEqual({ files: 1, bytes: 100 });
      expect(await store.media.ofArticle(a)).toEqual([
        { url: 'https://img.example.org/gone.png', status: 'failed', reason: 'HTTP 404' },
        { url: x.firstUrl, status: 'stored', sha256: x.sha256 },
      ]);
      const local = await store.media.localImages([a, b]);
      expect(local.get(a)).toEqual(new Map([[x.firstUrl, x.sha256]]));
      expect(local.get(b)).toEqual(new Map([['https://other.example.org/x.png', x.sha256]]));
      expect(await store.media.storedUrls([x.firstUrl, 'https://img.example.org/gone.png'])).toEqual(new Map([[x.firstUrl, x.sha256]]));
    });

    it('keeps a newer revision queued when an older one is recorded', async () => {
      const a = ids[0] ?? 0;
      await store.media.enqueue([{ articleId: a, revision: 0 }], T0);
      await store.media.enqueue([{ articleId: a, revision: 1 }], T0 + 1);
      expect((await store.media.target(a))?.revision).toBe(1);
      await store.media.record({ articleId: a, revision: 0 }, [], [], T0);
      expect(await store.media.pending(10)).toEqual([a]);
    });

    it('lets a user reach a file only through an article their subscriptions reach', async () => {
      const a = ids[0] ?? 0;
      const x = file('x');
      await store.media.record({ articleId: a, revision: 0 }, [x], [{ url: x.firstUrl, status: 'stored', sha256: x.sha256 }], T0);
      const reader = await store.users.create({ username: 'reader', passwordHash: 'h', isAdmin: false });
      const other = await store.users.create({ username: 'other', passwordHash: 'h', isAdmin: false });
      await store.subscriptions.add(reader.id, feedId);
      expect((await store.media.reachable({ userId: reader.id }, x.sha256))?.mime).toBe('image/png');
      expect(await store.media.reachable({ userId: other.id }, x.sha256)).toBeNull();
      expect(await store.media.reachable({ userId: other.id, archive: true }, x.sha256)).not.toBeNull();
      expect(await store.media.reachable({ userId: reader.id }, sha('unknown'))).toBeNull();
    });
  });
}
