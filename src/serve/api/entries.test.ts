/**
 * /api/v1/entries over HTTP: filters (feed, tag, read, starred, since, until), cursor pages with
 * no duplicates, bulk marking then filtering by the marks, mark all read up to max_id, one entry
 * with sanitized HTML (cleaned on the way out when it was stored before cleaning), and refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../ingest/index.js';
import { startServeHarness, T0, type ServeHarness } from '../../../test/serve-harness.js';
import { call } from './test-kit.js';

const HOUR = 3_600_000;
let h: ServeHarness;
let city: { id: number };
let sport: { id: number };
let cityIds: number[];
let sportIds: number[];

beforeAll(async () => {
  h = await startServeHarness();
  city = await h.addFeed('https://harbour.example.org/city.xml', { title: 'City', tags: ['news'] });
  sport = await h.addFeed('https://harbour.example.org/sport.xml', { title: 'Sport', tags: ['sport'] });
  // 30 city articles an hour apart (two share a time, to test the tie-break), 5 sport ones.
  cityIds = await h.addArticles(
    city.id,
    Array.from({ length: 30 }, (_, i) => ({ title: `城市新闻 ${i}`, html: `<p>第${i}条虚构的城市新闻。</p>`, publishedAt: T0 - (i === 11 ? 10 : i) * HOUR })),
  );
  sportIds = await h.addArticles(
    sport.id,
    Array.from({ length: 5 }, (_, i) => ({ title: `Regatta day ${i}`, html: `<p>Invented race report ${i}.</p>`, publishedAt: T0 - (i * 7 + 0.5) * HOUR })),
  );
});
afterAll(() => h.close());

describe('GET /entries', () => {
  it('lists every entry newest first by default, 50 to a page', async () => {
    const answer = await call(h, 'listEntries');
    expect(answer.status).toBe(200);
    expect(answer.body.entries).toHaveLength(35);
    expect(answer.body.next_cursor).toBeNull();
    const times = answer.body.entries.map((e: { published_at: string }) => Date.parse(e.published_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(answer.body.entries[0]).toMatchObject({ title: '城市新闻 0', feed: { id: city.id, title: 'City' }, read: false, starred: false, revision_count: 1, published_at: new Date(T0).toISOString() });
  });

  it('pages with the cursor: every entry once, no duplicates, in order', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string | number> = { limit: 7, ...(cursor === null ? {} : { cursor }) };
      const answer = await call(h, 'listEntries', { query });
      expect(answer.body.entries.length).toBeLessThanOrEqual(7);
      seen.push(...answer.body.entries.map((e: { id: number }) => e.id));
      cursor = answer.body.next_cursor;
      pages++;
    } while (cursor !== null && pages < 20);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(new Set([...cityIds, ...sportIds]));
  });

  it.each([
    ['feed', () => ({ feed: sport.id }), () => sportIds],
    ['tag', () => ({ tag: 'news' }), () => cityIds],
    ['since (a date-time)', () => ({ since: new Date(T0 - 2 * HOUR).toISOString(), feed: city.id }), () => cityIds.slice(0, 3)],
    ['until (a date-time with an offset)', () => ({ until: '2024-03-03T16:30:00+08:00', feed: city.id }), () => cityIds.slice(25)],
    ['since and until (dates)', () => ({ since: '2024-03-04', until: '2024-03-05', feed: city.id }), () => cityIds.slice(0, 9)],
  ])('filters by %s', async (_case, query, expected) => {
    const answer = await call(h, 'listEntries', { query: query() });
    expect(answer.status).toBe(200);
    expect(new Set(answer.body.entries.map((e: { id: number }) => e.id))).toEqual(new Set(expected()));
  });

  it.each([
    ['limit that is not a number', { limit: 'abc' }, 'limit: expected a whole number from 1 to 500, got "abc"'],
    ['limit of 0', { limit: '0' }, 'limit: expected a whole number from 1 to 500, got 0'],
    ['limit of 501', { limit: '501' }, 'limit: expected a whole number from 1 to 500, got 501'],
    ['read that is not a boolean', { read: 'yes' }, 'read: expected true or false, got "yes"'],
    ['since that is not a date', { since: 'yesterday' }, 'since: expected an ISO 8601 date (2024-03-01) or date-time (2024-03-01T08:30:00Z), got "yesterday"'],
    ['until on a day that does not exist', { until: '2024-02-30' }, 'until: expected an ISO 8601 date'],
    ['since after until', { since: '2024-03-05', until: '2024-03-04' }, 'since: expected since to be before until'],
    ['feed that is not an id', { feed: '-1' }, 'feed: expected a positive whole number, got "-1"'],
    ['a cursor from nowhere', { cursor: 'not-a-cursor' }, 'cursor'],
  ])('refuses %s: 400 naming the parameter', async (_case, query, message) => {
    const answer = await call(h, 'listEntries', { query });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('USAGE');
    expect(answer.body.error.message).toContain(message);
  });

  it('answers 404 for a feed filter naming no feed', async () => {
    const answer = await call(h, 'listEntries', { query: { feed: 9999 } });
    expect(answer.status).toBe(404);
    expect(answer.body.error.message).toBe('feed: no feed with id 9999');
  });

  it('refuses a parameter given twice', async () => {
    const res = await h.api('/api/v1/entries?limit=5&limit=6');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('limit: expected one value, got 2');
  });
});

describe('POST /entries/mark, then filtering by the marks', () => {
  it('marks in bulk and the read and starred filters follow', async () => {
    const read = cityIds.slice(0, 4);
    const starred = [cityIds[2]!, sportIds[0]!];
    expect((await call(h, 'markEntries', { body: { ids: [...read, 999_999], read: true } })).body).toEqual({ updated: 4 });
    expect((await call(h, 'markEntries', { body: { ids: starred, starred: true } })).body).toEqual({ updated: 2 });
    const ids = async (query: Record<string, string | number>) => new Set((await call(h, 'listEntries', { query })).body.entries.map((e: { id: number }) => e.id));
    expect(await ids({ read: 'true' })).toEqual(new Set(read));
    expect(await ids({ starred: 'true' })).toEqual(new Set(starred));
    expect(await ids({ read: 'true', starred: 'true' })).toEqual(new Set([cityIds[2]]));
    expect((await ids({ read: 'false' })).size).toBe(35 - 4);
    await call(h, 'markEntries', { body: { ids: read, read: false, starred: false } });
    expect((await ids({ read: 'true' })).size).toBe(0);
    expect(await ids({ starred: 'true' })).toEqual(new Set([sportIds[0]]));
  });

  it.each([
    ['neither read nor starred', { ids: [1] }, 'body: give read, starred or both'],
    ['no ids', { ids: [], read: true }, 'ids: expected at least 1 item(s)'],
    ['an id that is not a number', { ids: [1, 'two'], read: true }, 'ids.1: expected a number, got "two"'],
    ['too many ids', { ids: Array.from({ length: 1001 }, (_, i) => i + 1), read: true }, 'ids: expected at most 1000 items'],
    ['read that is not a boolean', { ids: [1], read: 1 }, 'read: expected a boolean, got 1'],
  ])('refuses %s: 400 naming the field', async (_case, body, message) => {
    const answer = await call(h, 'markEntries', { body });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain(message);
  });
});

describe('POST /entries/mark-all-read', () => {
  it('marks a list read up to max_id and leaves newer entries unread', async () => {
    const sorted = [...sportIds].sort((a, b) => a - b);
    const maxId = sorted[2]!;
    const answer = await call(h, 'markAllRead', { body: { feed: sport.id, max_id: maxId } });
    expect(answer.body).toEqual({ updated: 3 });
    const unread = await call(h, 'listEntries', { query: { feed: sport.id, read: 'false' } });
    expect(new Set(unread.body.entries.map((e: { id: number }) => e.id))).toEqual(new Set(sorted.slice(3)));
    expect((await call(h, 'markAllRead', { body: { feed: sport.id, max_id: maxId } })).body).toEqual({ updated: 0 });
  });

  it('marks by tag', async () => {
    const answer = await call(h, 'markAllRead', { body: { tag: 'news', max_id: Math.max(...cityIds) } });
    expect(answer.body.updated).toBe(30);
  });

  it('requires max_id, and a feed that exists', async () => {
    const missing = await call(h, 'markAllRead', { body: { feed: sport.id } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe('max_id: required (a number)');
    const unknown = await call(h, 'markAllRead', { body: { feed: 4242, max_id: 1 } });
    expect(unknown.status).toBe(404);
  });
});

describe('GET /entries/:id', () => {
  it('returns the sanitized HTML, feeds, categories and revisions, and never the raw HTML', async () => {
    const feed = await h.addFeed('https://harbour.example.org/one.xml', { title: 'One' });
    const [id] = await h.addArticles(feed.id, [{ title: '港口扩建', html: '<p onclick="steal()">港口扩建计划公布。</p><script>alert(1)</script>', categories: ['港口'], author: '记者甲' }]);
    const answer = await call(h, 'getEntry', { params: { id: id! } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id, title: '港口扩建', author: '记者甲', categories: ['港口'], feeds: [{ id: feed.id, title: 'One' }], extraction: 'feed', revision_count: 1 });
    expect(answer.body.content_html).toContain('港口扩建计划公布。');
    expect(answer.body.content_html).not.toMatch(/script|onclick/);
    expect(answer.body).not.toHaveProperty('html');
    expect(answer.body.revisions).toHaveLength(1);
  });

  it('cleans an entry stored before the clean stage existed on the way out', async () => {
    const feed = await h.addFeed('https://harbour.example.org/old.xml');
    const html = '<p>旧文章。</p><img src="x" onerror="alert(1)"><script>alert(2)</script>';
    const link = 'https://harbour.example.org/old/1.html';
    await h.store.articles.applyRefresh(
      feed.id,
      [{ key: 'old-1', title: 'Old', link, author: null, publishedAt: T0, updatedAt: null, summary: null, html, categories: [], contentHash: contentHash('Old', html), recordId: 'a1b2c3d4e5f60718', clean: null }],
      { status: 'ok', fetchedAt: T0, error: null, consecutiveFailures: 0, nextCheckAt: T0 + HOUR, scheduleReason: 'test' },
    );
    const [entry] = (await h.store.entries.list({ userId: h.admin.id, feedId: feed.id }, { limit: 1, cursor: null })).entries;
    expect((await h.store.entries.get({ userId: h.admin.id }, entry!.id))?.contentHtml).toBeNull();
    const answer = await call(h, 'getEntry', { params: { id: entry!.id } });
    expect(answer.body.content_html).toContain('旧文章。');
    expect(answer.body.content_html).not.toMatch(/onerror|script|alert/);
  });
});
