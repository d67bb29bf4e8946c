/**
 * /api/v1/search over HTTP, over invented Chinese and English articles: one- and two-character
 * Chinese queries, a Traditional query finding Simplified text, highlighted and escaped snippets,
 * date sort with cursor pages, QUERY_INVALID as a 400, and the latency histogram in /metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeHarness, T0, type ServeHarness } from '../../../test/serve-harness.js';
import { call } from './test-kit.js';

const HOUR = 3_600_000;
let h: ServeHarness;
let harbour: number;
let metro: number;
let fares: number;

beforeAll(async () => {
  h = await startServeHarness();
  const feed = await h.addFeed('https://harbour.example.org/feed.xml', { title: '港城晚报' });
  [harbour, metro, fares] = (await h.addArticles(feed.id, [
    { title: '港口扩建计划公布', html: '<p>本港港口扩建计划今日公布，预计三年完成。</p>', publishedAt: T0 - HOUR },
    { title: '地铁新线试运行', html: '<p>地铁新线今日试运行，首班车早上六点发车。</p>', publishedAt: T0 - 2 * HOUR },
    { title: 'Ferry fares rise', html: '<p>Fares rise for kids &lt; 12 &amp; seniors from Monday.</p>', publishedAt: T0 - 3 * HOUR },
  ])) as [number, number, number];
  await h.addArticles(
    feed.id,
    Array.from({ length: 12 }, (_, i) => ({ title: `天气快讯 ${i}`, html: `<p>第${i}号天气快讯：明天有雨。</p>`, publishedAt: T0 - (10 + i) * HOUR })),
  );
});
afterAll(() => h.close());

const ids = (body: { results: Array<{ id: number }> }) => body.results.map((r) => r.id);

describe('GET /search', () => {
  it('finds a one-character Chinese query, with the hit marked in the snippet', async () => {
    const answer = await call(h, 'search', { query: { q: '港' } });
    expect(answer.status).toBe(200);
    expect(ids(answer.body)).toEqual([harbour]);
    expect(answer.body).toMatchObject({ query: '港', total: 1, next_cursor: null, notes: [] });
    expect(answer.body.results[0]).toMatchObject({ title: '港口扩建计划公布', feed: '港城晚报', published_at: new Date(T0 - HOUR).toISOString(), link: expect.stringMatching(/^https:/) });
    expect(answer.body.results[0].snippet).toBe('本<mark>港港</mark>口扩建计划今日公布，预计三年完成。');
    expect(answer.body.results[0].score).toEqual(expect.any(Number));
  });

  it.each([
    ['two Simplified characters', '地铁'],
    ['the same two in Traditional', '地鐵'],
  ])('finds %s (%s) and marks the Simplified text it matched', async (_case, q) => {
    const answer = await call(h, 'search', { query: { q } });
    expect(ids(answer.body)).toEqual([metro]);
    expect(answer.body.results[0].snippet).toContain('<mark>地铁</mark>');
  });

  it('escapes the article text around the marks', async () => {
    const answer = await call(h, 'search', { query: { q: 'fares' } });
    expect(ids(answer.body)).toEqual([fares]);
    expect(answer.body.results[0].snippet).toBe('<mark>Fares</mark> rise for kids &lt; 12 &amp; seniors from Monday.');
  });

  it('sorts by date and pages with the cursor, each hit once', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string | number> = { q: '天气', sort: 'date', limit: 5, ...(cursor === null ? {} : { cursor }) };
      const answer = await call(h, 'search', { query });
      expect(answer.body.total).toBe(12);
      seen.push(...ids(answer.body));
      const times = answer.body.results.map((r: { published_at: string }) => Date.parse(r.published_at));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      cursor = answer.body.next_cursor;
      pages++;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(12);
  });

  it('reports a bad query as QUERY_INVALID (400) with where it failed', async () => {
    const answer = await call(h, 'search', { query: { q: '港口 "扩建' } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('QUERY_INVALID');
    expect(answer.body.error.message).toMatch(/\d/);
  });

  it.each([
    ['no q', {}, 'q: required'],
    ['a blank q', { q: '   ' }, 'q: expected a search query'],
    ['an unknown sort', { q: '港', sort: 'best' }, 'sort: expected "relevance" or "date", got "best"'],
    ['a limit over 100', { q: '港', limit: 101 }, 'limit: expected a whole number from 1 to 100, got 101'],
  ])('refuses %s: 400 naming the parameter', async (_case, query, message) => {
    const answer = await call(h, 'search', { query });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'USAGE', message: expect.stringContaining(message) });
  });

  it('records its latency in the search histogram', async () => {
    const count = async () => {
      const text = await h.metrics.registry.getSingleMetricAsString('feedkeeper_search_duration_seconds');
      return Number(/feedkeeper_search_duration_seconds_count (\d+)/.exec(text)?.[1] ?? 0);
    };
    const before = await count();
    await call(h, 'search', { query: { q: '地铁' } });
    expect(await count()).toBe(before + 1);
  });
});
