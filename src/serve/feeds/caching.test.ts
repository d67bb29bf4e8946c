// Conditional GET and authentication on republished feeds: validators and cache headers, 304s,
// a new ETag after a new article, and who may read a feed (token header, ?token=, session).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret, newApiToken } from '../index.js';
import { startServeHarness, type ServeHarness } from '../../../test/serve-harness.js';
import { isNotModified } from './caching.js';
import { FORMATS, seedArchive, type Archive } from './test-kit.js';

let h: ServeHarness;
let archive: Archive;

beforeAll(async () => {
  h = await startServeHarness();
  archive = await seedArchive(h);
});
afterAll(() => h.close());

describe('cache headers and conditional GET', () => {
  it.each(FORMATS)('sends validators and a private cache lifetime (%s)', async (format) => {
    const res = await h.api(`/feeds/all.${format}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(res.headers.get('last-modified')).toBe(new Date(h.clock.now()).toUTCString());
    expect(res.headers.get('cache-control')).toBe('private, max-age=300');
    expect(res.headers.get('vary')).toContain('Authorization');
  });

  it('answers a matching If-None-Match with a 304 and no body, weak or strong, or *', async () => {
    const first = await h.api('/feeds/all.atom');
    const etag = first.headers.get('etag') ?? '';
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await h.api('/feeds/all.atom', { headers: { 'if-none-match': ifNoneMatch } });
      expect(res.status, ifNoneMatch).toBe(304);
      expect(await res.text()).toBe('');
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.headers.get('cache-control')).toBe('private, max-age=300');
    }
    const other = await h.api('/feeds/all.atom', { headers: { 'if-none-match': '"something-else"' } });
    expect(other.status).toBe(200);
  });

  it('the ETag differs between formats and filters', async () => {
    const tags = await Promise.all(['/feeds/all.rss', '/feeds/all.atom', '/feeds/all.json', '/feeds/all.rss?limit=2', '/feeds/all.rss?opencc=s2t'].map(async (p) => (await h.api(p)).headers.get('etag')));
    expect(new Set(tags).size).toBe(tags.length);
  });

  it('honours If-Modified-Since when no If-None-Match is sent', async () => {
    const first = await h.api(`/feeds/${archive.metro.id}.rss`);
    const lastModified = first.headers.get('last-modified') ?? '';
    expect((await h.api(`/feeds/${archive.metro.id}.rss`, { headers: { 'if-modified-since': lastModified } })).status).toBe(304);
    const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect((await h.api(`/feeds/${archive.metro.id}.rss`, { headers: { 'if-modified-since': earlier } })).status).toBe(200);
    // If-None-Match decides alone when both are sent.
    const both = await h.api(`/feeds/${archive.metro.id}.rss`, { headers: { 'if-modified-since': lastModified, 'if-none-match': '"stale"' } });
    expect(both.status).toBe(200);
  });

  it('a new article gives a new ETag and Last-Modified, and the old ETag gets the whole feed', async () => {
    const path = `/feeds/${archive.harbour.id}.json`;
    const before = await h.api(path);
    const etag = before.headers.get('etag') ?? '';
    const lastModified = before.headers.get('last-modified') ?? '';
    h.clock.advance(60_000);
    await h.addArticles(archive.harbour.id, [{ title: 'Lighthouse repainted', html: '<p>The lighthouse is white again.</p>', publishedAt: h.clock.now() }]);
    const after = await h.api(path, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await after.text()).toContain('Lighthouse repainted');
    expect((await h.api(path, { headers: { 'if-modified-since': lastModified } })).status).toBe(200);
    expect(after.headers.get('last-modified')).toBe(new Date(h.clock.now()).toUTCString());
  });

  it('HEAD gets the headers without a body', async () => {
    const res = await h.api('/feeds/all.rss', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^"/);
    expect(await res.text()).toBe('');
  });

  it.each([
    ['no conditions', {}, '"a"', 1000, false],
    ['the same ETag', { ifNoneMatch: '"a"' }, '"a"', 1000, true],
    ['a list holding it', { ifNoneMatch: '"b" , "a"' }, '"a"', 1000, true],
    ['another ETag', { ifNoneMatch: '"b"' }, '"a"', 1000, false],
    ['a date at Last-Modified (ms cut to seconds)', { ifModifiedSince: new Date(1_000).toUTCString() }, '"a"', 1_999, true],
    ['a date before it', { ifModifiedSince: new Date(0).toUTCString() }, '"a"', 1_000, false],
    ['a date that does not parse', { ifModifiedSince: 'yesterday-ish' }, '"a"', 1_000, false],
    ['a date with no Last-Modified (empty feed)', { ifModifiedSince: new Date(5_000).toUTCString() }, '"a"', null, false],
  ])('isNotModified: %s', (_case, headers, etag, lastModified, expected) => {
    expect(isNotModified(headers, etag, lastModified)).toBe(expected);
  });
});

describe('who may read a feed', () => {
  it.each(['/feeds/all.rss', `/tags/${encodeURIComponent('港闻')}.atom`, '/search.json?q=ferry'])('refuses %s without credentials with a JSON 401', async (path) => {
    const res = await h.anon(path);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('AUTH_REQUIRED');
  });

  it('takes ?token= with a valid token, a bearer token, or a session', async () => {
    expect((await h.anon(`/feeds/all.rss?token=${h.token}`)).status).toBe(200);
    expect((await h.api('/feeds/all.rss')).status).toBe(200);
    expect((await h.browser('/feeds/all.rss')).status).toBe(200);
  });

  it('refuses an unknown or revoked token with a JSON 401', async () => {
    const secret = newApiToken();
    const token = await h.store.tokens.create({ userId: h.admin.id, name: 'feed reader', tokenHash: hashSecret(secret) });
    expect((await h.anon(`/feeds/all.atom?token=${secret}`)).status).toBe(200);
    await h.store.tokens.revoke(h.admin.id, token.id);
    for (const t of [secret, newApiToken()]) {
      const res = await h.anon(`/feeds/all.atom?token=${t}`);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('AUTH_FAILED');
    }
  });
});
