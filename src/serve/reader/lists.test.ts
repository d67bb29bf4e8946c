/**
 * The lists and the entry toggles: opening marks read (on the server), star and read forms (a
 * redirect for the browser, JSON for the script), "mark all read" up to what was shown, lists by
 * feed and by tag, and paging with the store's cursor.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServeHarness, type ServeHarness } from '../../../test/serve-harness.js';
import { hiddenField, location, post, rowIds, unescapeAttr } from './testdata/reader-kit.js';

let h: ServeHarness;
beforeEach(async () => {
  h = await startServeHarness();
});
afterEach(() => h.close());

const MINUTE = 60_000;

async function twoFeeds() {
  const port = await h.addFeed('https://news.example.org/port.xml', { title: 'Port Gazette', tags: ['coast', 'local'] });
  const hill = await h.addFeed('https://news.example.org/hill.xml', { title: '山城日报', tags: ['local'] });
  const base = h.clock.now();
  const portIds = await h.addArticles(port.id, [
    { title: 'Ferry timetable changes', html: '<p>The early ferry now leaves at six.</p>', publishedAt: base - 3 * MINUTE },
    { title: 'Lighthouse repainted', html: '<p>Volunteers painted the lighthouse white.</p>', publishedAt: base - 2 * MINUTE },
  ]);
  const hillIds = await h.addArticles(hill.id, [{ title: '山路修缮完成', html: '<p>通往山顶的小路已经修好。</p>', publishedAt: base - MINUTE }]);
  return { port, hill, portIds, hillIds };
}

async function unreadIds(): Promise<number[]> {
  return rowIds(await (await h.browser('/')).text());
}

describe('opening an article', () => {
  it('marks it read on the server; ?keep=1 (where "mark unread" returns) does not', async () => {
    const { portIds } = await twoFeeds();
    const [id = 0] = portIds;
    expect(await unreadIds()).toContain(id);
    expect((await h.browser(`/entries/${id}?keep=1`)).status).toBe(200);
    expect(await unreadIds()).toContain(id);
    const page = await (await h.browser(`/entries/${id}`)).text();
    expect(page).toContain('class="article is-read"');
    expect(await unreadIds()).not.toContain(id);
    expect(await h.store.entries.get({ userId: h.admin.id }, id)).toMatchObject({ read: true });
  });
});

describe('the toggles', () => {
  it('star and unstar with a form, coming back to `next`', async () => {
    const { portIds } = await twoFeeds();
    const [id = 0] = portIds;
    const starred = await post(h, `/entries/${id}/star`, { starred: '1', next: '/all' });
    expect(starred.status).toBe(303);
    expect(location(starred)).toBe('/all');
    expect(rowIds(await (await h.browser('/starred')).text())).toEqual([id]);
    const all = await (await h.browser('/all')).text();
    expect(all).toMatch(new RegExp(`class="entry is-unread is-starred" data-id="${id}"`));
    await post(h, `/entries/${id}/star`, { starred: '0' });
    expect(rowIds(await (await h.browser('/starred')).text())).toEqual([]);
  });

  it('answer the script (Accept: application/json) with the entry state', async () => {
    const { hillIds } = await twoFeeds();
    const [id = 0] = hillIds;
    const headers = { accept: 'application/json' };
    const read = await post(h, `/entries/${id}/read`, { read: '1' }, { headers });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ id, read: true, starred: false });
    const star = await h.browser(`/entries/${id}/star`, { method: 'POST', headers, body: new URLSearchParams({ starred: '1' }) });
    expect(await star.json()).toEqual({ id, read: true, starred: true });
    const unread = await post(h, `/entries/${id}/read`, { read: '0' }, { headers });
    expect(await unread.json()).toEqual({ id, read: false, starred: true });
  });

  it.each([
    ['a value that is not 1 or 0', { read: 'maybe' }, 400, 'read: expected 1 or 0, got &quot;maybe&quot;'],
    ['no value', {}, 400, 'read: expected 1 or 0, got &quot;&quot;'],
  ])('refuse %s', async (_case, fields, status, message) => {
    const { portIds } = await twoFeeds();
    const res = await post(h, `/entries/${portIds[0]}/read`, fields);
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(message);
  });

  it('answer 404 for an unknown entry, in JSON for the script', async () => {
    const res = await post(h, '/entries/4242/star', { starred: '1' }, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('never redirect off the site', async () => {
    const { portIds } = await twoFeeds();
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const res = await post(h, `/entries/${portIds[0]}/read`, { read: '1', next });
      expect(location(res), next).toBe(`/entries/${portIds[0]}`);
    }
  });
});

describe('mark all read', () => {
  it('marks what the list showed and leaves an entry that arrived afterwards unread', async () => {
    const { port } = await twoFeeds();
    const page = await (await h.browser('/')).text();
    const shown = rowIds(page);
    expect(shown).toHaveLength(3);
    const maxId = hiddenField(page, '/mark-all-read', 'max_id');
    expect(Number(maxId)).toBe(Math.max(...shown));
    h.clock.advance(MINUTE);
    const [late = 0] = await h.addArticles(port.id, [{ title: 'Storm warning issued', html: '<p>Boats should stay in harbour tonight.</p>' }]);
    const res = await post(h, '/mark-all-read', { show: 'unread', max_id: maxId ?? '', next: '/' });
    expect(res.status).toBe(303);
    expect(location(res)).toBe('/');
    expect(await unreadIds()).toEqual([late]);
  });

  it('keeps to the list it was posted from (one feed)', async () => {
    const { port, hillIds } = await twoFeeds();
    const page = await (await h.browser(`/feed/${port.id}?show=unread`)).text();
    const fields = { show: 'unread', feed: hiddenField(page, '/mark-all-read', 'feed') ?? '', max_id: hiddenField(page, '/mark-all-read', 'max_id') ?? '' };
    expect(fields.feed).toBe(String(port.id));
    await post(h, '/mark-all-read', fields);
    expect(await unreadIds()).toEqual(hillIds);
  });

  it('refuses a max_id that is not a whole number', async () => {
    const res = await post(h, '/mark-all-read', { show: 'all', max_id: 'latest' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('max_id: expected a whole number');
  });
});

describe('lists by feed and by tag', () => {
  it('show only the feed’s entries, newest first, with unread / all / starred', async () => {
    const { port, portIds, hillIds } = await twoFeeds();
    const page = await (await h.browser(`/feed/${port.id}`)).text();
    expect(rowIds(page)).toEqual([...portIds].reverse());
    expect(page).toContain('<h1>Port Gazette</h1>');
    expect(page).toContain(`href="/subscriptions/${port.id}"`);
    await post(h, `/entries/${portIds[1]}/read`, { read: '1' });
    expect(rowIds(await (await h.browser(`/feed/${port.id}?show=unread`)).text())).toEqual([portIds[0]]);
    expect(rowIds(await (await h.browser('/tag/local?show=all')).text())).toEqual([...hillIds, ...[...portIds].reverse()]);
    expect(rowIds(await (await h.browser('/tag/coast')).text())).toEqual([...portIds].reverse());
    expect(rowIds(await (await h.browser('/tag/nowhere')).text())).toEqual([]);
  });

  it('find a tag with a slash, a space or Chinese in it', async () => {
    const feed = await h.addFeed('https://news.example.org/rain.xml', { title: 'Rain Watch', tags: ['weather/rain fall', '天气'] });
    const [id] = await h.addArticles(feed.id, [{ title: 'Showers expected', html: '<p>Showers in the afternoon.</p>' }]);
    for (const tag of ['weather/rain fall', '天气']) {
      const page = await (await h.browser(`/tag/${encodeURIComponent(tag)}`)).text();
      expect(rowIds(page), tag).toEqual([id]);
      expect(page, tag).toContain(`<a href="/tag/${encodeURIComponent(tag)}" aria-current="page">${tag}</a>`);
    }
  });

  it('refuse an unknown ?show', async () => {
    const { port } = await twoFeeds();
    const res = await h.browser(`/feed/${port.id}?show=recent`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('show: expected unread, all or starred, got &quot;recent&quot;');
  });

  it('show each feed’s unread count and the tags in the sidebar', async () => {
    const { port, hill } = await twoFeeds();
    const page = await (await h.browser('/all')).text();
    expect(page).toMatch(/<a href="\/">Unread<\/a> <span class="count">3<\/span>/);
    expect(page).toContain(`<a href="/feed/${port.id}">Port Gazette</a> <span class="count">2</span>`);
    expect(page).toContain(`<a href="/feed/${hill.id}">山城日报</a> <span class="count">1</span>`);
    expect(page).toContain('<a href="/tag/coast">coast</a>');
  });
});

describe('paging', () => {
  it('shows 50 entries a page, newest first, and an "older" link that continues where it stopped', async () => {
    const feed = await h.addFeed('https://news.example.org/tides.xml', { title: 'Tide Tables' });
    const base = h.clock.now();
    const ids = await h.addArticles(
      feed.id,
      Array.from({ length: 55 }, (_, i) => ({ title: `High tide number ${i}`, html: `<p>Tide ${i} came in gently.</p>`, publishedAt: base - (55 - i) * MINUTE })),
    );
    const newestFirst = [...ids].reverse();
    const first = await (await h.browser(`/feed/${feed.id}`)).text();
    expect(rowIds(first)).toEqual(newestFirst.slice(0, 50));
    const older = /<a rel="next" href="([^"]+)"/.exec(first)?.[1];
    expect(older).toMatch(new RegExp(`^/feed/${feed.id}\\?show=all&amp;cursor=`));
    const second = await (await h.browser(unescapeAttr(older ?? ''))).text();
    expect(rowIds(second)).toEqual(newestFirst.slice(50));
    expect(second).not.toContain('rel="next"');
    expect((await h.browser('/all?cursor=not-a-cursor')).status).toBe(400);
  });
});
