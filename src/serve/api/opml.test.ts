/**
 * /api/v1/opml over HTTP: an invented OPML list posted as XML (or as a multipart `file`) and read
 * back with GET lists the same feeds with the same folders; a second import adds nothing; what is
 * not OPML, not an accepted type, or too large is refused with the right JSON error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOpml } from '../../parse/index.js';
import { startServeHarness, type ServeHarness } from '../../../test/serve-harness.js';
import { call } from './test-kit.js';

const OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>我的订阅</title></head><body>
  <outline text="新闻">
    <outline type="rss" text="港城晚报" xmlUrl="https://harbour.example.org/feed.xml" htmlUrl="https://harbour.example.org/"/>
    <outline type="rss" text="Metro Weekly" xmlUrl="https://metro.example.org/rss"/>
  </outline>
  <outline type="rss" text="Sport" xmlUrl="https://sport.example.org/atom.xml"/>
  <outline type="rss" text="Sport again" xmlUrl="https://sport.example.org/atom.xml"/>
</body></opml>`;

const post = (h: ServeHarness, body: BodyInit, type?: string) => h.api('/api/v1/opml', { method: 'POST', body, headers: type === undefined ? {} : { 'content-type': type } });

let h: ServeHarness;
beforeAll(async () => {
  h = await startServeHarness();
});
afterAll(() => h.close());

describe('POST /opml then GET /opml', () => {
  it('imports every feed once, folders as tags, reporting the duplicate', async () => {
    const res = await post(h, OPML, 'text/x-opml');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ added: 3, already_subscribed: [], duplicates_in_file: ['https://sport.example.org/atom.xml'], warnings: [] });
    const feeds = (await call(h, 'listFeeds')).body.feeds.map((f: { url: string; title: string; tags: string[] }) => [f.url, f.title, f.tags]);
    expect(feeds).toEqual([
      ['https://harbour.example.org/feed.xml', '港城晚报', ['新闻']],
      ['https://metro.example.org/rss', 'Metro Weekly', ['新闻']],
      ['https://sport.example.org/atom.xml', 'Sport', []],
    ]);
  });

  it('exports the same feeds as an OPML attachment', async () => {
    const answer = await call(h, 'exportOpml');
    expect(answer.status).toBe(200);
    expect(answer.res.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(answer.res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.opml"$/);
    const doc = parseOpml(answer.body as string);
    expect(doc.feeds.map((f) => [f.url, f.title, f.tags])).toEqual([
      ['https://harbour.example.org/feed.xml', '港城晚报', ['新闻']],
      ['https://metro.example.org/rss', 'Metro Weekly', ['新闻']],
      ['https://sport.example.org/atom.xml', 'Sport', []],
    ]);
  });

  it('adds nothing the second time, listing what was already subscribed', async () => {
    const res = await post(h, OPML, 'application/xml; charset=utf-8');
    expect(await res.json()).toMatchObject({ added: 0, already_subscribed: ['https://harbour.example.org/feed.xml', 'https://metro.example.org/rss', 'https://sport.example.org/atom.xml'] });
  });

  it('round-trips into a fresh archive: the export imported elsewhere lists the same feeds', async () => {
    const exported = (await call(h, 'exportOpml')).body as string;
    const other = await startServeHarness();
    try {
      expect((await post(other, exported, 'text/xml')).status).toBe(200);
      const urls = async (x: ServeHarness) => (await call(x, 'listFeeds')).body.feeds.map((f: { url: string; tags: string[] }) => [f.url, f.tags]);
      expect(await urls(other)).toEqual(await urls(h));
    } finally {
      await other.close();
    }
  });
});

describe('POST /opml as a multipart form', () => {
  it('takes the file field', async () => {
    const form = new FormData();
    form.set('file', new Blob([OPML.replace(/example\.org/g, 'example.net')], { type: 'text/x-opml' }), 'subscriptions.opml');
    const res = await post(h, form);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ added: 3 });
  });

  it('works from a browser form, whose CSRF check read the form first', async () => {
    const form = new FormData();
    form.set('_csrf', h.session.csrf);
    form.set('file', new Blob([OPML.replace(/example\.org/g, 'example.com')]), 'subscriptions.opml');
    const res = await h.browser('/api/v1/opml', { method: 'POST', body: form, csrf: false });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ added: 3 });
  });

  it('refuses a form without the file field, naming it', async () => {
    const form = new FormData();
    form.set('opml', 'x');
    const res = await post(h, form);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'USAGE', message: 'file: required (a file field in the multipart form)' } });
  });
});

describe('POST /opml refuses', () => {
  it('a document that is not OPML: 400 NOT_OPML with the parser\'s reason', async () => {
    const res = await post(h, '<html><body>not a list</body></html>', 'application/xml');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('NOT_OPML');
    expect(body.error.message).toContain('expected an <opml> root element');
  });

  it('a body of another type: 415 naming the types it takes', async () => {
    const res = await post(h, JSON.stringify({ opml: OPML }), 'application/json');
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('got Content-Type application/json') } });
  });

  it('a body over the limit: 413 before the import starts', async () => {
    const res = await post(h, `${OPML}<!--${'x'.repeat(10 * 1024 * 1024)}-->`, 'text/x-opml');
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'INPUT_TOO_LARGE' } });
  });

  it('without a token: 401', async () => {
    const res = await h.anon('/api/v1/opml', { method: 'POST', body: OPML, headers: { 'content-type': 'text/x-opml' } });
    expect(res.status).toBe(401);
  });
});
