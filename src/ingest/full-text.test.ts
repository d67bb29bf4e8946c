/**
 * Full text through refreshFeed: summary feeds get their pages fetched and extracted, full-text
 * feeds are left alone in 'auto', modes are obeyed, failures keep the feed's HTML, and the clean
 * version (what search indexes) drops the share bar while the record keeps what was received.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../test/fixture-server.js';
import { silentLogger } from '../core/index.js';
import { loadRules } from '../extract/index.js';
import { createFetcher, type Fetcher } from '../fetch/index.js';
import { parseQuery } from '../search/index.js';
import type { FulltextMode, Store } from '../store/index.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { recordFilePath, refreshFeed, type IngestDeps } from './index.js';

let server: FixtureServer;
let store: Store;
let fetcher: Fetcher;
let deps: IngestDeps;

const BODY = ['港城图书馆宣布从下月起延长夜间开放时间，每周五和周六开放到晚上十点。', '馆方表示，新增的自助借还设备已经安装完毕，读者可以在夜间自行办理借还手续。', '市民对这一安排普遍表示欢迎，不少上班族说终于可以在下班后去图书馆看书了。', '图书馆还计划在暑假期间为中小学生开设阅读课程，报名方式将另行通知。'];
const page = (paragraphs: string[]) => `<!doctype html><html lang="zh-CN"><head><title>图书馆延长开放</title></head><body><nav><a href="/">首页</a> <a href="/news">新闻</a></nav><article><h1>图书馆延长夜间开放</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}<div class="share">分享到微博 分享到微信</div></article><footer>版权所有 港城日报</footer></body></html>`;

function feed(description: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>港城日报</title><link>${server.url('/')}</link><language>zh-cn</language><item><title>图书馆延长夜间开放</title><link>${server.url('/news/1.html')}</link><guid>${server.url('/news/1.html')}</guid><pubDate>Wed, 31 Jan 2024 11:33:00 GMT</pubDate><description><![CDATA[${description}]]></description></item></channel></rss>`;
}

beforeEach(async () => {
  server = await startFixtureServer();
  store = await openSqliteStore({ file: ':memory:' });
  fetcher = createFetcher({ userAgent: 'feedkeeper-test', timeoutMs: 2000, connectTimeoutMs: 1000, maxBytes: 1 << 20, allowPrivateNetworks: true, globalConcurrency: 4 });
  const archiveDir = join(await mkdtemp(join(tmpdir(), 'fk-fulltext-')), 'archive');
  deps = { store, fetcher, stages: { siteRules: loadRules([]) }, clock: { now: () => Date.UTC(2024, 1, 1) }, logger: silentLogger, archiveDir, bounds: { minIntervalMs: 600_000, maxIntervalMs: 43_200_000 }, random: () => 0.5 };
  server.route('/news/1.html', (_q, r) => r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(BODY)));
});

afterEach(async () => {
  await fetcher.close();
  await store.close();
  await server.close();
});

async function subscribe(description: string, fulltext: FulltextMode) {
  server.route('/feed.xml', (_q, r) => r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(description)));
  return store.feeds.add({ url: server.url('/feed.xml'), fulltext });
}

async function onlyRevision() {
  for await (const rev of store.articles.revisions()) return rev;
  throw new Error('no revision stored');
}

const pageRequests = () => server.requests.filter((r) => r.path.startsWith('/news/')).length;
const hits = async (q: string) => (await store.search.search(parseQuery(q), { scope: { userId: 0, archive: true }, limit: 10, sort: 'relevance', cursor: null })).total;

describe('full text', () => {
  it("'auto' expands a one-line summary from the article page; the record keeps the extracted article", async () => {
    const f = await subscribe('图书馆延长夜间开放时间。', 'auto');
    await refreshFeed(deps, f.id);
    expect(pageRequests()).toBe(1);
    const rev = await onlyRevision();
    expect(rev.html).toContain('自助借还设备');
    expect(await readFile(recordFilePath(deps.archiveDir, rev), 'utf8')).toContain('自助借还设备');
    expect(await hits('暑假')).toBe(1);
    expect(await hits('首页')).toBe(0);
  });

  it("'auto' leaves a feed that already carries the whole article alone", async () => {
    const f = await subscribe(BODY.map((p) => `<p>${p}</p>`).join('') + '<p>另据了解，周边停车场也将同步延长开放时间。</p>', 'auto');
    await refreshFeed(deps, f.id);
    expect(pageRequests()).toBe(0);
    expect((await onlyRevision()).html).toContain('停车场');
  });

  it("'never' never fetches the page; 'always' always does", async () => {
    const never = await subscribe('图书馆延长夜间开放时间。', 'never');
    await refreshFeed(deps, never.id);
    expect(pageRequests()).toBe(0);
    await store.feeds.remove(never.id);
    const always = await store.feeds.add({ url: server.url('/feed.xml') + '?2', fulltext: 'always' });
    server.route('/feed.xml', (_q, r) => r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(BODY.map((p) => `<p>${p}</p>`).join(''))));
    await refreshFeed(deps, always.id);
    expect(pageRequests()).toBe(1);
  });

  it('a page that cannot be fetched keeps the summary, and the article is still stored and searchable', async () => {
    server.route('/news/1.html', (_q, r) => r.writeHead(500).end());
    const f = await subscribe('图书馆延长夜间开放时间。', 'auto');
    expect(await refreshFeed(deps, f.id)).toMatchObject({ status: 'ok', newArticles: 1 });
    expect((await onlyRevision()).html).toBe('图书馆延长夜间开放时间。');
    expect(await hits('夜间')).toBe(1);
  });

  it('unchanged articles are not fetched again on the next refresh', async () => {
    const f = await subscribe('图书馆延长夜间开放时间。', 'auto');
    await refreshFeed(deps, f.id);
    await refreshFeed(deps, f.id);
    expect(pageRequests()).toBe(1);
  });

  it('the clean version drops the share bar from what search sees, while the feed HTML stays verbatim', async () => {
    const f = await subscribe(BODY.map((p) => `<p>${p}</p>`).join('') + '<p>另据了解，周边停车场也将同步延长开放时间。</p><div class="share">分享到微博</div><script>alert(1)</script>', 'never');
    await refreshFeed(deps, f.id);
    expect((await onlyRevision()).html).toContain('<script>alert(1)</script>');
    expect(await hits('微博')).toBe(0);
    expect(await hits('alert')).toBe(0);
    expect(await hits('停车场')).toBe(1);
  });
});
