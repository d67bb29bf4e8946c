/**
 * The article page, its revisions and their diffs, and what may reach the page: the sanitizer's
 * HTML only (a row stored before the clean stage is cleaned on the way out), titles as text.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHash } from '../../ingest/index.js';
import type { IncomingArticle } from '../../store/index.js';
import { startServeHarness, type ServeHarness } from '../../../test/serve-harness.js';
import { unescapeAttr } from './testdata/reader-kit.js';

let h: ServeHarness;
beforeEach(async () => {
  h = await startServeHarness();
});
afterEach(() => h.close());

const LINK = 'https://news.example.org/square/crowd.html';

/** One article stored twice under the same key: 七 became 八. Returns its id. */
async function revisedArticle(secondTitle = '广场上的人群'): Promise<{ feedId: number; id: number }> {
  const feed = await h.addFeed('https://news.example.org/city.xml', { title: '城市快讯' });
  const [id = 0] = await h.addArticles(feed.id, [{ key: 'square-1', link: LINK, title: '广场上的人群', author: '李小明', html: '<p>今天有七个人来到了广场。</p><p>天气晴朗。</p>' }]);
  h.clock.advance(3_600_000);
  await h.addArticles(feed.id, [{ key: 'square-1', link: LINK, title: secondTitle, author: '李小明', html: '<p>今天有八个人来到了广场。</p><p>天气晴朗。</p>' }]);
  return { feedId: feed.id, id };
}

describe('the article page', () => {
  it('shows the clean HTML, feed, author, times, the original link and the revisions', async () => {
    const { feedId, id } = await revisedArticle();
    const page = await (await h.browser(`/entries/${id}`)).text();
    expect(page).toContain('<h1>广场上的人群 <span class="badge"');
    expect(page).toContain(`<a href="/feed/${feedId}">城市快讯</a>`);
    expect(page).toContain('<span class="author">李小明</span>');
    expect(page).toContain(`<a href="${LINK}" rel="noopener noreferrer">Original article</a>`);
    expect(page).toContain('<div class="content"><p>今天有八个人来到了广场。</p>');
    expect(page).toContain('<h2>Versions (2)</h2>');
    expect(page).toContain(`href="/entries/${id}/revisions/0"`);
    expect(page).toContain(`href="/entries/${id}/diff?from=0&amp;to=1"`);
    expect(page).toMatch(/<option value="0" selected>Version 1 · [^<]+<\/option>/);
    expect(page).toMatch(/<select name="to">.*<option value="1" selected>/s);
    expect(page).toMatch(/<time datetime="2024-03-04T08:30:00.000Z">4 Mar 2024, 08:30<\/time>/);
    expect(page).toContain('data-action="read" aria-pressed="true"');
    expect(page).toContain(`<input type="hidden" name="next" value="/entries/${id}?keep=1">`);
  });

  it('shows an old version by itself', async () => {
    const { id } = await revisedArticle();
    const page = await (await h.browser(`/entries/${id}/revisions/0`)).text();
    expect(page).toContain('<div class="content"><p>今天有七个人来到了广场。</p>');
    expect(page).toContain('Version 1');
    expect((await h.browser(`/entries/${id}/revisions/2`)).status).toBe(404);
  });
});

describe('the diff page', () => {
  it('marks the changed character, counts the change, and defaults to the last two versions', async () => {
    const { id } = await revisedArticle();
    const page = await (await h.browser(`/entries/${id}/diff`)).text();
    expect(page).toContain('<div class="diff"><p>今天有<del>七</del><ins>八</ins>个人来到了广场。</p><p>天气晴朗。</p></div>');
    expect(page).toContain('Characters inserted: 1');
    expect(page).toContain('Characters deleted: 1');
    expect(page).not.toContain('diff-title');
    expect(page).toMatch(/<select name="from"><option value="0" selected>/);
  });

  it('also diffs the title when it changed, and compares any two versions', async () => {
    const { id } = await revisedArticle('广场上的大人群');
    const page = await (await h.browser(`/entries/${id}/diff?from=0&to=1`)).text();
    expect(page).toContain('<div class="diff diff-title"><p>广场上的<ins>大</ins>人群</p></div>');
    const same = await (await h.browser(`/entries/${id}/diff?from=1&to=1`)).text();
    expect(same).not.toContain('<ins>');
    expect(same).not.toContain('<del>');
  });

  it.each([
    ['a revision that does not exist', 'from=0&to=5', 'to: expected a whole number from 0 to 1, got &quot;5&quot;'],
    ['a revision that is not a number', 'from=first', 'from: expected a whole number from 0 to 1, got &quot;first&quot;'],
  ])('refuses %s with 400', async (_case, query, message) => {
    const { id } = await revisedArticle();
    const res = await h.browser(`/entries/${id}/diff?${query}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(message);
  });

  it('says so when there is only one version', async () => {
    const feed = await h.addFeed('https://news.example.org/one.xml');
    const [id] = await h.addArticles(feed.id, [{ title: 'A quiet day', html: '<p>Nothing changed at all.</p>' }]);
    const page = await (await h.browser(`/entries/${id}/diff`)).text();
    expect(page).toContain('This article has only one version.');
  });
});

describe('what reaches the page', () => {
  it('cleans an article stored before the clean stage (no clean HTML): no script, no handlers', async () => {
    const feed = await h.addFeed('https://news.example.org/old.xml', { title: 'Old Archive' });
    const html = '<p>The harbour reopened on Monday.</p><script>alert("x")</script><img src="/pier.png" onerror="alert(1)"><a href="javascript:alert(2)">pier</a>';
    const article: IncomingArticle = {
      key: 'old-1',
      title: 'Harbour reopens',
      link: 'https://news.example.org/old/1.html',
      author: null,
      publishedAt: h.clock.now(),
      updatedAt: null,
      summary: null,
      html,
      categories: [],
      contentHash: contentHash('Harbour reopens', html),
      recordId: '00112233aabbccdd',
    };
    await h.store.articles.applyRefresh(feed.id, [article], { status: 'ok', fetchedAt: h.clock.now(), error: null, consecutiveFailures: 0, nextCheckAt: h.clock.now(), scheduleReason: 'test' });
    const [entry] = (await h.store.entries.list({ userId: h.admin.id }, { limit: 1, cursor: null })).entries;
    expect((await h.store.entries.get({ userId: h.admin.id }, entry?.id ?? 0))?.contentHtml).toBeNull();
    for (const path of [`/entries/${entry?.id}`, `/entries/${entry?.id}/revisions/0`]) {
      const page = await (await h.browser(path)).text();
      const content = page.slice(page.indexOf('<div class="content">'), page.indexOf('</div>', page.indexOf('<div class="content">')));
      expect(content, path).toContain('The harbour reopened on Monday.');
      expect(content, path).toContain('src="https://news.example.org/pier.png"');
      expect(page, path).not.toContain('alert');
      expect(page, path).not.toMatch(/onerror/i);
      expect(page, path).not.toContain('javascript:');
    }
  });

  it('shows markup in a title as text, in the list and on the article page', async () => {
    const feed = await h.addFeed('https://news.example.org/tide.xml');
    const [id] = await h.addArticles(feed.id, [{ title: 'Tide <b>tables</b> & "charts"', html: '<p>Low tide at noon.</p>' }]);
    for (const path of ['/', `/entries/${id}`]) {
      const page = await (await h.browser(path)).text();
      expect(page, path).toContain('Tide &lt;b&gt;tables&lt;/b&gt; &amp; &quot;charts&quot;');
      expect(page, path).not.toContain('<b>tables</b>');
    }
  });

  it('links the original only when it is http(s)', async () => {
    const feed = await h.addFeed('https://news.example.org/odd.xml');
    const [id] = await h.addArticles(feed.id, [{ title: 'Odd link', html: '<p>Text.</p>', link: 'javascript:alert(3)' }]);
    const page = await (await h.browser(`/entries/${id}`)).text();
    expect(page).not.toContain('javascript:');
    expect(page).not.toContain('Original article');
    expect(unescapeAttr(page)).toContain('<h1>Odd link</h1>');
  });
});
