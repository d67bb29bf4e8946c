/**
 * Every reader page: 200 for the signed-in browser with the shell's hooks (CSRF meta, help
 * overlay, zone) and no inline script or style (the CSP would block them); a redirect to the
 * login page, remembering where to come back, without a session; and every form refused (403)
 * without its CSRF token, changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeHarness, type ServeHarness } from '../../../test/serve-harness.js';
import { location, post } from './testdata/reader-kit.js';

let h: ServeHarness;
let feedId: number;
let entryId: number;

beforeAll(async () => {
  h = await startServeHarness();
  feedId = (await h.addFeed('https://news.example.org/harbour.xml', { title: '港口晨报', tags: ['港口'] })).id;
  const link = 'https://news.example.org/harbour/1.html';
  [entryId = 0] = await h.addArticles(feedId, [{ key: 'harbour-1', link, title: '港口新闻', html: '<p>今天有七艘船进港。</p>' }]);
  h.clock.advance(60_000);
  await h.addArticles(feedId, [{ key: 'harbour-1', link, title: '港口新闻', html: '<p>今天有八艘船进港。</p>' }]);
});
afterAll(() => h.close());

const pages = () => [
  '/',
  '/all',
  '/starred',
  `/feed/${feedId}`,
  `/feed/${feedId}?show=unread`,
  `/tag/${encodeURIComponent('港口')}`,
  `/entries/${entryId}?keep=1`,
  `/entries/${entryId}/diff`,
  `/entries/${entryId}/revisions/0`,
  '/search',
  `/search?q=${encodeURIComponent('港口')}`,
  '/subscriptions',
  `/subscriptions/${feedId}`,
];

describe('reader pages', () => {
  it('render 200 for the session, with the shell and nothing the CSP would block', async () => {
    for (const path of pages()) {
      const res = await h.browser(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      const body = await res.text();
      expect(body, path).toContain(`<meta name="csrf-token" content="${h.session.csrf}">`);
      expect(body, path).toContain('id="help"');
      expect(body, path).toContain('data-tz="UTC"');
      expect(body, path).toContain('id="q"');
      expect(body, path).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i);
      expect(body, path).not.toMatch(/<[^>]+\sstyle\s*=/i);
      expect(body, path).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    }
  });

  it('send a visitor without a session to the login page, with next= the page asked for', async () => {
    for (const path of [...pages(), '/subscriptions/export.opml']) {
      const res = await h.anon(path);
      expect(res.status, path).toBe(303);
      expect(location(res), path).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it('answer an unknown entry, revision or feed with the 404 page', async () => {
    for (const path of ['/entries/999', `/entries/${entryId}/revisions/7`, '/feed/999', '/subscriptions/999', '/entries/999/diff']) {
      const res = await h.browser(path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).toContain('There is no page here.');
    }
  });

  it('refuse every form without the CSRF token (403) and change nothing', async () => {
    const forms: Array<[string, Record<string, string>]> = [
      ['/mark-all-read', { show: 'all', max_id: String(entryId) }],
      [`/entries/${entryId}/read`, { read: '1' }],
      [`/entries/${entryId}/star`, { starred: '1' }],
      ['/subscriptions/add', { url: 'https://news.example.org/other.xml' }],
      ['/subscriptions/import', {}],
      [`/subscriptions/${feedId}`, { title: 'Renamed', fulltext: 'auto' }],
      [`/subscriptions/${feedId}/fetch`, {}],
      [`/subscriptions/${feedId}/remove`, { confirm: '1' }],
    ];
    for (const [path, fields] of forms) {
      const missing = await post(h, path, fields, { csrf: false });
      expect(missing.status, path).toBe(403);
      const wrong = await post(h, path, { ...fields, _csrf: 'fk_not-the-token' }, { csrf: false });
      expect(wrong.status, path).toBe(403);
    }
    const entry = await h.store.entries.get({ userId: h.admin.id }, entryId);
    expect(entry).toMatchObject({ read: false, starred: false });
    expect(await h.subscription(feedId)).toMatchObject({ titleOverride: null });
    expect(await h.queue.depth()).toBe(0);
  });

  it('accept the token from the form field as well as from the header', async () => {
    const res = await post(h, `/entries/${entryId}/star`, { starred: '1', _csrf: h.session.csrf, next: '/starred' }, { csrf: false });
    expect(res.status).toBe(303);
    expect(location(res)).toBe('/starred');
    await post(h, `/entries/${entryId}/star`, { starred: '0' });
  });
});
