/**
 * refreshFeed against a loopback server and a real SQLite store: every outcome is recorded on the
 * feed, nothing stored is lost, re-running stores nothing twice, and revisions are kept.
 */
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFixtureServer, findClosedPort, type FixtureServer } from '../../test/fixture-server.js';
import { silentLogger } from '../core/index.js';
import { createFetcher, type Fetcher } from '../fetch/index.js';
import type { Store } from '../store/index.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { loadRules } from '../extract/index.js';
import { refreshFeed, type IngestDeps } from './index.js';
import { rss, STORIES } from './testdata/feeds.js';

let server: FixtureServer;
let store: Store;
let fetcher: Fetcher;
let deps: IngestDeps;
let now = Date.UTC(2024, 1, 1);

beforeEach(async () => {
  server = await startFixtureServer();
  store = await openSqliteStore({ file: ':memory:' });
  fetcher = createFetcher({ userAgent: 'feedkeeper-test', timeoutMs: 1500, connectTimeoutMs: 1000, maxBytes: 64 * 1024, allowPrivateNetworks: true, globalConcurrency: 4 });
  const archiveDir = join(await mkdtemp(join(tmpdir(), 'fk-ingest-')), 'archive');
  deps = { store, fetcher, stages: { siteRules: loadRules([]) }, clock: { now: () => now }, logger: silentLogger, archiveDir, bounds: { minIntervalMs: 600_000, maxIntervalMs: 43_200_000 }, random: () => 0.5 };
});

afterEach(async () => {
  await fetcher.close();
  await store.close();
  await server.close();
});

async function subscribe(path: string) {
  return store.feeds.add({ url: server.url(path), nextCheckAt: now });
}

function serveFeed(path: string, body: () => string, headers: Record<string, string> = {}) {
  server.route(path, (req, res) => {
    const etag = `"${Buffer.from(body()).length}"`;
    if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag, ...headers }).end(body());
  });
}

describe('refreshFeed', () => {
  it('stores new articles once, writes their record files, and costs a 304 the second time', async () => {
    serveFeed('/feed.xml', () => rss(STORIES));
    const feed = await subscribe('/feed.xml');
    const first = await refreshFeed(deps, feed.id);
    expect(first).toMatchObject({ status: 'ok', newArticles: 3, newRevisions: 0 });
    const second = await refreshFeed(deps, feed.id);
    expect(second).toMatchObject({ status: 'not-modified', newArticles: 0 });
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe(`"${Buffer.from(rss(STORIES)).length}"`);
    expect(await store.articles.count()).toEqual({ articles: 3, revisions: 3 });
    const months = await readdir(join(deps.archiveDir, String(feed.id), '2024'));
    expect(months).toEqual(['01']);
    const files = await readdir(join(deps.archiveDir, String(feed.id), '2024', '01'));
    expect(files).toHaveLength(3);
    const text = await readFile(join(deps.archiveDir, String(feed.id), '2024', '01', files[0] as string), 'utf8');
    expect(text).toMatch(/^<!--\d{13}-->\n\[.+\]\(https:\/\/city\.example\.cn\/news\/\d\)\n------\n\n<p>.+<\/p>\n$/);
  });

  it('a JSON Feed title with a lone surrogate is stored with U+FFFD, and the rest of the refresh with it', async () => {
    // "\ud800" is valid JSON but not a Unicode character: no UTF-8 record file can hold it.
    const body = '{"version":"https://jsonfeed.org/version/1.1","title":"Harbour","items":[' +
      '{"id":"1","url":"https://harbour.example.org/1","title":"Tide \\ud800 tables","content_html":"<p>High water at noon.</p>"},' +
      '{"id":"2","url":"https://harbour.example.org/2","title":"Ferry times","content_html":"<p>Every hour.</p>"}]}';
    server.route('/feed.json', (_req, res) => res.writeHead(200, { 'content-type': 'application/feed+json' }).end(body));
    const feed = await subscribe('/feed.json');
    expect(await refreshFeed(deps, feed.id)).toMatchObject({ status: 'ok', newArticles: 2 });
    const titles = [];
    for await (const r of store.articles.revisions()) titles.push(r.title);
    expect(titles.sort()).toEqual(['Ferry times', 'Tide \ufffd tables']);
    expect(await store.articles.unarchived(10)).toEqual([]); // both record files written
  });

  it('re-fetching identical content (no ETag) stores nothing twice', async () => {
    server.route('/plain.xml', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(STORIES)));
    const feed = await subscribe('/plain.xml');
    await refreshFeed(deps, feed.id);
    const again = await refreshFeed(deps, feed.id);
    expect(again).toMatchObject({ status: 'ok', newArticles: 0, newRevisions: 0 });
    expect(await store.articles.count()).toEqual({ articles: 3, revisions: 3 });
  });

  it('keeps every revision when a story is edited, and nothing is deleted when it leaves the feed', async () => {
    let items = STORIES.map((s) => ({ ...s }));
    serveFeed('/feed.xml', () => rss(items));
    const feed = await subscribe('/feed.xml');
    await refreshFeed(deps, feed.id);
    items = [{ ...(STORIES[0] as (typeof STORIES)[0]), title: '城市图书馆延长夜间开放（更新）' }];
    const edited = await refreshFeed(deps, feed.id);
    expect(edited).toMatchObject({ newArticles: 0, newRevisions: 1 });
    expect(await store.articles.count()).toEqual({ articles: 3, revisions: 4 });
    const revs = [];
    for await (const r of store.articles.revisions()) revs.push([r.title, r.revision]);
    expect(revs).toContainEqual(['城市图书馆延长夜间开放', 0]);
    expect(revs).toContainEqual(['城市图书馆延长夜间开放（更新）', 1]);
  });

  it('an article reached through two subscriptions is stored once and listed under both', async () => {
    serveFeed('/a.xml', () => rss(STORIES));
    serveFeed('/b.xml', () => rss(STORIES.slice(0, 1)));
    const a = await subscribe('/a.xml');
    const b = await subscribe('/b.xml');
    await refreshFeed(deps, a.id);
    expect(await refreshFeed(deps, b.id)).toMatchObject({ newArticles: 0 });
    const counts = Object.fromEntries((await store.feeds.list()).map((f) => [f.id, f.articleCount]));
    expect(counts).toEqual({ [a.id]: 3, [b.id]: 1 });
  });

  it('a permanent redirect updates the stored URL; a temporary one does not', async () => {
    serveFeed('/new.xml', () => rss(STORIES));
    server.route('/moved.xml', (_req, res) => res.writeHead(301, { location: '/new.xml' }).end());
    server.route('/away.xml', (_req, res) => res.writeHead(302, { location: '/new.xml' }).end());
    const moved = await subscribe('/moved.xml');
    const away = await subscribe('/away.xml');
    await refreshFeed(deps, moved.id);
    await refreshFeed(deps, away.id);
    expect((await store.feeds.get(moved.id))?.url).toBe(server.url('/new.xml'));
    expect((await store.feeds.get(away.id))?.url).toBe(server.url('/away.xml'));
  });

  it('respects <ttl> when scheduling the next check', async () => {
    serveFeed('/ttl.xml', () => rss(STORIES, '<ttl>180</ttl>'));
    const feed = await subscribe('/ttl.xml');
    await refreshFeed(deps, feed.id);
    expect((await store.feeds.get(feed.id))?.nextCheckAt).toBeGreaterThanOrEqual(now + 180 * 60_000 * 0.9);
  });

  describe('faults are recorded on the feed, and what was stored stays', () => {
    const faults: Array<[string, (s: FixtureServer) => string | Promise<string>, string, RegExp]> = [
      ['404', (s) => (s.route('/f', (_q, r) => r.writeHead(404).end()), s.url('/f')), 'error', /404/],
      ['500', (s) => (s.route('/f', (_q, r) => r.writeHead(500).end()), s.url('/f')), 'error', /500/],
      ['410 gone', (s) => (s.route('/f', (_q, r) => r.writeHead(410).end()), s.url('/f')), 'gone', /gone \(410\)/],
      ['429 with Retry-After', (s) => (s.route('/f', (_q, r) => r.writeHead(429, { 'retry-after': '3600' }).end()), s.url('/f')), 'rate-limited', /retry after 3600 s/],
      ['redirect loop', (s) => (s.route('/f', (_q, r) => r.writeHead(302, { location: '/f' }).end()), s.url('/f')), 'error', /redirect/i],
      ['body over the size cap', (s) => (s.route('/f', (_q, r) => r.writeHead(200).end(rss(STORIES) + ' '.repeat(70 * 1024))), s.url('/f')), 'error', /limit|large|cap/i],
      ['an HTML page instead of a feed', (s) => (s.route('/f', (_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head></html>')), s.url('/f')), 'error', /HTML page.*\/rss/],
      ['timeout', (s) => (s.route('/f', () => new Promise(() => {})), s.url('/f')), 'error', /no response|timed out|timeout/i],
      ['server down', async () => `http://127.0.0.1:${await findClosedPort()}/feed.xml`, 'error', /refused|ECONNREFUSED|connect/i],
    ];

    it.each(faults)('%s', async (_name, setup, status, message) => {
      serveFeed('/good.xml', () => rss(STORIES));
      const feed = await store.feeds.add({ url: server.url('/good.xml'), nextCheckAt: now });
      await refreshFeed(deps, feed.id);
      const url = await setup(server);
      await store.feeds.update(feed.id, { url });
      now += 1000;
      const result = await refreshFeed(deps, feed.id);
      const after = await store.feeds.get(feed.id);
      expect(result.status).toBe(status);
      expect(after?.lastStatus).toBe(status);
      expect(after?.lastError).toMatch(message);
      expect(after?.nextCheckAt).toBeGreaterThan(now);
      expect(await store.articles.count()).toEqual({ articles: 3, revisions: 3 });
    });

    it('backs off further with each consecutive failure, and recovers by itself', async () => {
      server.route('/flaky', (_q, r) => r.writeHead(503).end());
      const feed = await subscribe('/flaky');
      const waits: number[] = [];
      for (let i = 0; i < 4; i++) {
        await refreshFeed(deps, feed.id);
        const f = await store.feeds.get(feed.id);
        waits.push((f?.nextCheckAt ?? 0) - now);
      }
      expect(waits[1]).toBeGreaterThan(waits[0] as number);
      expect(waits[3]).toBeGreaterThan(waits[2] as number);
      expect((await store.feeds.get(feed.id))?.consecutiveFailures).toBe(4);
      serveFeed('/flaky', () => rss(STORIES));
      expect(await refreshFeed(deps, feed.id)).toMatchObject({ status: 'ok', newArticles: 3 });
      expect((await store.feeds.get(feed.id))?.consecutiveFailures).toBe(0);
    });

    it('a feed that becomes malformed keeps its articles and its complete items are still read', async () => {
      let body = rss(STORIES);
      serveFeed('/feed.xml', () => body);
      const feed = await subscribe('/feed.xml');
      await refreshFeed(deps, feed.id);
      body = rss(STORIES).slice(0, rss(STORIES).indexOf('<item>', rss(STORIES).indexOf('news/2')) + 20);
      const result = await refreshFeed(deps, feed.id);
      expect(result.status).toBe('ok');
      expect(await store.articles.count()).toEqual({ articles: 3, revisions: 3 });
    });

    it('DNS failure is recorded with the host name', async () => {
      const dnsFetcher = createFetcher({ userAgent: 't', timeoutMs: 1000, connectTimeoutMs: 500, maxBytes: 1024, allowPrivateNetworks: false, globalConcurrency: 1, lookup: async (host) => { throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }); } });
      const feed = await store.feeds.add({ url: 'http://no-such-host.example/feed.xml', nextCheckAt: now });
      const result = await refreshFeed({ ...deps, fetcher: dnsFetcher }, feed.id);
      await dnsFetcher.close();
      expect(result.status).toBe('error');
      expect((await store.feeds.get(feed.id))?.lastError).toMatch(/no-such-host\.example/);
    });
  });
});
