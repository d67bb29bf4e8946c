/**
 * The scheduler's tick for image downloads: each article on the media queue becomes one
 * fetchMedia job with id media-<id>, so a tick while it waits or runs adds nothing twice, and
 * nothing is enqueued without mediaBatch; the webhook dispatch goes every tick and the store
 * maintenance once per interval.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/index.js';
import { createMemoryQueue } from '../queue/memory/index.js';
import type { JobQueue } from '../queue/index.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/index.js';
import { startScheduler } from './index.js';

const T0 = Date.UTC(2024, 6, 1);
let store: Store;
let queue: JobQueue;

beforeEach(async () => {
  store = await openSqliteStore({ file: ':memory:' });
  queue = createMemoryQueue({ clock: { now: () => T0 }, logger: silentLogger });
});
afterEach(async () => {
  await queue.close();
  await store.close();
});

describe('scheduler: image downloads', () => {
  it('enqueues one fetchMedia job per queued article, once, and only with mediaBatch', async () => {
    const feed = await store.feeds.add({ url: 'https://pics.example.org/feed.xml', nextCheckAt: T0 + 3_600_000 });
    const html = '<p><img src="https://pics.example.org/a.png"></p>';
    const article = { key: 'k1', title: 'Pictures', link: 'https://pics.example.org/1.html', author: null, publishedAt: T0, updatedAt: null, summary: null, html, categories: [], contentHash: 'h1', recordId: '0123456789abcdef', clean: { html, text: '', firedRules: [] } };
    const stored = await store.articles.applyRefresh(feed.id, [article], { status: 'ok', fetchedAt: T0, error: null, consecutiveFailures: 0, nextCheckAt: T0 + 3_600_000, scheduleReason: 'test' });
    const id = stored.written[0]?.articleId ?? 0;
    await store.media.enqueue([{ articleId: id, revision: 0 }], T0);
    const seen: number[] = [];
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    queue.process('fetchMedia', async ({ articleId }) => {
      seen.push(articleId);
      await held;
    }, { concurrency: 1 });

    const without = startScheduler({ store, queue, clock: { now: () => T0 }, logger: silentLogger, tickMs: 60_000, batch: 10 });
    await without.stop();
    expect(seen).toEqual([]);

    const scheduler = startScheduler({ store, queue, clock: { now: () => T0 }, logger: silentLogger, tickMs: 60_000, batch: 10, mediaBatch: 10 });
    await scheduler.tick();
    await scheduler.tick();
    await scheduler.stop();
    release();
    await queue.drain();
    expect(seen).toEqual([id]);
  });
});

describe('scheduler: webhooks and maintenance', () => {
  it('queues one webhook dispatch per tick at most, and the store maintenance once per interval, not at start', async () => {
    let now = T0;
    const clock = { now: () => now };
    const ran: string[] = [];
    queue.process('dispatchWebhooks', async () => void ran.push('dispatch'), { concurrency: 1 });
    queue.process('maintainStore', async () => void ran.push('maintain'), { concurrency: 1 });
    const scheduler = startScheduler({ store, queue, clock, logger: silentLogger, tickMs: 3_600_000, batch: 10, webhooks: true, maintainEveryMs: 86_400_000 });
    await scheduler.stop(); // the first tick ran at start
    await queue.drain();
    expect(ran).toEqual(['dispatch']);
    now += 86_400_000 - 1;
    await scheduler.tick();
    await queue.drain();
    expect(ran).toEqual(['dispatch', 'dispatch']);
    now += 1;
    await scheduler.tick();
    await scheduler.tick();
    await queue.drain();
    expect(ran.filter((r) => r === 'maintain')).toHaveLength(1);
    expect(ran.filter((r) => r === 'dispatch')).toHaveLength(4);
  });
});

describe('scheduler: maintenance across restarts', () => {
  it('counts the interval from the last maintenance kept in the store, not from each start', async () => {
    let now = T0;
    const clock = { now: () => now };
    const kept = await openSqliteStore({ file: ':memory:', clock });
    try {
      await kept.maintain({ full: false }); // the last run before a restart, at T0
      const ran: number[] = [];
      queue.process('maintainStore', async () => {
        ran.push(now);
        await kept.maintain({ full: false });
      }, { concurrency: 1 });
      now = T0 + 23 * 3_600_000; // restarted 23 hours later
      const scheduler = startScheduler({ store: kept, queue, clock, logger: silentLogger, tickMs: 3_600_000, batch: 10, maintainEveryMs: 86_400_000 });
      await scheduler.stop();
      await queue.drain();
      expect(ran).toEqual([]);
      now = T0 + 86_400_000; // a day after the last run, not a day after the restart
      await scheduler.tick();
      await queue.drain();
      expect(ran).toEqual([T0 + 86_400_000]);
      expect(await kept.lastMaintainedAt()).toBe(T0 + 86_400_000);
      now += 86_400_000 - 1;
      await scheduler.tick();
      await queue.drain();
      expect(ran).toHaveLength(1);
    } finally {
      await kept.close();
    }
  });
});

describe('scheduler: leader lease', () => {
  it('enqueues nothing while it is not the leader, and resumes when it leads again', async () => {
    const ran: string[] = [];
    queue.process('dispatchWebhooks', async () => void ran.push('dispatch'), { concurrency: 1 });
    let leader = false;
    const scheduler = startScheduler({ store, queue, clock: { now: () => T0 }, logger: silentLogger, tickMs: 3_600_000, batch: 10, webhooks: true, isLeader: () => leader });
    await scheduler.stop(); // the first tick ran at start, as a follower
    await scheduler.tick();
    await queue.drain();
    expect(ran).toEqual([]);
    leader = true;
    await scheduler.tick();
    await queue.drain();
    expect(ran).toEqual(['dispatch']);
  });
});
