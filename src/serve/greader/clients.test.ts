/**
 * The Google Reader API replayed as its clients speak it, over real HTTP to the app on loopback.
 * Each sequence is written by us from the client's public API use (how it builds URLs and forms:
 * unencoded parameters, `output=json` in the query, hex ids with or without zeros, T or no T) and
 * checked through the server's own state in the store, not only through its answers.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../../test/fixture-server.js';
import { startServeHarness, type ServeHarness } from '../../../test/serve-harness.js';
import { giveApiPassword, API_PASSWORD, NEWS, storyHtml, subscribeNews, wire, type Wire } from './test-kit.js';

const READ = 'user/-/state/com.google/read';
const STARRED = 'user/-/state/com.google/starred';
const READING_LIST = 'user/-/state/com.google/reading-list';
const BASE = '/api/greader';

let h: ServeHarness;
let w: Wire;
let site: FixtureServer;
let feeds: number[];
let articles: number[][];

const hex16 = (articleId: number) => (BigInt(articleId) * 16n + 10n).toString(16).padStart(16, '0');
const unread = async () => (await h.store.entries.list({ userId: h.admin.id, read: false }, { limit: 500, cursor: null })).entries.map((e) => e.id).sort((a, b) => a - b);
const starred = async () => (await h.store.entries.list({ userId: h.admin.id, starred: true }, { limit: 500, cursor: null })).entries.map((e) => e.id).sort((a, b) => a - b);
const all = () => articles.flat().sort((a, b) => a - b);

/** ClientLogin as text, split the way NetNewsWire splits it (every line must be key=value). */
function authOf(text: string): string {
  const pairs = Object.fromEntries(text.trim().split('\n').map((line) => {
    const parts = line.split('=');
    expect(parts).toHaveLength(2);
    return parts as [string, string];
  }));
  expect(pairs.SID).toBeTruthy();
  expect(pairs.LSID).toBeTruthy();
  return pairs.Auth as string;
}

beforeAll(async () => {
  site = await startFixtureServer();
  site.route('/new.xml', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Post</title><link>${site.url('/')}</link>
<item><title>Orchard harvest starts early</title><link>${site.url('/1.html')}</link><guid>${site.url('/1.html')}</guid><description>${'<p>Pickers began a week early this year.</p>'.replace(/</g, '&lt;')}</description></item></channel></rss>`);
  });
});
afterAll(async () => {
  await site.close();
});

beforeEach(async () => {
  await h?.close();
  h = await startServeHarness();
  await giveApiPassword(h.store, h.admin);
  ({ feeds, articles } = await subscribeNews(h, h.admin));
  w = wire((await h.listen()).url.replace(/\/$/, ''));
});

describe('NetNewsWire', () => {
  it('logs in, lists, fetches unread and starred ids, loads items by unpadded hex, and syncs state both ways', async () => {
    const login = await w.send('GET', `${BASE}/accounts/ClientLogin?Email=admin&Passwd=${API_PASSWORD}`);
    expect(login.status).toBe(200);
    const auth = authOf(login.text);
    const t = (await w.send('GET', `${BASE}/reader/api/0/token`, { auth })).text;
    expect(t).toMatch(/^[0-9a-f]{57}$/);

    const tags = (await w.send('GET', `${BASE}/reader/api/0/tag/list?output=json`, { auth })).json();
    expect(tags.tags.map((x: { id: string }) => x.id)).toEqual([STARRED, 'user/-/label/City', 'user/-/label/Sport']);
    const subs = (await w.send('GET', `${BASE}/reader/api/0/subscription/list?output=json`, { auth })).json();
    expect(subs.subscriptions.map((s: { id: string; url: string }) => [s.id, s.url])).toEqual(NEWS.map((n, i) => [`feed/${feeds[i]}`, n.url]));

    const q = (params: string) => `${BASE}/reader/api/0/stream/items/ids?${params}`;
    const unreadIds = (await w.send('GET', q(`s=${READING_LIST}&n=10000&xt=${READ}&output=json`), { auth })).json();
    const ids: number[] = unreadIds.itemRefs.map((r: { id: string }) => Number(r.id));
    expect(ids).toHaveLength(all().length);
    expect((await w.send('GET', q(`s=${STARRED}&n=10000&output=json`), { auth })).json().itemRefs).toEqual([]);
    const since = (h.clock.now() - 90 * 86_400_000) / 1000 + 0.123456; // a Double, as NetNewsWire writes it
    expect((await w.send('GET', q(`ot=${since}&n=10000&output=json&xt=${READ}&s=${READING_LIST}`), { auth })).json().itemRefs).toHaveLength(ids.length);

    // stream/items/contents with the ids as hex without leading zeros, T and output in the body.
    const body = `T=${t}&output=json&${ids.map((id) => `i=${id.toString(16)}`).join('&')}`;
    const contents = await w.send('POST', `${BASE}/reader/api/0/stream/items/contents`, { auth, body });
    expect(contents.status).toBe(200);
    const items = contents.json().items as Array<{ id: string; summary: { content: string }; alternate: Array<{ href: string }>; origin: { streamId: string }; title: string }>;
    expect(items).toHaveLength(ids.length);
    const subIds = new Set(subs.subscriptions.map((s: { id: string }) => s.id));
    for (const item of items) {
      expect(item.summary.content).toBe(storyHtml(item.title)); // the full text, where NetNewsWire reads it
      expect(item.alternate[0]?.href).toMatch(/^https:\/\//);
      expect(subIds.has(item.origin.streamId)).toBe(true);
    }

    const [a, b] = articles[0] as [number, number];
    const edit = (params: string) => w.send('POST', `${BASE}/reader/api/0/edit-tag`, { auth, body: `T=${t}&${params}` });
    expect((await edit(`i=${hex16(a)}&i=${hex16(b)}&a=${READ}`)).text).toBe('OK');
    expect(await unread()).toEqual(all().filter((id) => id !== a && id !== b));
    expect((await edit(`i=${hex16(b)}&r=${READ}`)).text).toBe('OK');
    expect(await unread()).toEqual(all().filter((id) => id !== a));
    await edit(`i=${hex16(a)}&a=${STARRED}`);
    expect(await starred()).toEqual([a]);
    await edit(`i=${hex16(a)}&r=${STARRED}`);
    expect(await starred()).toEqual([]);
  });

  it('subscribes into a folder, renames, tags, untags, renames and deletes folders, and unsubscribes', async () => {
    const auth = authOf((await w.send('GET', `${BASE}/accounts/ClientLogin?Email=admin&Passwd=${API_PASSWORD}`)).text);
    const t = (await w.send('GET', `${BASE}/reader/api/0/token`, { auth })).text;
    const post = (path: string, body: string) => w.send('POST', `${BASE}/reader/api/0/${path}`, { auth, body: `T=${t}&${body}` });
    const url = site.url('/new.xml');
    expect((await post('subscription/edit', `ac=subscribe&s=feed/${url}&a=user/-/label/Valley&t=`)).text).toBe('OK');
    const feed = await h.store.feeds.getByUrl(url);
    expect(feed).not.toBeNull();
    const id = `feed/${feed?.id}`;
    expect((await h.store.subscriptions.get(h.admin.id, feed?.id ?? 0))?.tags).toEqual(['Valley']);

    await post('subscription/edit', `s=${id}&ac=edit&t=Valley Post (local)`);
    await post('subscription/edit', `s=${id}&ac=edit&a=user/-/label/Country`);
    await post('subscription/edit', `s=${id}&ac=edit&r=user/-/label/Valley`);
    let sub = await h.store.subscriptions.get(h.admin.id, feed?.id ?? 0);
    expect([sub?.titleOverride, sub?.tags]).toEqual(['Valley Post (local)', ['Country']]);

    expect((await post('rename-tag', 's=user/-/label/City&dest=user/-/label/Town')).text).toBe('OK');
    expect((await h.store.subscriptions.list(h.admin.id)).map((s) => s.tags)).toEqual([['Town'], ['Sport', 'Town'], [], ['Country']]);
    expect((await post('disable-tag', 's=user/-/label/Sport')).text).toBe('OK');
    expect((await h.store.subscriptions.get(h.admin.id, feeds[1] as number))?.tags).toEqual(['Town']);

    expect((await post('subscription/edit', `s=${id}&ac=unsubscribe`)).text).toBe('OK');
    sub = await h.store.subscriptions.get(h.admin.id, feed?.id ?? 0);
    expect(sub).toBeNull();
  });
});

describe('Fluent Reader', () => {
  async function login(): Promise<string> {
    const res = await w.send('POST', `${BASE}/accounts/ClientLogin`, { body: new URLSearchParams({ Email: 'admin', Passwd: API_PASSWORD }).toString() });
    return `${/Auth=(\S+)/.exec(res.text)?.[1]}`;
  }

  /** fetchItems: stream/contents of 125, newest first, from `ot`, stopping at the last id it had. */
  async function fetchItems(auth: string, lastFetched: number | null, lastId: string | null) {
    const got: Array<{ id: string; crawlTimeMsec: string; categories: string[]; canonical: Array<{ href: string }>; summary: { content: string } }> = [];
    let c: string | undefined;
    do {
      let params = `${BASE}/reader/api/0/stream/contents?output=json&n=125`;
      if (lastFetched !== null) params += `&ot=${lastFetched}`;
      if (c) params += `&c=${c}`;
      const page = (await w.send('GET', params, { auth })).json();
      let stop = false;
      for (const item of page.items) {
        if (item.id.split('/').at(-1) === lastId) {
          stop = true;
          break;
        }
        got.push(item);
      }
      c = stop ? undefined : page.continuation;
    } while (c);
    return got;
  }

  it('syncs incrementally with ot and lastId: later arrivals, even with old dates, and nothing twice', async () => {
    const auth = await login();
    expect((await w.send('GET', `${BASE}/reader/api/0/user-info`, { auth })).status).toBe(200);
    const first = await fetchItems(auth, null, null);
    expect(first).toHaveLength(all().length);
    expect(first[0]?.canonical[0]?.href).toMatch(/^https:/);
    const lastId = first[0]?.id.split('/').at(-1) ?? null;
    const lastFetched = Math.round(Number(first[0]?.crawlTimeMsec) / 1000);

    h.clock.advance(3_600_000);
    const later = await h.addArticles(feeds[2] as number, [
      { title: 'Aurora forecast for the weekend', html: storyHtml('Aurora forecast for the weekend'), publishedAt: h.clock.now() - 30 * 86_400_000 },
      { title: 'Meteor shower peaks', html: storyHtml('Meteor shower peaks') },
    ]);
    const second = await fetchItems(auth, lastFetched, lastId);
    expect(second.map((i) => Number(BigInt('0x' + i.id.split('/').at(-1)) / 16n)).sort()).toEqual([...later].sort());
  });

  it('pages unread and starred ids by 1000 with continuations, marks read and unread, stars, marks a feed read', async () => {
    const auth = await login();
    const ids = async (params: string) => {
      const out: string[] = [];
      let c: string | undefined;
      do {
        const page = (await w.send('GET', `${BASE}/reader/api/0/stream/items/ids?${params}${c ? `&c=${c}` : ''}`, { auth })).json();
        out.push(...page.itemRefs.map((r: { id: string }) => r.id));
        c = page.itemRefs.length >= 1000 ? page.continuation : undefined;
      } while (c);
      return out;
    };
    expect(await ids(`output=json&s=${READING_LIST}&xt=${READ}&n=1000`)).toHaveLength(all().length);
    const [x, y] = articles[1] as [number, number];
    const editTag = (ref: string, tag: string, add = true) => w.send('POST', `${BASE}/reader/api/0/edit-tag`, { auth, body: new URLSearchParams(`i=${ref}&${add ? 'a' : 'r'}=${tag}`).toString() });
    expect((await editTag(hex16(x), READ)).text).toBe('OK'); // no T: Fluent Reader never sends one
    // useInt64: the id as a signed 64-bit decimal
    expect((await editTag(BigInt.asIntN(64, BigInt('0x' + hex16(y))).toString(), STARRED)).text).toBe('OK');
    expect(await unread()).toEqual(all().filter((id) => id !== x));
    expect(await starred()).toEqual([y]);
    expect(await ids(`output=json&s=${STARRED}&n=1000`)).toEqual([String(BigInt(y) * 16n + 10n)]);
    await editTag(hex16(x), READ, false);
    expect(await unread()).toEqual(all());

    const res = await w.send('POST', `${BASE}/reader/api/0/mark-all-as-read`, { auth, body: new URLSearchParams({ s: `feed/${feeds[0]}` }).toString() });
    expect(res.text).toBe('OK');
    expect(await unread()).toEqual(all().filter((id) => !(articles[0] as number[]).includes(id)));
  });
});

describe('Read You', () => {
  it('logs in asking for JSON, syncs ids in bulk, loads items by padded hex, edits, adds and retags', async () => {
    const form = new URLSearchParams({ output: 'json', Email: 'admin', Passwd: API_PASSWORD, client: 'ReadYou', accountType: 'HOSTED_OR_GOOGLE', service: 'reader' });
    const login = await w.send('POST', `${BASE}/accounts/ClientLogin`, { body: form.toString() });
    const auth = login.json().Auth as string;
    const t = (await w.send('GET', `${BASE}/reader/api/0/token`, { auth })).text;
    const get = (query: string, params = '') => w.send('GET', `${BASE}/${query}?output=json${params}`, { auth });
    const post = (query: string, fields: Array<[string, string]>, params = '') => w.send('POST', `${BASE}/${query}?output=json${params}`, { auth, body: new URLSearchParams([...fields, ['T', t]]).toString() });

    expect((await get('reader/api/0/user-info')).json().userName).toBe('admin');
    const unreadRefs = (await get('reader/api/0/stream/items/ids', `&s=${READING_LIST}&xt=${READ}&n=10000`)).json().itemRefs as Array<{ id: string }>;
    const hexes = unreadRefs.map((r) => BigInt(r.id).toString(16).padStart(16, '0'));
    const contents = (await post('reader/api/0/stream/items/contents', hexes.map((x) => ['i', x]))).json();
    expect(contents.items).toHaveLength(all().length);
    expect(contents.items.every((i: { summary: { content: string }; title: string }) => i.summary.content === storyHtml(i.title))).toBe(true);

    const [a] = articles[2] as [number];
    await post('reader/api/0/edit-tag', [['i', `tag:google.com,2005:reader/item/${hex16(a)}`], ['a', READ]]);
    const since = Math.floor(h.clock.now() / 1000) - 60;
    expect((await get('reader/api/0/stream/items/ids', `&s=${READ}&ot=${since}&n=10000`)).json().itemRefs).toEqual([{ id: String(BigInt(a) * 16n + 10n), directStreamIds: [], timestampUsec: `${h.clock.now()}000` }]);

    const url = site.url('/new.xml');
    const added = (await post('reader/api/0/subscription/quickadd', [['quickadd', url]], `&quickadd=${url}`)).json();
    expect(added).toMatchObject({ numResults: 1, query: url, streamId: expect.stringMatching(/^feed\/\d+$/), streamName: 'Valley Post' });
    await post('reader/api/0/subscription/edit', [['ac', 'edit'], ['s', added.streamId], ['a', 'user/-/label/Country'], ['t', 'Valley']]);
    const sub = (await get('reader/api/0/subscription/list')).json().subscriptions.find((s: { id: string }) => s.id === added.streamId);
    expect(sub).toMatchObject({ title: 'Valley', categories: [{ id: 'user/-/label/Country', label: 'Country' }] });
    expect((await post('reader/api/0/rename-tag', [['s', 'user/-/label/Country'], ['dest', 'user/-/label/Rural']])).text).toBe('OK');
    expect((await post('reader/api/0/disable-tag', [['s', 'user/-/label/Rural']])).text).toBe('OK');
    expect((await h.store.subscriptions.list(h.admin.id)).flatMap((s) => s.tags)).not.toContain('Rural');

    // mark-all-as-read of a label up to a time in microseconds: what arrives later stays unread.
    const ts = h.clock.now() * 1000;
    h.clock.advance(60_000);
    const later = await h.addArticles(feeds[1] as number, [{ title: 'Cup draw announced', html: storyHtml('Cup draw announced') }]);
    expect((await post('reader/api/0/mark-all-as-read', [['s', 'user/-/label/Sport'], ['ts', String(ts)]])).text).toBe('OK');
    const left = await unread();
    expect(left).toContain(later[0]);
    for (const id of articles[1] as number[]) expect(left).not.toContain(id);
  });
});

describe('Reeder and FeedMe (Google Reader API as documented)', () => {
  it('reads counts, a feed oldest first in pages, a label as Atom, and checks T when it is sent', async () => {
    const auth = authOf((await w.send('POST', `${BASE}.php/accounts/ClientLogin`, { body: `Email=admin&Passwd=${API_PASSWORD}` })).text);
    const api = (path: string) => `/p/api/greader.php/reader/api/0/${path}`;
    const counts = (await w.send('GET', api('unread-count?output=json'), { auth })).json();
    expect(counts.unreadcounts.find((c: { id: string }) => c.id === READING_LIST).count).toBe(all().length);
    expect(counts.unreadcounts.find((c: { id: string }) => c.id === 'user/-/label/City').count).toBe(6);

    const pages: string[] = [];
    let c = '';
    for (let guard = 0; guard < 10; guard++) {
      const page = (await w.send('GET', api(`stream/contents/feed/${feeds[0]}?n=3&r=o${c ? `&c=${encodeURIComponent(c)}` : ''}`), { auth })).json();
      pages.push(...page.items.map((i: { title: string }) => i.title));
      if (!page.continuation) break;
      c = page.continuation;
    }
    expect(pages).toEqual(NEWS[0]?.stories);

    const atom = await w.send('GET', api(`stream/contents/user/-/label/City?n=50&xt=${READ}&output=atom`), { auth });
    expect(atom.type).toContain('application/atom+xml');
    expect(atom.text.match(/<entry /g)).toHaveLength(6);

    const t = (await w.send('GET', api('token'), { auth })).text;
    const [a] = articles[0] as [number];
    const wrong = await w.send('POST', api('edit-tag'), { auth, body: `i=${hex16(a)}&a=${READ}&T=${'0'.repeat(57)}` });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('x-reader-google-bad-token')).toBe('true');
    expect(await unread()).toEqual(all());
    expect((await w.send('POST', api('edit-tag'), { auth, body: `i=${hex16(a)}&a=${READ}&T=${t}` })).text).toBe('OK');
    expect(await unread()).not.toContain(a);

    // OPML out and in: the export lists every subscription under its labels; an import adds new ones.
    const opml = await w.send('GET', api('subscription/export'), { auth });
    expect(opml.type).toContain('text/x-opml');
    for (const n of NEWS) expect(opml.text).toContain(`xmlUrl="${n.url}"`);
    const doc = `<?xml version="1.0"?><opml version="2.0"><body><outline text="Valley"><outline type="rss" text="Valley Post" xmlUrl="${site.url('/new.xml')}"/></outline></body></opml>`;
    expect((await w.send('POST', api('subscription/import'), { auth, body: doc, type: 'text/x-opml' })).text).toBe('OK');
    const imported = (await h.store.subscriptions.list(h.admin.id)).find((s) => s.url === site.url('/new.xml'));
    expect(imported?.tags).toEqual(['Valley']);

    // mark-all-as-read with ts in seconds (FeedMe)
    expect((await w.send('POST', api('mark-all-as-read'), { auth, body: `s=${READING_LIST}&ts=${Math.floor(h.clock.now() / 1000)}&T=${t}` })).text).toBe('OK');
    expect(await unread()).toEqual([]);
  });
});

describe('what newsboat and hand-typed ids send', () => {
  it('edit-tag accepts Google states it does not keep (tracking-kept-unread, fresh) beside the ones it does', async () => {
    const auth = authOf((await w.send('GET', `${BASE}/accounts/ClientLogin?Email=admin&Passwd=${API_PASSWORD}`)).text);
    const id = all()[0] as number;
    await h.store.entries.mark(h.admin.id, [id], { read: true });
    const body = `i=${hex16(id)}&a=user/-/state/com.google/kept-unread&a=user/-/state/com.google/tracking-kept-unread&r=user/-/state/com.google/fresh&r=${READ}`;
    const res = await w.send('POST', `${BASE}/reader/api/0/edit-tag`, { auth, body });
    expect(res).toMatchObject({ status: 200, text: 'OK' });
    expect(await unread()).toContain(id);
  });

  it('feed/<url> streams find the feed however the host is spelled', async () => {
    const auth = authOf((await w.send('GET', `${BASE}/accounts/ClientLogin?Email=admin&Passwd=${API_PASSWORD}`)).text);
    const [first] = NEWS;
    const shouted = (first?.url ?? '').replace('harbour.example.org', 'HARBOUR.Example.ORG');
    const res = await w.send('GET', `${BASE}/reader/api/0/stream/items/ids?output=json&n=50&s=feed/${encodeURIComponent(shouted)}`, { auth });
    expect(res.status).toBe(200);
    expect((res.json() as { itemRefs: unknown[] }).itemRefs).toHaveLength(first?.stories.length ?? -1);
  });
});
