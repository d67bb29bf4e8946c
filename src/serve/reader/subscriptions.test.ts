/**
 * The subscriptions pages against a loopback fixture server: adding a feed, a page that links
 * two feeds (the choice), the refusals (not a feed, unreachable, already subscribed) with 4xx,
 * OPML import and export, one feed's settings with their validation, "fetch now" and removing.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findClosedPort, startFixtureServer, type FixtureServer } from '../../../test/fixture-server.js';
import { startServeHarness, type ServeHarness } from '../../../test/serve-harness.js';
import { location, post } from './testdata/reader-kit.js';

const rss = (title: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${title}</title><link>https://news.example.org/</link><description>Invented news</description>
<item><title>渔港今天开放</title><link>https://news.example.org/a/1.html</link><guid>a-1</guid><description>渔船回到了港口。</description></item>
</channel></rss>`;
const page = (links: string) => `<!doctype html><html><head><title>Coast News</title>${links}</head><body><p>Welcome to an invented site.</p></body></html>`;
const OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Invented list</title></head><body>
<outline text="天气" title="天气"><outline type="rss" text="Rain Watch" xmlUrl="https://weather.example.org/rain.xml"/></outline>
<outline type="rss" text="Tide Tables" xmlUrl="https://tides.example.org/feed.xml"/>
</body></opml>`;

let fixture: FixtureServer;
let h: ServeHarness;
let jobs: Array<{ feedId: number }>;

beforeAll(async () => {
  fixture = await startFixtureServer();
  const serve = (type: string, body: string) => (_req: unknown, res: ServerResponse) => res.writeHead(200, { 'content-type': type }).end(body);
  fixture.route('/feed.xml', serve('application/rss+xml; charset=utf-8', rss('海边新闻')));
  fixture.route('/a.xml', serve('application/rss+xml; charset=utf-8', rss('Coast A')));
  fixture.route('/b.xml', serve('application/rss+xml; charset=utf-8', rss('Coast B')));
  fixture.route('/two.html', serve('text/html; charset=utf-8', page('<link rel="alternate" type="application/rss+xml" title="Coast A" href="/a.xml"><link rel="alternate" type="application/atom+xml" title="Coast B" href="/b.xml">')));
  fixture.route('/one.html', serve('text/html; charset=utf-8', page('<link rel="alternate" type="application/rss+xml" title="Coast A" href="/a.xml">')));
  fixture.route('/none.html', serve('text/html; charset=utf-8', page('')));
});
afterAll(() => fixture.close());

beforeEach(async () => {
  h = await startServeHarness();
  jobs = [];
  h.queue.process('refreshFeed', async (data) => void jobs.push(data), { concurrency: 1 });
});
afterEach(() => h.close());

describe('adding a subscription', () => {
  it('subscribes to a feed URL with its tags, queues its first fetch, and shows the feed', async () => {
    const res = await post(h, '/subscriptions/add', { url: fixture.url('/feed.xml'), tags: '海边, news，news' });
    expect(res.status).toBe(303);
    const feed = await h.subscription(fixture.url('/feed.xml'));
    expect(feed).toMatchObject({ title: '海边新闻', tags: ['海边', 'news'] });
    expect(location(res)).toBe(`/subscriptions/${feed?.id}?done=added`);
    await h.queue.drain();
    expect(jobs).toEqual([{ feedId: feed?.id }]);
    const shown = await (await h.browser(location(res) ?? '')).text();
    expect(shown).toContain('Subscribed. The first fetch is on its way.');
    expect(shown).toContain('<h1>海边新闻</h1>');
  });

  it('offers a choice when the page links several feeds, then subscribes to the chosen one', async () => {
    const res = await post(h, '/subscriptions/add', { url: fixture.url('/two.html'), tags: 'coast' });
    expect(res.status).toBe(200);
    const choice = await res.text();
    expect(choice).toContain('This page links to 2 feeds:');
    expect(choice).toContain(`<input type="radio" name="url" value="${fixture.url('/a.xml')}" checked required>`);
    expect(choice).toContain(`<input type="radio" name="url" value="${fixture.url('/b.xml')}" required>`);
    expect(choice).toContain('<span class="badge">ATOM</span>');
    expect(choice).toContain('<input type="hidden" name="tags" value="coast">');
    const chosen = await post(h, '/subscriptions/add', { url: fixture.url('/b.xml'), chosen: '1', tags: 'coast' });
    expect(chosen.status).toBe(303);
    expect(await h.subscription(fixture.url('/b.xml'))).toMatchObject({ title: 'Coast B', tags: ['coast'] });
    expect(await h.subscription(fixture.url('/a.xml'))).toBeNull();
  });

  it('subscribes straight to the one feed a page links', async () => {
    const res = await post(h, '/subscriptions/add', { url: fixture.url('/one.html') });
    expect(res.status).toBe(303);
    expect(await h.subscription(fixture.url('/a.xml'))).toMatchObject({ title: 'Coast A' });
  });

  it.each([
    ['an empty address', () => '', 400, 'Type the address of a feed or of a site.'],
    ['an address that is not http(s)', () => 'ftp://news.example.org/feed.xml', 400, 'only http and https feeds can be subscribed to'],
    ['a page that links no feed', () => fixture.url('/none.html'), 422, 'Could not subscribe:'],
    ['a missing page', () => fixture.url('/missing.xml'), 422, 'Could not subscribe:'],
  ])('shows %s on the page with a 4xx status, keeping what was typed', async (_case, url, status, message) => {
    const res = await post(h, '/subscriptions/add', { url: url(), tags: 'kept' });
    expect(res.status).toBe(status);
    const shown = await res.text();
    expect(shown).toContain(message);
    expect(shown).toContain('<p class="error" role="alert">');
    expect(shown).toContain('name="tags" value="kept"');
    expect(await h.store.feeds.list()).toEqual([]);
  });

  it('refuses an unreachable site with 422', async () => {
    const res = await post(h, '/subscriptions/add', { url: `http://127.0.0.1:${await findClosedPort()}/feed.xml` });
    expect(res.status).toBe(422);
  });

  it('refuses a feed already subscribed with 409 and says which', async () => {
    const feed = await h.addFeed(fixture.url('/feed.xml'), { title: 'Already here' });
    const res = await post(h, '/subscriptions/add', { url: fixture.url('/feed.xml') });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain(`already subscribed to ${fixture.url('/feed.xml')} (feed ${feed.id}`);
  });
});

describe('the subscriptions table', () => {
  it('shows each feed with its status, error, article count and enabled', async () => {
    const feed = await h.addFeed('https://news.example.org/broken.xml', { title: 'Broken Feed' });
    await h.store.feeds.recordFetch(feed.id, { status: 'error', fetchedAt: h.clock.now(), error: 'HTTP 500 from the server', consecutiveFailures: 3, nextCheckAt: h.clock.now() + 3_600_000, scheduleReason: 'backoff' });
    await h.addArticles((await h.addFeed('https://news.example.org/ok.xml', { title: 'Fine Feed' })).id, [{ title: 'Calm sea', html: '<p>The sea was calm.</p>' }]);
    await h.store.feeds.update(feed.id, { enabled: false });
    const shown = await (await h.browser('/subscriptions')).text();
    expect(shown).toContain(`<a href="/subscriptions/${feed.id}">Broken Feed</a>`);
    expect(shown).toContain('Error (3 failures in a row)');
    expect(shown).toContain('HTTP 500 from the server');
    expect(shown).toContain('<span class="muted">paused</span>');
    expect(shown).toMatch(/<td class="num"><a href="\/feed\/\d+">1<\/a><\/td>/);
  });
});

describe('OPML', () => {
  const upload = (bytes: string, name = 'subs.opml') => {
    const form = new FormData();
    form.set('opml', new File([bytes], name, { type: 'text/x-opml' }));
    return h.browser('/subscriptions/import', { method: 'POST', body: form });
  };

  it('imports a file and shows the summary; exports every subscription as an attachment', async () => {
    await h.addFeed('https://tides.example.org/feed.xml', { title: 'Tide Tables' });
    const res = await upload(OPML);
    expect(res.status).toBe(200);
    const shown = await res.text();
    expect(shown).toContain('Import finished. New subscriptions: 1');
    expect(shown).toContain('<li>https://tides.example.org/feed.xml</li>');
    expect(await h.subscription('https://weather.example.org/rain.xml')).toMatchObject({ tags: ['天气'] });
    const exported = await h.browser('/subscriptions/export.opml');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('text/x-opml; charset=utf-8');
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="feedkeeper-subscriptions.opml"');
    const xml = await exported.text();
    expect(xml).toContain('xmlUrl="https://weather.example.org/rain.xml"');
    expect(xml).toContain('xmlUrl="https://tides.example.org/feed.xml"');
  });

  it('shows a file that is not OPML, or no file, with 400', async () => {
    const bad = await upload('<html><body>not a list</body></html>', 'page.html');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Could not import page.html:');
    const none = await h.browser('/subscriptions/import', { method: 'POST', body: new FormData() });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Choose an OPML file to import.');
  });
});

describe('one feed’s settings', () => {
  it('saves title, tags, full-text mode, intervals and enabled', async () => {
    const feed = await h.addFeed('https://news.example.org/port.xml', { title: 'Port Gazette' });
    const res = await post(h, `/subscriptions/${feed.id}`, { title: '港口公报', tags: 'coast, 港口', fulltext: 'always', min_interval: '30', max_interval: '720' });
    expect(res.status).toBe(303);
    expect(location(res)).toBe(`/subscriptions/${feed.id}?done=saved`);
    expect(await h.subscription(feed.id)).toMatchObject({ titleOverride: '港口公报', tags: ['coast', '港口'], fulltext: 'always', minIntervalMs: 1_800_000, maxIntervalMs: 43_200_000, enabled: false });
    const shown = await (await h.browser(`/subscriptions/${feed.id}?done=saved`)).text();
    expect(shown).toContain('Saved.');
    expect(shown).toContain('name="min_interval" value="30"');
    expect(shown).toContain('<option value="always" selected>');
    await post(h, `/subscriptions/${feed.id}`, { title: '', tags: '', fulltext: 'auto', min_interval: '', max_interval: '', enabled: '1' });
    expect(await h.subscription(feed.id)).toMatchObject({ titleOverride: null, tags: [], minIntervalMs: null, maxIntervalMs: null, enabled: true });
  });

  it.each([
    ['an interval that is not a number', { min_interval: 'soon' }, 'Shortest interval (minutes): expected a whole number of minutes from 1 to 10080, or empty for the default; got &quot;soon&quot;.'],
    ['an interval of zero', { max_interval: '0' }, 'Longest interval (minutes): expected a whole number of minutes from 1 to 10080'],
    ['an interval above a week, which the CLI and the API refuse too', { max_interval: '10081' }, 'Longest interval (minutes): expected a whole number of minutes from 1 to 10080'],
    ['a minimum above the maximum', { min_interval: '90', max_interval: '60' }, 'The shortest interval (90 minutes) is longer than the longest (60 minutes).'],
    ['an unknown full-text mode', { fulltext: 'sometimes' }, 'Full text: expected auto, always or never, got &quot;sometimes&quot;.'],
  ])('refuses %s with the message and keeps what was typed', async (_case, fields, message) => {
    const feed = await h.addFeed('https://news.example.org/port.xml', { title: 'Port Gazette' });
    const res = await post(h, `/subscriptions/${feed.id}`, { title: 'Typed title', fulltext: 'auto', enabled: '1', ...fields });
    expect(res.status).toBe(400);
    const shown = await res.text();
    expect(shown).toContain(message);
    expect(shown).toContain('name="title" value="Typed title"');
    expect(await h.subscription(feed.id)).toMatchObject({ titleOverride: null });
  });

  it('queues a refresh job for the feed (fetch now)', async () => {
    const feed = await h.addFeed('https://news.example.org/port.xml');
    const res = await post(h, `/subscriptions/${feed.id}/fetch`, {});
    expect(res.status).toBe(303);
    expect(location(res)).toBe(`/subscriptions/${feed.id}?done=queued`);
    await h.queue.drain();
    expect(jobs).toEqual([{ feedId: feed.id }]);
  });

  it('unsubscribes only when confirmed, keeping the articles', async () => {
    const feed = await h.addFeed('https://news.example.org/port.xml', { title: 'Port Gazette' });
    const [id = 0] = await h.addArticles(feed.id, [{ title: 'Ferry delayed', html: '<p>The ferry left an hour late.</p>' }]);
    const unconfirmed = await post(h, `/subscriptions/${feed.id}/remove`, {});
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('Tick the box to confirm');
    expect(await h.subscription(feed.id)).not.toBeNull();
    const removed = await post(h, `/subscriptions/${feed.id}/remove`, { confirm: '1' });
    expect(location(removed)).toBe('/subscriptions?done=removed');
    expect(await h.subscription(feed.id)).toBeNull();
    expect(await h.store.entries.get({ userId: h.admin.id, archive: true }, id)).not.toBeNull();
    expect(await (await h.browser('/subscriptions?done=removed')).text()).toContain('Unsubscribed.');
  });
});
