/**
 * The search page: Chinese queries of one and two characters and in Traditional script, marked
 * snippets, totals and pages, sorting, a refused query shown inline with 400, and the latency
 * recorded in the metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeHarness, type ServeHarness } from '../../../test/serve-harness.js';
import { rowIds, unescapeAttr } from './testdata/reader-kit.js';

let h: ServeHarness;
let cat: number;
let typhoon: number;
let harbour: number;

beforeAll(async () => {
  h = await startServeHarness();
  const feed = await h.addFeed('https://news.example.org/daily.xml', { title: '每日新闻', tags: ['日报'] });
  const now = h.clock.now();
  [cat = 0, typhoon = 0, harbour = 0] = await h.addArticles(feed.id, [
    { title: '屋顶上的猫', html: '<p>一只橘色的猫在屋顶上晒太阳，邻居们都来看它。</p>', publishedAt: now - 3_000 },
    { title: '台风今晚登陆', html: '<p>气象台说，台风将在今晚登陆沿海城市，请市民注意安全。</p>', publishedAt: now - 2_000 },
    { title: 'Harbour pilots <b>return</b>', html: '<p>The harbour pilots returned to work after a short strike.</p>', publishedAt: now - 1_000 },
  ]);
  const more = await h.addFeed('https://news.example.org/rain.xml', { title: 'Rain Watch' });
  await h.addArticles(
    more.id,
    Array.from({ length: 25 }, (_, i) => ({ title: `Drizzle report ${i}`, html: `<p>Light drizzle number ${i} fell over the bay.</p>`, publishedAt: now - 100_000 + i })),
  );
});
afterAll(() => h.close());

async function search(query: string): Promise<{ status: number; page: string }> {
  const res = await h.browser(`/search?q=${encodeURIComponent(query)}`);
  return { status: res.status, page: await res.text() };
}

describe('the search page', () => {
  it.each([
    ['one Chinese character', '猫', () => cat, '<mark>猫</mark>'],
    ['two Chinese characters', '台风', () => typhoon, '<mark>台风</mark>'],
    ['a Traditional query, marking the Simplified text it matched', '颱風', () => typhoon, '<mark>台风</mark>'],
    ['a Latin word', 'pilots', () => harbour, '<mark>pilots</mark>'],
  ])('finds %s', async (_case, query, id, marked) => {
    const { status, page } = await search(query);
    expect(status).toBe(200);
    expect(rowIds(page)).toEqual([id()]);
    expect(page).toContain('Results: 1');
    expect(page).toContain(marked);
    expect(page).toContain(`value="${query}"`);
  });

  it('escapes titles and snippets, adding only its own marks', async () => {
    const { page } = await search('harbour');
    expect(page).toContain('<mark>Harbour</mark> pilots &lt;b&gt;return&lt;/b&gt;');
    expect(page).not.toContain('<b>return</b>');
  });

  it('gives each hit the read and star toggles of a list row', async () => {
    const { page } = await search('猫');
    expect(page).toContain(`action="/entries/${cat}/read"`);
    expect(page).toContain(`class="entry hit is-unread" data-id="${cat}"`);
  });

  it('pages by the cursor and sorts by date', async () => {
    const first = await h.browser('/search?q=drizzle&sort=date');
    const page = await first.text();
    expect(page).toContain('Results: 25');
    expect(rowIds(page)).toHaveLength(20);
    const next = /<a rel="next" href="([^"]+)"/.exec(page)?.[1];
    expect(next).toMatch(/^\/search\?q=drizzle&amp;sort=date&amp;cursor=/);
    const second = await (await h.browser(unescapeAttr(next ?? ''))).text();
    expect(rowIds(second)).toHaveLength(5);
    expect(new Set([...rowIds(page), ...rowIds(second)]).size).toBe(25);
    expect(second).not.toContain('rel="next"');
    expect(page).toContain('<option value="date" selected>');
  });

  it('shows a query the parser refuses beside the form, with status 400', async () => {
    const { status, page } = await search('"台风 登陆');
    expect(status).toBe(400);
    expect(page).toMatch(/<p class="error" role="alert">[^<]*quote[^<]*<\/p>/);
    expect(page).toContain('id="q"');
    const excluded = await search('-台风');
    expect(excluded.status).toBe(400);
    expect(excluded.page).toContain('a search needs at least one term to include');
  });

  it.each([
    ['an unknown sort', '/search?q=cat&sort=newest', 'sort: expected relevance or date, got &quot;newest&quot;'],
    ['a query over 500 characters', `/search?q=${'猫'.repeat(501)}`, 'The query is 501 characters long'],
  ])('refuses %s with 400', async (_case, path, message) => {
    const res = await h.browser(path);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(message);
  });

  it('shows the query language help and no results without a query', async () => {
    const { status, page } = await search('');
    expect(status).toBe(200);
    for (const syntax of ['&quot;…&quot;', 'OR', '-…', 'title:', 'author:', 'feed:', 'tag:', 'after:2024-03-01', 'before:2024-03-01']) expect(page).toContain(`<code>${syntax}</code>`);
    expect(page).not.toContain('Results:');
  });

  it('records search latency', async () => {
    await search('屋顶');
    const text = await h.metrics.registry.metrics();
    const count = Number(/^feedkeeper_search_duration_seconds_count (\d+)/m.exec(text)?.[1]);
    expect(count).toBeGreaterThan(0);
  });
});
