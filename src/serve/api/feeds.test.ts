/**
 * /api/v1/feeds over HTTP: subscribing against a loopback fixture server (an invented RSS feed,
 * and a page that links to two feeds for discovery), the list with its status and counts,
 * settings, removal keeping the archive, and "fetch now" queuing a job instead of fetching.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findClosedPort, startFixtureServer, type FixtureServer } from '../../../test/fixture-server.js';
import { startServeHarness, type ServeHarness } from '../../../test/serve-harness.js';
import { call } from './test-kit.js';

const rss = (title: string, items: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${title}</title><link>https://harbour.example.org/</link><description>Invented news</description>${items
    .map((t, i) => `<item><title>${t}</title><link>https://harbour.example.org/${i}.html</link><guid>item-${i}</guid><pubDate>Mon, 04 Mar 2024 0${i}:00:00 GMT</pubDate><description>${t}。</description></item>`)
    .join('')}</channel></rss>`;
const ATOM = `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Sport</title><id>urn:harbour:sport</id><updated>2024-03-04T08:00:00Z</updated><entry><title>Dragon boats race at dawn</title><id>urn:harbour:sport:1</id><link href="https://harbour.example.org/sport/1.html"/><updated>2024-03-04T07:00:00Z</updated><summary>Twelve crews raced.</summary></entry></feed>`;
const PAGE = `<!doctype html><html><head><title>Harbour Daily</title><link rel="alternate" type="application/rss+xml" title="Top stories" href="/top.xml"><link rel="alternate" type="application/atom+xml" title="Sport" href="/sport.atom"></head><body><p>Welcome</p></body></html>`;

let h: ServeHarness;
let site: FixtureServer;
beforeAll(async () => {
  h = await startServeHarness();
  site = await startFixtureServer();
  const serve = (type: string, body: string) => (_req: unknown, res: { writeHead(s: number, h: Record<string, string>): { end(b: string): void } }) => res.writeHead(200, { 'content-type': type }).end(body);
  site.route('/feed.xml', serve('application/rss+xml; charset=utf-8', rss('港城晚报', ['海港新桥今日通车', '地铁新线试运行'])));
  site.route('/top.xml', serve('application/rss+xml', rss('Harbour Top Stories', ['Ferry timetable changes'])));
  site.route('/sport.atom', serve('application/atom+xml', ATOM));
  site.route('/', serve('text/html; charset=utf-8', PAGE));
  site.route('/plain.html', serve('text/html', '<html><head><title>No feeds</title></head><body>nothing</body></html>'));
});
afterAll(async () => {
  await h.close();
  await site.close();
});

describe('POST /feeds', () => {
  it('subscribes to a feed URL after fetching it: 201, Location, the feed with its own title', async () => {
    const answer = await call(h, 'createFeed', { body: { url: site.url('/feed.xml'), tags: ['news', 'city'] } });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ item_count: 2, via_page: false, other_feeds: [] });
    expect(answer.body.feed).toMatchObject({ url: site.url('/feed.xml'), title: '港城晚报', feed_title: '港城晚报', tags: ['news', 'city'], last_status: 'never', article_count: 0, unread_count: 0, enabled: true });
    expect(answer.res.headers.get('location')).toBe(`/api/v1/feeds/${answer.body.feed.id}`);
  });

  it('refuses a URL already subscribed: 409 CONFLICT', async () => {
    const answer = await call(h, 'createFeed', { body: { url: site.url('/feed.xml') } });
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('CONFLICT');
  });

  it('subscribes to the first feed a page links to and lists the other', async () => {
    const answer = await call(h, 'createFeed', { body: { url: site.url('/'), title: 'Harbour' } });
    expect(answer.status).toBe(201);
    expect(answer.body.via_page).toBe(true);
    expect(answer.body.feed).toMatchObject({ url: site.url('/top.xml'), title: 'Harbour', feed_title: 'Harbour Top Stories', title_override: 'Harbour' });
    expect(answer.body.other_feeds).toEqual([{ url: site.url('/sport.atom'), title: 'Sport', type: 'atom', subscribed_feed_id: null }]);
  });

  it('subscribes without fetching when check is false (a feed that is down today)', async () => {
    const url = `http://127.0.0.1:${await findClosedPort()}/feed.xml`;
    const answer = await call(h, 'createFeed', { body: { url, check: false } });
    expect(answer.status).toBe(201);
    expect(answer.body.feed).toMatchObject({ url, title: null, feed_title: null });
    expect(answer.body.item_count).toBeNull();
  });

  it('answers 422 NOT_A_FEED for a page without feeds, 502 for a site that fails', async () => {
    const plain = await call(h, 'createFeed', { body: { url: site.url('/plain.html') } });
    expect(plain.status).toBe(422);
    expect(plain.body.error.code).toBe('NOT_A_FEED');
    const missing = await call(h, 'createFeed', { body: { url: site.url('/gone.xml') } });
    expect(missing.status).toBe(502);
    expect(missing.body.error.code).toBe('FETCH_HTTP_STATUS');
  });

  it.each([
    ['no url', {}, 'url: required'],
    ['a url that is not http', { url: 'ftp://harbour.example.org/feed' }, 'url: expected an http:// or https:// URL, got "ftp://harbour.example.org/feed"'],
    ['a url that is a number', { url: 5 }, 'url: expected a string, got 5'],
    ['tags that are not a list', { url: 'https://harbour.example.org/feed', tags: 'news' }, 'tags: expected an array, got "news"'],
    ['an empty tag', { url: 'https://harbour.example.org/feed', tags: ['news', ' '] }, 'tags.1: expected at least 1 character(s)'],
    ['check that is not a boolean', { url: 'https://harbour.example.org/feed', check: 'yes' }, 'check: expected a boolean, got "yes"'],
    ['an unknown field', { url: 'https://harbour.example.org/feed', folder: 'x' }, 'folder: unknown field'],
    ['an array body', [1, 2], 'body: expected an object, got an array of 2'],
    ['text that is not JSON', 'url=https://harbour.example.org/feed', 'body: expected JSON'],
  ])('refuses %s: 400 naming the field', async (_case, body, message) => {
    const answer = await call(h, 'createFeed', { body });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('USAGE');
    expect(answer.body.error.message).toContain(message);
  });

  it('says the Content-Type was wrong when a form is posted instead of JSON', async () => {
    const answer = await call(h, 'createFeed', { body: 'url=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain('Content-Type was application/x-www-form-urlencoded; send application/json');
  });

  it('refuses a JSON body over the limit: 413', async () => {
    const answer = await call(h, 'createFeed', { body: { url: 'https://harbour.example.org/feed', title: 'x'.repeat(1024 * 1024 + 1) } });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('INPUT_TOO_LARGE');
  });
});

describe('POST /feeds/discover', () => {
  it('lists the feeds a page links to, in page order, marking the ones subscribed', async () => {
    const answer = await call(h, 'discoverFeeds', { body: { url: site.url('/') } });
    expect(answer.status).toBe(200);
    expect(answer.body.kind).toBe('page');
    const top = (await call(h, 'listFeeds')).body.feeds.find((f: { url: string }) => f.url === site.url('/top.xml'));
    expect(answer.body.feeds).toEqual([
      { url: site.url('/top.xml'), title: 'Top stories', type: 'rss', subscribed_feed_id: top.id },
      { url: site.url('/sport.atom'), title: 'Sport', type: 'atom', subscribed_feed_id: null },
    ]);
  });

  it('says a feed URL is a feed, with its title and item count', async () => {
    const answer = await call(h, 'discoverFeeds', { body: { url: site.url('/sport.atom') } });
    expect(answer.body).toEqual({ kind: 'feed', item_count: 1, feeds: [{ url: site.url('/sport.atom'), title: 'Harbour Sport', type: null, subscribed_feed_id: null }] });
  });

  it.each([
    ['no url', {}, 'url: required'],
    ['a url that is not one', { url: 'harbour daily' }, 'url: expected an http:// or https:// URL, got "harbour daily"'],
  ])('refuses %s: 400 naming the field', async (_case, body, message) => {
    const answer = await call(h, 'discoverFeeds', { body });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain(message);
  });

  it('subscribes to nothing', async () => {
    const before = (await call(h, 'listFeeds')).body.feeds.length;
    await call(h, 'discoverFeeds', { body: { url: site.url('/sport.atom') } });
    expect((await call(h, 'listFeeds')).body.feeds).toHaveLength(before);
  });
});

describe('GET /feeds and /feeds/:id', () => {
  it('show each feed with its status and its article and unread counts', async () => {
    const feed = await h.addFeed('https://harbour.example.org/counts.xml', { title: 'Counts', tags: ['city'] });
    const ids = await h.addArticles(feed.id, [
      { title: '渡轮时刻表调整', html: '<p>渡轮时刻表下周调整。</p>' },
      { title: '公园新开放', html: '<p>湾畔公园周末开放。</p>' },
    ]);
    await call(h, 'markEntries', { body: { ids: [ids[0]], read: true } });
    const one = await call(h, 'getFeed', { params: { id: feed.id } });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: feed.id, title: 'Counts', article_count: 2, unread_count: 1, last_status: 'ok', last_error: null, tags: ['city'] });
    expect(one.body.last_fetch_at).toBe(new Date(h.clock.now()).toISOString());
    expect(Date.parse(one.body.next_fetch_at)).toBeGreaterThan(h.clock.now());
    const list = await call(h, 'listFeeds');
    expect(list.body.feeds.find((f: { id: number }) => f.id === feed.id)).toEqual(one.body);
  });
});

describe('PATCH /feeds/:id', () => {
  it('changes title, tags, full-text mode, intervals and enabled', async () => {
    const feed = await h.addFeed('https://harbour.example.org/settings.xml');
    const answer = await call(h, 'updateFeed', { params: { id: feed.id }, body: { title: '  Harbour Daily  ', tags: ['news', 'news', 'city'], fulltext: 'always', min_interval_minutes: 30, max_interval_minutes: 240, enabled: false } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ title: 'Harbour Daily', title_override: 'Harbour Daily', tags: ['news', 'city'], fulltext: 'always', min_interval_minutes: 30, max_interval_minutes: 240, enabled: false });
    const cleared = await call(h, 'updateFeed', { params: { id: feed.id }, body: { title: null, min_interval_minutes: null } });
    expect(cleared.body).toMatchObject({ title: null, title_override: null, min_interval_minutes: null, max_interval_minutes: 240 });
    const stored = await h.subscription(feed.id);
    expect(stored).toMatchObject({ titleOverride: null, minIntervalMs: null, maxIntervalMs: 240 * 60_000, fulltext: 'always', enabled: false });
  });

  it.each([
    ['nothing to change', {}, 'body: nothing to change'],
    ['an unknown full-text mode', { fulltext: 'sometimes' }, 'fulltext: expected "auto" or "always" or "never", got "sometimes"'],
    ['an interval of 0 minutes', { min_interval_minutes: 0 }, 'min_interval_minutes: expected whole minutes from 1 to 10080 (a week), or null for the default, got 0'],
    ['an interval of 1.5 minutes', { max_interval_minutes: 1.5 }, 'max_interval_minutes: expected whole minutes from 1 to 10080'],
    ['a minimum above the maximum', { min_interval_minutes: 120, max_interval_minutes: 60 }, 'min_interval_minutes: expected at most max_interval_minutes (60), got 120'],
    ['enabled as a string', { enabled: 'false' }, 'enabled: expected a boolean, got "false"'],
    ['a field that cannot be set', { url: 'https://elsewhere.example.org/' }, 'url: unknown field'],
  ])('refuses %s: 400 naming the field', async (_case, body, message) => {
    const feed = await h.addFeed(`https://harbour.example.org/bad-${Math.random()}.xml`);
    const answer = await call(h, 'updateFeed', { params: { id: feed.id }, body });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain(message);
  });
});

describe('DELETE /feeds/:id', () => {
  it('unsubscribes (204) and keeps the articles', async () => {
    const feed = await h.addFeed('https://harbour.example.org/remove.xml');
    const [entryId] = await h.addArticles(feed.id, [{ title: 'Kept after unsubscribing', html: '<p>Still here.</p>' }]);
    const answer = await call(h, 'deleteFeed', { params: { id: feed.id } });
    expect(answer.status).toBe(204);
    expect(await answer.res.text()).toBe('');
    expect((await call(h, 'getFeed', { params: { id: feed.id } })).status).toBe(404);
    const entry = await call(h, 'getEntry', { params: { id: entryId! } });
    expect(entry.status).toBe(200);
    expect(entry.body.title).toBe('Kept after unsubscribing');
  });
});

describe('POST /feeds/:id/refresh', () => {
  it('queues one refreshFeed job (202) and fetches nothing itself; asking twice queues it once', async () => {
    const feed = await h.addFeed(site.url('/refresh-me.xml'));
    const before = site.requests.length;
    const depth = await h.queue.depth();
    const answer = await call(h, 'refreshFeed', { params: { id: feed.id } });
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ feed_id: feed.id, job_id: `feed-${feed.id}` });
    await call(h, 'refreshFeed', { params: { id: feed.id } });
    expect(await h.queue.depth()).toBe(depth + 1);
    expect(site.requests.length).toBe(before);
    const ran: number[] = [];
    h.queue.process('refreshFeed', async ({ feedId }) => void ran.push(feedId), { concurrency: 1 });
    await h.queue.drain();
    expect(ran).toEqual([feed.id]);
  });
});
