/**
 * Cross-user isolation, route by route. Every route the app registers must have an entry in
 * CHECKS; a route added without one fails the first test. Mei (the admin, who owns the archive's
 * other powers) and Tom (a reader) each have a private feed with a private name, a private tag
 * and articles; they share one more feed, which each names and tags differently. For every route
 * that takes an id (feed, entry, revision, tag, user) Tom asking for Mei's object gets 404 and
 * nothing of Mei's changes; every list Tom can read (pages, API, republished feeds, OPML, search)
 * is checked for Mei's private names, tags, links and titles, and Mei's lists for Tom's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeHarness, type ServeHarness, type UserClients } from '../../test/serve-harness.js';
import { apiPasswordSecrets, feverKey } from './auth/api-password.js';

let h: ServeHarness;
let tom: UserClients;
const ids = { meiFeed: 0, tomFeed: 0, shared: 0, meiEntry: 0, tomEntry: 0, sharedEntry: 0 };

/** Strings only Mei's own views may contain. */
const MEI_SECRETS = ['Mei Private Name', 'meitag', 'mei-only.example.org', 'Quillbrook', 'Meisshared'];
/** Strings only Tom's own views may contain. */
const TOM_SECRETS = ['Tom Private Name', 'tomtag', 'tom-only.example.org', 'Varnhollow', 'Tomsshared'];

beforeAll(async () => {
  h = await startServeHarness();
  tom = await h.addUser('tom');
  const meiFeed = await h.addFeed('https://mei-only.example.org/feed.xml', { title: 'Orchard Gazette', name: 'Mei Private Name', tags: ['meitag'] });
  ids.meiFeed = meiFeed.id;
  const tomFeed = await h.store.feeds.add({ url: 'https://tom-only.example.org/feed.xml', title: 'Harbour Ledger' });
  await tom.subscribe(tomFeed.id, { titleOverride: 'Tom Private Name', tags: ['tomtag'] });
  ids.tomFeed = tomFeed.id;
  const shared = await h.addFeed('https://both.example.net/feed.xml', { title: 'Common Courier', name: 'Meisshared', tags: ['meishared-tag'] });
  await tom.subscribe(shared.id, { titleOverride: 'Tomsshared', tags: ['tomshared-tag'] });
  ids.shared = shared.id;
  ids.meiEntry = first(await h.addArticles(meiFeed.id, [{ title: 'Quillbrook orchard blooms early', html: '<p>Quillbrook orchards flower in February this year.</p>', link: 'https://mei-only.example.org/1.html' }]));
  // A second version, so the revision and diff routes have something to show.
  await h.addArticles(meiFeed.id, [{ title: 'Quillbrook orchard blooms early', html: '<p>Quillbrook orchards flower in late February.</p>', link: 'https://mei-only.example.org/1.html' }]);
  ids.tomEntry = first(await h.addArticles(tomFeed.id, [{ title: 'Varnhollow ferry resumes', html: '<p>The Varnhollow ferry sails again.</p>', link: 'https://tom-only.example.org/1.html' }], tom.user));
  ids.sharedEntry = first(await h.addArticles(shared.id, [{ title: 'Common square reopens', html: '<p>The square is open.</p>', link: 'https://both.example.net/1.html' }]));
});
afterAll(async () => {
  await h.close();
});

function first(found: number[]): number {
  const [id] = found;
  if (id === undefined) throw new Error('expected the article to be stored');
  return id;
}

async function text(res: Response): Promise<string> {
  return res.text();
}

/**
 * The body without what the asker sent themselves (a search page repeats its query, an error
 * names the tag asked for): only what the server adds can leak.
 */
async function answered(res: Response, echoes: readonly string[]): Promise<string> {
  let body = await text(res);
  for (const echo of echoes) {
    for (const form of new Set([echo, encodeURIComponent(encodeURIComponent(echo)), encodeURIComponent(echo), encodeURIComponent(echo).replace(/%20/g, '+'), JSON.stringify(echo).slice(1, -1), echo.replace(/"/g, '&quot;')])) body = body.split(form).join('');
  }
  return body;
}

/** Tom's view must hold nothing of Mei's, and must answer (not a 404 hiding a bug). */
async function tomSeesNoneOfMei(res: Response, echoes: readonly string[] = []): Promise<void> {
  expect(res.status, res.url).toBeLessThan(300);
  const body = await answered(res, echoes);
  for (const secret of MEI_SECRETS) expect(body, `Tom's view shows "${secret}"`).not.toContain(secret);
}

async function meiSeesNoneOfTom(res: Response, echoes: readonly string[] = []): Promise<void> {
  expect(res.status, res.url).toBeLessThan(300);
  const body = await answered(res, echoes);
  for (const secret of TOM_SECRETS) expect(body, `Mei's view shows "${secret}"`).not.toContain(secret);
}

async function notFound(res: Response, echoes: readonly string[] = []): Promise<void> {
  expect(res.status, res.url).toBe(404);
  const body = await answered(res, echoes);
  for (const secret of MEI_SECRETS) expect(body).not.toContain(secret);
}

/** Mei's state as she sees it: her subscriptions, names, tags and the read/starred marks of her entry. */
async function meiState(): Promise<unknown> {
  const feeds = await h.store.subscriptions.list(h.admin.id);
  const entry = await h.store.entries.get({ userId: h.admin.id }, ids.meiEntry);
  return { feeds: feeds.map((f) => [f.id, f.titleOverride, f.tags, f.enabled, f.fulltext, f.minIntervalMs]), read: entry?.read, starred: entry?.starred, users: (await h.store.users.list()).map((u) => [u.id, u.disabled]) };
}

/** Tom asks for one of Mei's objects: 404, and Mei's state is as it was. */
async function tomGets404(request: () => Promise<Response>, echoes: readonly string[] = []): Promise<void> {
  const before = await meiState();
  await notFound(await request(), echoes);
  expect(await meiState()).toEqual(before);
}

const form = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
const json = (method: string, body: unknown) => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });


/** Tom's API password for the sync APIs, set afresh (cheaply hashed) by each check that signs in with it. */
const TOM_API = 'Tom-sync-password-0001';
async function tomApiKey(): Promise<string> {
  await h.store.users.setApiPassword(tom.user.id, await apiPasswordSecrets('tom', TOM_API, { N: 1024, r: 8, p: 1 }));
  return feverKey('tom', TOM_API);
}

/** Tom through the Google Reader API under `base`: his lists hold nothing of Mei's, her objects are 404 or untouched. */
async function greaderAsTom(base: string): Promise<void> {
  await tomApiKey();
  const login = await h.anon(`${base}/accounts/ClientLogin`, form({ Email: 'tom', Passwd: TOM_API }));
  const auth = /Auth=(\S+)/.exec(await login.text())?.[1] ?? '';
  const headers = { authorization: `GoogleLogin auth=${auth}` };
  const get = (path: string) => h.anon(`${base}/reader/api/0/${path}`, { headers });
  const post = (path: string, fields: Record<string, string>) => h.anon(`${base}/reader/api/0/${path}`, { ...form(fields), headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } });
  for (const path of ['subscription/list', 'tag/list', 'unread-count', 'stream/contents', 'stream/items/ids?s=user/-/state/com.google/reading-list&n=100', 'subscription/export', `stream/contents/user/-/label/meitag`]) await tomSeesNoneOfMei(await get(path), ['meitag']);
  await tomSeesNoneOfMei(await h.anon(`${base}/reader/atom/user%2F-%2Fstate%2Fcom.google%2Freading-list`, { headers }));
  const meiItem = String(ids.meiEntry * 16 + 10);
  await tomSeesNoneOfMei(await post('stream/items/contents', { i: meiItem }));
  await tomGets404(() => get(`stream/contents/feed/${ids.meiFeed}`));
  await tomGets404(() => post('subscription/edit', { ac: 'unsubscribe', s: `feed/${ids.meiFeed}` }));
  await tomGets404(() => post('rename-tag', { s: 'user/-/label/meitag', dest: 'user/-/label/mine' }), ['meitag']);
  const before = await meiState();
  await post('edit-tag', { i: meiItem, a: 'user/-/state/com.google/starred' });
  await post('edit-tag', { i: meiItem, a: 'user/-/state/com.google/read' });
  await post('mark-all-as-read', { s: 'user/-/state/com.google/reading-list' });
  expect(await meiState()).toEqual(before);
}

/** Tom through the Fever API at `path`. */
async function feverAsTom(path: string): Promise<void> {
  const key = await tomApiKey();
  const fever = (query: string, fields: Record<string, string> = {}) => h.anon(`${path}?api${query}`, form({ api_key: key, ...fields }));
  await tomSeesNoneOfMei(await fever('&groups&feeds&unread_item_ids&saved_item_ids&links'));
  await tomSeesNoneOfMei(await fever(`&items&with_ids=${ids.meiEntry}`));
  await tomGets404(() => fever('', { mark: 'feed', as: 'read', id: String(ids.meiFeed) }));
  const before = await meiState();
  await fever('', { mark: 'item', as: 'saved', id: String(ids.meiEntry) });
  await fever('', { mark: 'group', as: 'read', id: '0' });
  expect(await meiState()).toEqual(before);
}

/** Mei's webhook on her own feed (made once), for the webhook routes' checks. */
async function meiWebhook() {
  const [existing] = await h.store.webhooks.list(h.admin.id);
  return existing ?? h.store.webhooks.create({ userId: h.admin.id, url: 'https://mei-hooks.example.net/in', events: ['new', 'edit'], feedId: ids.meiFeed, secret: 'whsec_TWVpV2ViaG9va1NlY3JldA==' });
}

type Check = () => Promise<void>;

/** Every route, by method and path as Hono registers it. `public` routes carry no user data. */
const CHECKS: Record<string, Check | 'public' | 'middleware'> = {
  'GET /healthz': 'public',
  'GET /static/:name': 'public',
  'GET /login': 'public',
  'POST /login': 'public',
  'GET /lang': 'public',
  'GET /api/v1/openapi.json': 'public',
  'ALL /api/*': 'middleware',
  'ALL /feeds/*': 'middleware',
  'ALL /tags/*': 'middleware',
  'ALL /search.rss': 'middleware',
  'ALL /search.atom': 'middleware',
  'ALL /search.json': 'middleware',
  'ALL /settings/users': 'middleware',
  'ALL /settings/users/*': 'middleware',
  'ALL /*': 'middleware',
  // Archive-wide totals only (articles, revisions, queue depth): no user's names or marks.
  'GET /metrics': async () => tomSeesNoneOfMei(await tom.api('/metrics')),

  'GET /api/v1/feeds': async () => {
    await tomSeesNoneOfMei(await tom.api('/api/v1/feeds'));
    await meiSeesNoneOfTom(await h.api('/api/v1/feeds'));
    const listed = (await (await tom.api('/api/v1/feeds')).json()) as { feeds: Array<{ id: number; title: string; tags: string[] }> };
    expect(listed.feeds.map((f) => [f.id, f.title, f.tags])).toEqual([[ids.tomFeed, 'Tom Private Name', ['tomtag']], [ids.shared, 'Tomsshared', ['tomshared-tag']]]);
  },
  'POST /api/v1/feeds': async () => {
    // Subscribing to Mei's feed by URL shares its row and fetch, and shows none of her settings.
    const url = 'https://mei-only.example.org/feed.xml';
    const res = await tom.api('/api/v1/feeds', json('POST', { url, check: false }));
    try {
      expect(res.status).toBe(201);
      const body = (await res.clone().json()) as { feed: { id: number; title: string; title_override: string | null; tags: string[] } };
      expect(body.feed).toMatchObject({ id: ids.meiFeed, title: 'Orchard Gazette', title_override: null, tags: [] });
      expect(await h.store.subscriptions.subscribers(ids.meiFeed)).toBe(2);
      await tomSeesNoneOfMei(res, [url]);
      await tomSeesNoneOfMei(await tom.api(`/api/v1/feeds/${ids.meiFeed}`), [url]);
    } finally {
      expect((await tom.api(`/api/v1/feeds/${ids.meiFeed}`, { method: 'DELETE' })).status).toBe(204);
    }
    expect(await h.subscription(ids.meiFeed)).toMatchObject({ titleOverride: 'Mei Private Name', tags: ['meitag'] });
  },
  // Asks the network; answers only what the URL offers, plus the asker's own subscription id.
  'POST /api/v1/feeds/discover': async () => {
    const res = await tom.api('/api/v1/feeds/discover', json('POST', { url: 'http://127.0.0.1:9/feed.xml' }));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await text(res)).not.toContain('Mei');
  },
  'GET /api/v1/feeds/:id': () => tomGets404(() => tom.api(`/api/v1/feeds/${ids.meiFeed}`)),
  'PATCH /api/v1/feeds/:id': () => tomGets404(() => tom.api(`/api/v1/feeds/${ids.meiFeed}`, json('PATCH', { title: 'taken over', enabled: false }))),
  'DELETE /api/v1/feeds/:id': () => tomGets404(() => tom.api(`/api/v1/feeds/${ids.meiFeed}`, { method: 'DELETE' })),
  'POST /api/v1/feeds/:id/refresh': () => tomGets404(() => tom.api(`/api/v1/feeds/${ids.meiFeed}/refresh`, { method: 'POST' })),
  'GET /api/v1/entries': async () => {
    await tomSeesNoneOfMei(await tom.api('/api/v1/entries'));
    await meiSeesNoneOfTom(await h.api('/api/v1/entries'));
    await notFound(await tom.api(`/api/v1/entries?feed=${ids.meiFeed}`));
    await tomSeesNoneOfMei(await tom.api('/api/v1/entries?tag=meitag'), ['meitag']);
  },
  'GET /api/v1/entries/:id': () => tomGets404(() => tom.api(`/api/v1/entries/${ids.meiEntry}`)),
  'POST /api/v1/entries/mark': async () => {
    const before = await meiState();
    const res = await tom.api('/api/v1/entries/mark', json('POST', { ids: [ids.meiEntry], read: true, starred: true }));
    expect(await res.json()).toEqual({ updated: 0 });
    expect(await meiState()).toEqual(before);
    expect(await h.store.entries.get({ userId: tom.user.id, archive: true }, ids.meiEntry)).toMatchObject({ read: false, starred: false });
  },
  'POST /api/v1/entries/mark-all-read': async () => {
    await tomGets404(() => tom.api('/api/v1/entries/mark-all-read', json('POST', { feed: ids.meiFeed, max_id: 1_000 })));
    await tomGets404(() => tom.api('/api/v1/entries/mark-all-read', json('POST', { tag: 'meitag', max_id: 1_000 })), ['meitag']);
  },
  'GET /api/v1/entries/:id/revisions': () => tomGets404(() => tom.api(`/api/v1/entries/${ids.meiEntry}/revisions`)),
  'GET /api/v1/entries/:id/revisions/:n': () => tomGets404(() => tom.api(`/api/v1/entries/${ids.meiEntry}/revisions/0`)),
  'GET /api/v1/entries/:id/diff': () => tomGets404(() => tom.api(`/api/v1/entries/${ids.meiEntry}/diff`)),
  'GET /api/v1/entries/:id/events': () => tomGets404(() => tom.api(`/api/v1/entries/${ids.meiEntry}/events`)),
  'GET /api/v1/changes': async () => {
    // Mei's article was edited (its second version): her changes list it, Tom's never does.
    expect(await text(await h.api('/api/v1/changes'))).toContain('Quillbrook');
    await tomSeesNoneOfMei(await tom.api('/api/v1/changes'));
    await tomSeesNoneOfMei(await tom.api('/api/v1/changes?tag=meitag'), ['meitag']);
    await tomGets404(() => tom.api(`/api/v1/changes?feed=${ids.meiFeed}`));
  },
  'GET /api/v1/search': async () => {
    for (const q of ['Quillbrook', 'tag:meitag', 'feed:"Mei Private Name"', 'feed:Meisshared']) {
      const res = await tom.api(`/api/v1/search?q=${encodeURIComponent(q)}`);
      expect(((await res.clone().json()) as { total: number }).total, q).toBe(0);
      await tomSeesNoneOfMei(res, [q]);
    }
    expect((await tom.api('/api/v1/search?q=Quillbrook&scope=archive')).status).toBe(403);
    for (const q of ['Varnhollow', 'tag:tomtag', 'feed:Tomsshared']) await meiSeesNoneOfTom(await h.api(`/api/v1/search?q=${encodeURIComponent(q)}`), [q]);
    // Each finds their own through their own names.
    expect(((await (await h.api('/api/v1/search?q=tag:meitag')).json()) as { total: number }).total).toBe(1);
    expect(((await (await tom.api('/api/v1/search?q=feed:Tomsshared')).json()) as { total: number }).total).toBe(1);
  },
  'GET /api/v1/opml': async () => {
    await tomSeesNoneOfMei(await tom.api('/api/v1/opml'));
    await meiSeesNoneOfTom(await h.api('/api/v1/opml'));
  },
  'POST /api/v1/opml': async () => {
    const before = await meiState();
    const opml = '<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body><outline type="rss" text="x" xmlUrl="https://mei-only.example.org/feed.xml"/></body></opml>';
    const res = await tom.api('/api/v1/opml', { method: 'POST', headers: { 'content-type': 'text/x-opml' }, body: opml });
    expect(res.status).toBe(200);
    expect(await meiState()).toEqual(before);
    expect(await h.store.subscriptions.get(tom.user.id, ids.meiFeed)).toMatchObject({ titleOverride: null, tags: [] });
    await h.store.subscriptions.remove(tom.user.id, ids.meiFeed);
  },

  'GET /feeds/:file': async () => {
    await tomGets404(() => tom.api(`/feeds/${ids.meiFeed}.rss`));
    await tomSeesNoneOfMei(await tom.api('/feeds/all.atom'));
    await tomSeesNoneOfMei(await tom.api(`/feeds/${ids.shared}.json`));
    await meiSeesNoneOfTom(await h.api('/feeds/all.rss'));
    expect(await text(await h.api('/feeds/changes.atom'))).toContain('Quillbrook');
    await tomSeesNoneOfMei(await tom.api('/feeds/changes.atom'));
    await tomGets404(() => tom.api(`/feeds/changes.rss?feed=${ids.meiFeed}`));
    await tomGets404(() => tom.api('/feeds/changes.json?tag=meitag'), ['meitag']);
  },
  'GET /tags/:file{.+}': async () => {
    await tomGets404(() => tom.api('/tags/meitag.rss'), ['meitag']);
    await tomGets404(() => tom.api('/tags/meishared-tag.atom'), ['meishared-tag']);
    await tomSeesNoneOfMei(await tom.api('/tags/tomshared-tag.rss'));
  },
  'GET /search.rss': async () => tomSeesNoneOfMei(await tom.api('/search.rss?q=Quillbrook'), ['Quillbrook']),
  'GET /search.atom': async () => tomSeesNoneOfMei(await tom.api('/search.atom?q=tag%3Ameitag'), ['tag:meitag']),
  'GET /search.json': async () => tomSeesNoneOfMei(await tom.api('/search.json?q=orchard'), ['orchard']),

  'POST /logout': async () => {
    // Signing out ends only the session that asked.
    const other = await h.addUser('tom-phone');
    expect((await other.browser('/logout', form({}))).status).toBe(303);
    expect((await h.browser('/')).status).toBe(200);
    expect((await tom.browser('/')).status).toBe(200);
  },
  'GET /': async () => {
    await tomSeesNoneOfMei(await tom.browser('/'));
    await meiSeesNoneOfTom(await h.browser('/'));
  },
  'GET /all': async () => {
    await tomSeesNoneOfMei(await tom.browser('/all'));
    await meiSeesNoneOfTom(await h.browser('/all'));
  },
  'GET /starred': async () => {
    await h.store.entries.mark(h.admin.id, [ids.meiEntry, ids.sharedEntry], { starred: true });
    await tomSeesNoneOfMei(await tom.browser('/starred'));
    expect(await text(await tom.browser('/starred'))).not.toContain('Common square reopens');
    await h.store.entries.mark(h.admin.id, [ids.meiEntry, ids.sharedEntry], { starred: false });
  },
  'GET /feed/:id{[0-9]+}': () => tomGets404(() => tom.browser(`/feed/${ids.meiFeed}`)),
  'GET /tag/:tag': () => tomGets404(() => tom.browser('/tag/meitag'), ['meitag']),
  'POST /mark-all-read': async () => {
    await tomGets404(() => tom.browser('/mark-all-read', form({ feed: String(ids.meiFeed), max_id: '1000' })));
    await tomGets404(() => tom.browser('/mark-all-read', form({ tag: 'meitag', max_id: '1000' })), ['meitag']);
    // Marking all of Tom's own read leaves Mei's marks of the shared feed alone.
    const before = await h.store.entries.get({ userId: h.admin.id }, ids.sharedEntry);
    expect((await tom.browser('/mark-all-read', form({ max_id: '1000' }))).status).toBe(303);
    expect((await h.store.entries.get({ userId: h.admin.id }, ids.sharedEntry))?.read).toBe(before?.read);
    await h.store.entries.mark(tom.user.id, [ids.sharedEntry, ids.tomEntry], { read: false });
  },
  'ALL /media/*': 'middleware',
  // An image only Mei's article uses: Tom gets what an unknown hash gets.
  'GET /media/:sha256{[0-9a-f]{64}}': async () => {
    const sha256 = 'a'.repeat(64);
    await h.store.media.record({ articleId: ids.meiEntry, revision: 0 }, [{ sha256, mime: 'image/png', bytes: 1, width: null, height: null, firstUrl: 'https://mei-only.example.org/1.png', fetchedAt: 0 }], [{ url: 'https://mei-only.example.org/1.png', status: 'stored', sha256 }], 0);
    await tomGets404(() => tom.browser(`/media/${sha256}`));
  },
  'GET /entries/:id{[0-9]+}': () => tomGets404(() => tom.browser(`/entries/${ids.meiEntry}`)),
  'GET /entries/:id{[0-9]+}/revisions/:n{[0-9]+}': () => tomGets404(() => tom.browser(`/entries/${ids.meiEntry}/revisions/1`)),
  'GET /entries/:id{[0-9]+}/diff': () => tomGets404(() => tom.browser(`/entries/${ids.meiEntry}/diff`)),
  'POST /entries/:id{[0-9]+}/read': () => tomGets404(() => tom.browser(`/entries/${ids.meiEntry}/read`, form({ read: '1' }))),
  'POST /entries/:id{[0-9]+}/star': () => tomGets404(() => tom.browser(`/entries/${ids.meiEntry}/star`, form({ starred: '1' }))),
  'GET /changes': async () => {
    expect(await text(await h.browser('/changes'))).toContain('Quillbrook');
    await tomSeesNoneOfMei(await tom.browser('/changes'));
    await tomSeesNoneOfMei(await tom.browser('/changes?kind=edited'));
    await tomGets404(() => tom.browser(`/changes?feed=${ids.meiFeed}`));
    await tomGets404(() => tom.browser('/changes?tag=meitag'), ['meitag']);
    await meiSeesNoneOfTom(await h.browser('/changes'));
  },
  'GET /search': async () => {
    for (const q of ['Quillbrook', 'tag:meitag', 'feed:Meisshared']) await tomSeesNoneOfMei(await tom.browser(`/search?q=${encodeURIComponent(q)}`), [q]);
    // Not an admin: the whole-archive box is neither shown nor obeyed.
    const asked = await text(await tom.browser('/search?q=Quillbrook&scope=archive'));
    expect(asked).not.toContain('Quillbrook orchard');
    expect(asked).not.toContain('name="scope"');
    await meiSeesNoneOfTom(await h.browser('/search?q=Varnhollow'), ['Varnhollow']);
  },
  'GET /subscriptions': async () => {
    await tomSeesNoneOfMei(await tom.browser('/subscriptions'));
    await meiSeesNoneOfTom(await h.browser('/subscriptions'));
  },
  'GET /subscriptions/export.opml': async () => {
    await tomSeesNoneOfMei(await tom.browser('/subscriptions/export.opml'));
    await meiSeesNoneOfTom(await h.browser('/subscriptions/export.opml'));
  },
  'POST /subscriptions/add': async () => {
    // A URL the archive has is shared without a fetch; Tom gets his own, unnamed subscription.
    const before = await meiState();
    const url = 'https://mei-only.example.org/feed.xml';
    const res = await tom.browser('/subscriptions/add', form({ url, tags: 'mine' }));
    try {
      expect(res.status).toBe(303);
      expect(await h.store.subscriptions.get(tom.user.id, ids.meiFeed)).toMatchObject({ titleOverride: null, tags: ['mine'] });
      await tomSeesNoneOfMei(await tom.browser(`/subscriptions/${ids.meiFeed}`), [url]);
      expect(await meiState()).toEqual(before);
    } finally {
      await h.store.subscriptions.remove(tom.user.id, ids.meiFeed);
    }
  },
  'POST /subscriptions/import': async () => {
    const before = await meiState();
    const body = new FormData();
    body.set('opml', new Blob(['<opml version="2.0"><body><outline type="rss" text="x" xmlUrl="https://mei-only.example.org/feed.xml"/></body></opml>']), 'x.opml');
    expect((await tom.browser('/subscriptions/import', { method: 'POST', body })).status).toBe(200);
    expect(await meiState()).toEqual(before);
    await h.store.subscriptions.remove(tom.user.id, ids.meiFeed);
  },
  'GET /subscriptions/:id{[0-9]+}': () => tomGets404(() => tom.browser(`/subscriptions/${ids.meiFeed}`)),
  'POST /subscriptions/:id{[0-9]+}': () => tomGets404(() => tom.browser(`/subscriptions/${ids.meiFeed}`, form({ title: 'taken over', tags: '', fulltext: 'never', min_interval: '', max_interval: '' }))),
  'POST /subscriptions/:id{[0-9]+}/fetch': () => tomGets404(() => tom.browser(`/subscriptions/${ids.meiFeed}/fetch`, form({}))),
  'POST /subscriptions/:id{[0-9]+}/remove': () => tomGets404(() => tom.browser(`/subscriptions/${ids.meiFeed}/remove`, form({ confirm: '1' }))),
  'ALL /api/greader/*': () => greaderAsTom('/api/greader'),
  'ALL /api/greader.php/*': () => greaderAsTom('/api/greader.php'),
  'ALL /p/api/greader.php/*': () => greaderAsTom('/p/api/greader.php'),
  'ALL /api/fever': () => feverAsTom('/api/fever'),
  'ALL /api/fever/': () => feverAsTom('/api/fever/'),
  'ALL /api/fever.php': () => feverAsTom('/api/fever.php'),
  'GET /settings/api-password': async () => tomSeesNoneOfMei(await tom.browser('/settings/api-password')),
  'POST /settings/api-password': async () => {
    const mine = await h.store.users.apiPasswordHash(h.admin.id);
    await tomSeesNoneOfMei(await tom.browser('/settings/api-password', form({})));
    expect(await h.store.users.apiPasswordHash(h.admin.id)).toBe(mine);
  },
  'POST /settings/api-password/remove': async () => {
    await h.store.users.setApiPassword(h.admin.id, await apiPasswordSecrets('admin', 'Mei-sync-password-0001', { N: 1024, r: 8, p: 1 }));
    expect((await tom.browser('/settings/api-password/remove', form({}))).status).toBe(303);
    expect(await h.store.users.apiPasswordHash(h.admin.id)).not.toBeNull();
  },
  'GET /settings/webhooks': async () => {
    const hook = await meiWebhook();
    expect(await text(await h.browser('/settings/webhooks'))).toContain(hook.secret);
    const page = await text(await tom.browser('/settings/webhooks'));
    expect(page).not.toContain(hook.secret);
    expect(page).not.toContain('mei-hooks.example.net');
    await tomSeesNoneOfMei(await tom.browser('/settings/webhooks'));
  },
  'POST /settings/webhooks': async () => {
    // Tom cannot aim a webhook at Mei's feed; his own webhook is his.
    await tomGets404(() => tom.browser('/settings/webhooks', form({ url: 'http://127.0.0.1:9/hook', feed: String(ids.meiFeed) })));
    expect(await h.store.webhooks.list(tom.user.id)).toEqual([]);
  },
  'POST /settings/webhooks/:id/:action{remove|enable|disable|test}': async () => {
    const hook = await meiWebhook();
    for (const action of ['disable', 'test', 'remove']) await tomGets404(() => tom.browser(`/settings/webhooks/${hook.id}/${action}`, form({})));
    expect(await h.store.webhooks.get(hook.id)).toMatchObject({ enabled: true, userId: h.admin.id });
  },
  'POST /settings/webhooks/deliveries/:id/redeliver': async () => {
    const hook = await meiWebhook();
    await h.store.webhooks.enqueue(hook.id, [{ key: 'iso-1', event: 'ping', articleId: null, payload: '{}' }], null, h.clock.now());
    const [delivery] = await h.store.webhooks.deliveries(h.admin.id, { webhookId: hook.id, limit: 1 });
    await h.store.webhooks.recordAttempt(delivery?.id ?? 0, { at: h.clock.now(), status: 500, result: 'HTTP 500', outcome: 'failed' });
    await tomGets404(() => tom.browser(`/settings/webhooks/deliveries/${delivery?.id}/redeliver`, form({})));
    expect((await h.store.webhooks.delivery(delivery?.id ?? 0))?.status).toBe('failed');
  },
  'GET /settings': async () => {
    await tomSeesNoneOfMei(await tom.browser('/settings'));
  },
  'POST /settings': async () => {
    const before = (await h.store.users.get(h.admin.id))?.settings;
    expect((await tom.browser('/settings', form({ language: 'zh', time_zone: 'Asia/Taipei', page_size: '20', sort: 'oldest' }))).status).toBe(303);
    expect((await h.store.users.get(h.admin.id))?.settings).toEqual(before);
    expect((await h.store.users.get(tom.user.id))?.settings).toMatchObject({ language: 'zh', pageSize: 20 });
    await h.store.users.updateSettings(tom.user.id, { language: null, timeZone: null, pageSize: 50, sort: 'newest' });
  },
  'POST /settings/password': async () => {
    const before = (await h.store.users.byName('admin'))?.passwordHash;
    const res = await tom.browser('/settings/password', form({ current: 'wrong', new: 'a new long password', again: 'a new long password' }));
    expect(res.status).toBe(400);
    expect((await h.store.users.byName('admin'))?.passwordHash).toBe(before);
  },
  // A reader is no admin: the users pages do not exist for them, Mei's id least of all.
  'GET /settings/users': () => tomGets404(() => tom.browser('/settings/users')),
  'POST /settings/users': async () => {
    await tomGets404(() => tom.browser('/settings/users', form({ username: 'intruder', admin: '1' })));
    expect(await h.store.users.byName('intruder')).toBeNull();
  },
  'POST /settings/users/:id{[0-9]+}/disable': () => tomGets404(() => tom.browser(`/settings/users/${h.admin.id}/disable`, form({}))),
  'POST /settings/users/:id{[0-9]+}/enable': () => tomGets404(() => tom.browser(`/settings/users/${h.admin.id}/enable`, form({}))),
  'POST /settings/users/:id{[0-9]+}/password': async () => {
    const before = (await h.store.users.byName('admin'))?.passwordHash;
    await tomGets404(() => tom.browser(`/settings/users/${h.admin.id}/password`, form({})));
    expect((await h.store.users.byName('admin'))?.passwordHash).toBe(before);
  },
  'POST /settings/users/:id{[0-9]+}/remove': () => tomGets404(() => tom.browser(`/settings/users/${h.admin.id}/remove`, form({ confirm: '1' }))),
};

describe('cross-user isolation', () => {
  it('has a check for every route the app registers, and none for a route that is gone', () => {
    const registered = [...new Set(h.app.routes.map((r) => `${r.method} ${r.path}`))].sort();
    const missing = registered.filter((key) => !(key in CHECKS));
    expect(missing, 'routes without an isolation check: add them to CHECKS').toEqual([]);
    expect(Object.keys(CHECKS).filter((key) => !registered.includes(key)).sort()).toEqual([]);
  });

  for (const [route, check] of Object.entries(CHECKS)) {
    if (typeof check !== 'function') continue;
    it(route, async () => {
      await check();
    });
  }

  it('a user token works only for its user: Tom’s token never reads Mei’s entry, even through ?token=', async () => {
    await notFound(await h.anon(`/feeds/${ids.meiFeed}.rss?token=${tom.token}`));
    await notFound(await h.anon(`/api/v1/entries/${ids.meiEntry}`, { headers: { authorization: `Bearer ${tom.token}` } }));
  });
});
