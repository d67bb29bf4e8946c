/**
 * Images end to end on loopback: a fixture site serves a feed whose articles reference images
 * we make in the test (PNG, JPEG, GIF, WebP, a safe SVG) and bad ones (an SVG with a script, an
 * HTML page served as image/jpeg, a body far over the cap streamed without end, a 404, a private
 * address); the refresh queues them, the media job stores the good ones once by hash and records
 * why each bad one failed; the reader serves them with their own headers and points the article
 * at them; the record file keeps the original URLs; `images off` downloads nothing.
 */
import { createHash, createHmac } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../test/fixture-server.js';
import { startServeHarness, type ServeHarness } from '../../test/serve-harness.js';
import { DEFAULT_RULES } from '../clean/index.js';
import { silentLogger } from '../core/index.js';
import { loadRules } from '../extract/index.js';
import { createFetcher, type Fetcher } from '../fetch/index.js';
import { refreshFeed, type IngestDeps } from '../ingest/index.js';
import { fetchArticleMedia, type MediaDeps } from './index.js';
import { gif, HTML_PAGE, jpeg, png, SAFE_SVG, SCRIPT_SVG, webp } from './testdata/images.js';

const CAP = 256 * 1024;
const PRIVATE = 'http://10.1.2.3/inside.png';
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const KEY = new Uint8Array(32).fill(7);
const sign = (userId: number, sha256: string) => createHmac('sha256', KEY).update(`${userId}:${sha256}`).digest().subarray(0, 16).toString('base64url');

let site: FixtureServer;
let hugeSent = 0;
const PNG = png(640, 480, 1);

beforeAll(async () => {
  site = await startFixtureServer();
  const image = (path: string, type: string, body: Uint8Array | string) => site.route(path, (_req, res) => res.writeHead(200, { 'content-type': type }).end(body));
  image('/a.png', 'image/png', PNG);
  image('/copy-of-a.png', 'image/png', PNG);
  image('/b.jpg', 'image/jpeg', jpeg(1200, 800));
  image('/c.gif', 'image/gif', gif(32, 16));
  image('/d.webp', 'application/octet-stream', webp(300, 200));
  image('/safe.svg', 'image/svg+xml', SAFE_SVG);
  image('/evil.svg', 'image/svg+xml', SCRIPT_SVG);
  image('/login.jpg', 'image/jpeg', HTML_PAGE);
  // 2 GB promised in chunks, no Content-Length: the client must stop reading at the cap.
  site.route('/huge.jpg', (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/jpeg' });
    const chunk = Buffer.alloc(64 * 1024, 0xff);
    const pump = () => {
      while (hugeSent < 2 * 1024 ** 3 && !res.destroyed) {
        hugeSent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => undefined);
    pump();
  });
});
afterAll(async () => {
  await site.close();
});

function feedXml(items: Array<{ id: string; html: string }>): string {
  const entries = items.map((i) => `<item><title>Story ${i.id}</title><link>${site.url(`/${i.id}.html`)}</link><guid>${site.url(`/${i.id}.html`)}</guid><content:encoded><![CDATA[${i.html}]]></content:encoded></item>`);
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Pictures</title><link>${site.url('/')}</link>${entries.join('')}</channel></rss>`;
}

const BODY = '<p>The harbour ferry resumed its winter timetable on Monday, and the terminal was repainted.</p>';

describe('images of articles', () => {
  let h: ServeHarness;
  let dir: string;
  let fetcher: Fetcher;
  let guarded: Fetcher;
  let ingest: IngestDeps;
  let media: MediaDeps;
  let captured: string[];
  const requestsFor = (path: string) => site.requests.filter((r) => r.path === path).length;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'feedkeeper-media-'));
    h = await startServeHarness({ mediaDir: join(dir, 'media'), mediaKey: KEY });
    const config = { userAgent: 'feedkeeper-test', timeoutMs: 5000, connectTimeoutMs: 2000, maxBytes: 1024 * 1024, globalConcurrency: 4 };
    captured = [];
    // As main.ts wires WARC capture: image responses reach the same observer as feeds.
    fetcher = createFetcher({ ...config, allowPrivateNetworks: true, onExchange: (e) => void captured.push(`${e.status} ${e.url.replace(site.baseUrl, '')}`) });
    guarded = createFetcher({ ...config, allowPrivateNetworks: false });
    // The site is on loopback, which the guard would refuse; the private URL goes to a guarded fetcher, as it would in production.
    const routed: Fetcher = { fetch: (url, o) => (url.startsWith('http://10.') ? guarded : fetcher).fetch(url, o), post: (url, body, headers, o) => fetcher.post(url, body, headers, o), close: async () => undefined };
    ingest = { store: h.store, fetcher: routed, stages: { siteRules: loadRules([]), cleanRules: DEFAULT_RULES }, clock: h.clock, logger: silentLogger, archiveDir: join(dir, 'archive'), bounds: { minIntervalMs: 60_000, maxIntervalMs: 86_400_000 }, random: () => 0.5, images: 'keep' };
    media = { store: h.store, fetcher: routed, clock: h.clock, logger: silentLogger, media: { dir: join(dir, 'media'), defaultMode: 'keep', maxBytes: CAP, maxPerArticle: 20 } };
    hugeSent = 0;
  });
  afterEach(async () => {
    await h.close();
    await Promise.all([fetcher.close(), guarded.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  async function ingestFeed(path: string, items: Array<{ id: string; html: string }>, images?: 'keep' | 'off') {
    site.route(path, (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedXml(items)));
    const feed = await h.addFeed(site.url(path));
    if (images !== undefined) await h.store.feeds.update(feed.id, { images });
    const summary = await refreshFeed(ingest, feed.id);
    expect(summary.status).toBe('ok');
    return feed;
  }

  const entryId = async (id: string) => {
    const page = await h.store.entries.list({ userId: h.admin.id }, { limit: 50, cursor: null });
    const found = page.entries.find((e) => e.link.endsWith(`/${id}.html`));
    if (!found) throw new Error(`no entry ${id}`);
    return found.id;
  };

  it('stores good images once by hash, records why each bad one failed, and never waits in the refresh', async () => {
    const all = ['/a.png', '/b.jpg', '/c.gif', '/d.webp', '/safe.svg', '/evil.svg', '/login.jpg', '/huge.jpg', '/missing.png'].map((p) => `<img src="${site.url(p)}">`).join('');
    await ingestFeed('/pictures.xml', [
      { id: 'one', html: `${BODY}<figure>${all}<img src="${PRIVATE}"><figcaption>Ferry</figcaption></figure>` },
      { id: 'two', html: `${BODY}<p><img src="${site.url('/copy-of-a.png')}" srcset="${site.url('/a.png')} 2x"></p>` },
      { id: 'three', html: BODY },
    ]);
    // The refresh only queued them (and not the article without images).
    expect(requestsFor('/a.png')).toBe(0);
    const [one, two] = [await entryId('one'), await entryId('two')];
    expect((await h.store.media.pending(10)).sort()).toEqual([one, two].sort());

    const first = await fetchArticleMedia(media, one);
    expect(first).toMatchObject({ outcome: 'done', stored: 5, failed: 5 });
    const images = new Map((await h.store.media.ofArticle(one)).map((i) => [i.url.replace(site.baseUrl, ''), i]));
    expect(images.get('/a.png')).toEqual({ url: site.url('/a.png'), status: 'stored', sha256: sha(PNG) });
    const reasons = Object.fromEntries([...images].flatMap(([url, i]) => (i.status === 'failed' ? [[url, i.reason]] : [])));
    expect(reasons['/evil.svg']).toBe('refused: SVG contains <script>');
    expect(reasons['/login.jpg']).toBe('refused: the server sent an HTML page, not an image (Content-Type: image/jpeg)');
    expect(reasons['/huge.jpg']).toMatch(/larger than the 262144-byte limit/);
    expect(reasons['/missing.png']).toMatch(/HTTP 404/);
    expect(reasons[PRIVATE]).toMatch(/private|not allowed|refus/i);
    // The huge body was cut off near the cap, not read to its 2 GB end.
    expect(hugeSent).toBeLessThan(64 * 1024 * 1024);

    // The second article's best candidate is /a.png, already stored: no second download, one file.
    await fetchArticleMedia(media, two);
    expect(requestsFor('/a.png')).toBe(1);
    expect(await h.store.media.totals()).toMatchObject({ files: 5 });
    expect(await h.store.media.pending(10)).toEqual([]);
    const files = await readdir(join(dir, 'media', sha(PNG).slice(0, 2), sha(PNG).slice(2, 4)));
    expect(files).toEqual([sha(PNG)]);
    expect(captured).toEqual(expect.arrayContaining(['200 /a.png', '200 /b.jpg', '200 /evil.svg', '200 /login.jpg']));
  });

  it('serves an archived image with its own headers to a reader of the article, and to nobody else', async () => {
    await ingestFeed('/served.xml', [{ id: 'pic', html: `${BODY}<img src="${site.url('/a.png')}"><img src="${site.url('/safe.svg')}"><img src="${site.url('/missing.png')}">` }]);
    const id = await entryId('pic');
    await fetchArticleMedia(media, id);
    const res = await h.browser(`/media/${sha(PNG)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);
    const svg = await h.browser(`/media/${sha(SAFE_SVG)}`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");

    const anon = await h.anon(`/media/${sha(PNG)}`);
    expect([302, 303, 401]).toContain(anon.status);
    expect(anon.headers.get('content-type')).not.toBe('image/png');
    const stranger = await h.addUser('stranger');
    expect((await stranger.browser(`/media/${sha(PNG)}`)).status).toBe(404);
    expect((await h.browser(`/media/${'0'.repeat(64)}`)).status).toBe(404);

    // The article page points at the local copy; the failed one stays remote without a referrer.
    const page = await (await h.browser(`/entries/${id}`)).text();
    expect(page).toContain(`src="/media/${sha(PNG)}"`);
    expect(page).not.toContain(`src="${site.url('/a.png')}"`);
    expect(page).toContain(`src="${site.url('/missing.png')}" referrerpolicy="no-referrer"`);
    expect((await h.browser(`/entries/${id}`)).headers.get('content-security-policy')).toContain("img-src 'self'");
    expect(page).toContain('Images not kept (1)');
    expect(page).toMatch(/missing\.png<\/span> · fetch .*HTTP 404/);

    // The record file and the stored HTML keep the original URLs.
    const records = await readdir(join(dir, 'archive'), { recursive: true });
    const record = records.find((f) => f.endsWith('.txt'));
    expect(record).toBeDefined();
    const text = await readFile(join(dir, 'archive', record ?? ''), 'utf8');
    expect(text).toContain(site.url('/a.png'));
    expect(text).not.toContain('/media/');
    expect((await h.store.entries.get({ userId: h.admin.id }, id))?.contentHtml).toContain(site.url('/a.png'));

    // ?images=local feeds point at the absolute local URL, signed for the feed's reader (feed
    // readers fetch images without credentials); without it, the original.
    const local = await (await h.api('/feeds/all.rss?images=local')).text();
    const signed = `/media/${sha(PNG)}?u=${h.admin.id}&s=${sign(h.admin.id, sha(PNG))}`;
    expect(local).toContain(`http://127.0.0.1${signed.replace('&', '&amp;')}`);
    expect(local).not.toContain(h.token);
    expect((await h.anon(signed)).status).toBe(200);
    expect((await h.anon(`${signed}x`)).status).toBe(404);
    expect((await h.anon(`/media/${sha(PNG)}?u=${stranger.user.id}&s=${sign(h.admin.id, sha(PNG))}`)).status).toBe(404);
    // A signature is for a user, who must still reach the image.
    expect((await h.anon(`/media/${sha(PNG)}?u=${stranger.user.id}&s=${sign(stranger.user.id, sha(PNG))}`)).status).toBe(404);
    expect(await (await h.browser('/feeds/all.rss')).text()).toContain(site.url('/a.png'));
    expect((await h.browser('/feeds/all.rss?images=yes')).status).toBe(400);
  });

  it('downloads nothing for a feed whose images are off', async () => {
    await ingestFeed('/off.xml', [{ id: 'off', html: `${BODY}<img src="${site.url('/c.gif?off')}">` }], 'off');
    expect(await h.store.media.pending(10)).toEqual([]);
    // Queued before the feed was turned off: the job honours the setting now.
    const id = await entryId('off');
    await h.store.media.enqueue([{ articleId: id, revision: 0 }], h.clock.now());
    expect((await fetchArticleMedia(media, id)).outcome).toBe('off');
    expect(requestsFor('/c.gif?off')).toBe(0);
    expect(await h.store.media.pending(10)).toEqual([]);
  });
});
