/**
 * The reader in real Chromium (Debian's, driven by playwright-core), against the app listening on
 * loopback and a loopback news site: sign in, subscribe, read and mark read, the keyboard, a
 * Chinese search, a revision diff, the language switch, and the sanitizer's XSS vector table
 * rendered as articles without a single script running. Skipped where Chromium is not installed
 * (a failure under CI, which installs it).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../ingest/index.js';
import { haveChromium, launchChromium, type LaunchedBrowser } from '../../test/browser.js';
import { startFixtureServer, type FixtureServer } from '../../test/fixture-server.js';
import { ADMIN, startServeHarness, type ServeHarness } from '../../test/serve-harness.js';

const run = haveChromium();

/** An invented harbour-city news feed; `line` changes between fetches to make a revision. */
function rss(base: string, line: string): string {
  const item = (n: number, title: string, body: string) => `<item><title>${title}</title><link>${base}/news/${n}.html</link><guid>${base}/news/${n}.html</guid>
<pubDate>Mon, 04 Mar 2024 0${n}:00:00 GMT</pubDate><description><![CDATA[${body}]]></description></item>`;
  const long = '<p>港城地铁' + line + '今天上午正式通车，全线共设十二座车站，连接东岸新区和老城区。</p><p>市交通局表示，开通首月每天运营十八个小时，早晚高峰每四分钟一班，票价按里程计算，最低两元。</p><p>沿线居民说，从东岸到老城区的通勤时间将从一个小时缩短到二十五分钟左右。</p>';
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>港城日报</title><link>${base}/</link><description>港城新闻</description><language>zh-cn</language>
${item(1, '港城地铁' + line + '开通', long)}
${item(2, 'Harbour ferries run every twenty minutes', '<p>Ferries to the outer islands will run every twenty minutes from Monday, the port office said on Friday.</p><p>The new timetable adds four boats at the morning peak and keeps the last departure at midnight.</p><p>Fares stay the same for the rest of the year.</p>')}
${item(3, '东岸公园周末开放', '<p>东岸公园经过两年改建，本周末重新向市民开放，园内新增三条步道和一座儿童游乐场。</p><p>公园管理处提醒游客，周末高峰时段入园需要提前在网上预约。</p><p>公园每天早上六点开门，晚上十点关门，节假日延长一个小时。</p>')}
</channel></rss>`;
}

describe.skipIf(!run)('the reader in Chromium', () => {
  let h: ServeHarness;
  let site: FixtureServer;
  let chromium: LaunchedBrowser;
  let page: Page;
  let base: string;
  let line = '七号线';
  const dialogs: string[] = [];

  beforeAll(async () => {
    h = await startServeHarness({ processJobs: true });
    site = await startFixtureServer();
    site.route('/rss.xml', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rss(site.baseUrl, line)));
    base = (await h.listen()).url.replace(/\/$/, '');
    chromium = await launchChromium();
    const context = await chromium.browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }, 60_000);
  afterAll(async () => {
    await chromium?.close();
    await site?.close();
    await h?.close();
  });

  const rows = () => page.locator('article.entry');

  it('signs in and lands on the unread list', async () => {
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('input[name=username]', ADMIN.username);
    await page.fill('input[name=password]', ADMIN.password);
    await page.click('.login button[type=submit]');
    await page.waitForURL(`${base}/`);
    expect(await page.locator('html').getAttribute('data-tz')).toBe('Asia/Shanghai');
  });

  it('subscribes to a loopback feed, whose articles arrive', async () => {
    await page.goto(`${base}/subscriptions`);
    await page.fill('.add-form input[name=url]', site.url('/rss.xml'));
    await page.fill('.add-form input[name=tags]', '港城, local');
    await page.click('.add-form button[type=submit]');
    await page.waitForLoadState('load');
    await h.queue.drain();
    await page.goto(`${base}/`);
    expect(await rows().count()).toBe(3);
    expect(await page.textContent('body')).toContain('港城地铁七号线开通');
  });

  it('opens an article, which marks it read, with its clean text and original link', async () => {
    await page.click('article.entry >> text=东岸公园周末开放');
    await page.waitForURL(/\/entries\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/')[2]);
    expect(await page.textContent('article.article')).toContain('园内新增三条步道');
    expect(await page.getAttribute(`a[href="${site.url('/news/3.html')}"]`, 'rel')).toContain('noopener');
    expect((await h.store.entries.get({ userId: h.admin.id }, id))?.read).toBe(true);
    await page.goto(`${base}/`);
    expect(await rows().count()).toBe(2);
  });

  it('j/k move, s stars, m toggles read, o opens, ? shows help, / focuses search', async () => {
    await page.goto(`${base}/all`);
    await page.keyboard.press('j');
    await expect.poll(() => page.locator('article.entry.selected').count()).toBe(1);
    const first = await page.locator('article.entry.selected').getAttribute('data-id');
    await page.keyboard.press('j');
    const second = await page.locator('article.entry.selected').getAttribute('data-id');
    expect(second).not.toBe(first);
    await page.keyboard.press('k');
    expect(await page.locator('article.entry.selected').getAttribute('data-id')).toBe(first);
    const id = Number(first);

    await page.keyboard.press('s');
    await expect.poll(async () => (await h.store.entries.get({ userId: h.admin.id }, id))?.starred).toBe(true);
    // The store answers before the script has updated the button: wait for the page too.
    await expect.poll(() => page.locator(`article.entry[data-id="${id}"] [data-action=star]`).getAttribute('aria-pressed')).toBe('true');
    const wasRead = (await h.store.entries.get({ userId: h.admin.id }, id))?.read;
    await page.keyboard.press('m');
    await expect.poll(async () => (await h.store.entries.get({ userId: h.admin.id }, id))?.read).toBe(!wasRead);

    await page.keyboard.press('?');
    await expect.poll(() => page.locator('#help').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#help').isVisible()).toBe(false);

    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.type('j');
    expect(await page.locator('article.entry.selected').getAttribute('data-id')).toBe(first); // typing is not a command
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 1, y: 1 } });

    await page.keyboard.press('o');
    await page.waitForURL(`${base}/entries/${id}`);
  });

  it('searches in Chinese, one and two characters, Traditional finding Simplified', async () => {
    for (const q of ['港', '地铁', '地鐵']) {
      await page.goto(`${base}/`);
      await page.fill('#q', q);
      await page.press('#q', 'Enter');
      await page.waitForURL(/\/search\?/);
      expect(await page.textContent('main')).toContain('港城地铁七号线开通');
      expect(await page.locator('main mark').count()).toBeGreaterThan(0);
    }
  });

  it('shows a revision diff after the site edits an article', async () => {
    line = '八号线';
    const feed = (await h.store.feeds.list())[0];
    await page.goto(`${base}/subscriptions/${feed?.id}`);
    await page.click('button[data-action=fetch]');
    await page.waitForLoadState('load');
    await h.queue.drain();
    await page.goto(`${base}/all`);
    await page.click('article.entry >> text=港城地铁八号线开通');
    await page.waitForURL(/\/entries\/\d+$/);
    await page.click('.diff-form button[type=submit]');
    await page.waitForURL(/\/diff\?/);
    expect(await page.locator('.diff del').allTextContents()).toContain('七');
    expect(await page.locator('.diff ins').allTextContents()).toContain('八');
  });

  it('switches the interface to Chinese and back', async () => {
    await page.goto(`${base}/all`);
    await page.click('a.lang-switch');
    await page.waitForLoadState('load');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans');
    expect(await page.textContent('body')).toContain('未读');
    await page.click('a.lang-switch');
    await page.waitForLoadState('load');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
  });

  it('renders every vector of the sanitizer’s XSS table as an article without running a script', async () => {
    const vectors = JSON.parse(readFileSync(new URL('../clean/testdata/xss-vectors.json', import.meta.url), 'utf8')) as Array<{ name: string; html: string }>;
    const feed = await h.addFeed('https://xss.example.org/rss.xml', { title: 'XSS table' });
    const html = vectors.map((v) => `<p>${v.name}</p>${v.html}`).join('\n');
    const [cleanedId] = await h.addArticles(feed.id, [{ title: '<img src=x onerror=alert(1)> vectors', html, link: 'https://xss.example.org/a.html' }]);
    // One stored before the clean stage existed: the reader must clean it on the way out.
    await h.store.articles.applyRefresh(feed.id, [{ key: 'url:https://xss.example.org/b.html', title: 'raw vectors', link: 'https://xss.example.org/b.html', author: null, publishedAt: h.clock.now(), updatedAt: null, summary: null, html, categories: [], contentHash: contentHash('raw', html), recordId: '00000000000000bb', clean: null }], { status: 'ok', fetchedAt: h.clock.now(), error: null, consecutiveFailures: 0, nextCheckAt: h.clock.now(), scheduleReason: 'test' });
    const rawId = (await h.store.entries.list({ userId: h.admin.id, feedId: feed.id }, { limit: 10, cursor: null })).entries.find((e) => e.title === 'raw vectors')?.id;

    const external: string[] = [];
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.continue();
      external.push(`${route.request().resourceType()} ${url.href}`);
      return route.abort();
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    for (const id of [cleanedId, rawId]) {
      await page.goto(`${base}/entries/${id}`);
      await page.waitForLoadState('load');
      expect(new URL(page.url()).pathname).toBe(`/entries/${id}`);
      expect(await page.locator('article.article p', { hasText: 'img onerror' }).count()).toBeGreaterThan(0);
      // Hover and click everything an attacker might have wired up.
      for (const el of await page.locator('article.article a, article.article img').all()) await el.hover({ timeout: 1000, force: true }).catch(() => {});
      await page.waitForTimeout(200);
      expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    }
    expect(dialogs).toEqual([]);
    expect(external.filter((r) => !r.startsWith('image ') && !r.startsWith('media '))).toEqual([]);
    expect(await page.locator('article.article script').count()).toBe(0);
    await page.unroute('**/*');
  }, 60_000);
});
