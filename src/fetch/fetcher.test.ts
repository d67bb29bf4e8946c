/**
 * The fetcher against a loopback server: bodies and encodings, conditional GET, redirects and
 * statuses. Failures, limits and timeouts are in fetcher-limits.test.ts; the guard in fetcher-guard.test.ts.
 */
import zlib from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { CONFIG, FEED, expectOk, failure, useFetchHarness } from './testdata/fetch-harness.js';

const h = useFetchHarness();

describe('successful fetches', () => {
  it.each([
    ['identity', null, FEED],
    ['gzip', 'gzip', zlib.gzipSync(FEED)],
    ['deflate', 'deflate', zlib.deflateSync(FEED)],
    ['br', 'br', zlib.brotliCompressSync(FEED)],
  ])('200 with a %s body', async (_case, encoding, wire) => {
    h.serveFeed('/feed.xml', encoding ? { 'content-encoding': encoding } : {}, wire);
    const result = expectOk(await h.fetcher.fetch(h.server.url('/feed.xml')));
    expect(Buffer.from(result.body).equals(FEED)).toBe(true);
    expect(result).toMatchObject({
      status: 200,
      finalUrl: h.server.url('/feed.xml'),
      permanentRedirect: null,
      contentType: 'application/rss+xml; charset=utf-8',
      etag: null,
      lastModified: null,
      maxAgeMs: null,
    });
    expect(result.ms).toBeGreaterThanOrEqual(0);
  });

  it('always sends User-Agent, Accept-Encoding and a default Accept', async () => {
    h.serveFeed('/feed.xml');
    await h.fetcher.fetch(h.server.url('/feed.xml'));
    expect(h.server.requests[0]?.headers).toMatchObject({
      'user-agent': CONFIG.userAgent,
      'accept-encoding': 'gzip, deflate, br',
      accept: '*/*',
    });
    expect(h.server.requests[0]?.headers['if-none-match']).toBeUndefined();
  });

  it('sends a per-call Accept and User-Agent', async () => {
    h.serveFeed('/feed.xml');
    await h.fetcher.fetch(h.server.url('/feed.xml'), { accept: 'application/rss+xml', userAgent: 'other-agent/2' });
    expect(h.server.requests[0]?.headers).toMatchObject({ accept: 'application/rss+xml', 'user-agent': 'other-agent/2' });
  });

  it('returns response headers lower-cased, with repeated ones joined', async () => {
    h.server.route('/h', (_req, res) => {
      res.setHeader('X-Feed-Note', 'hello');
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.end('ok');
    });
    const result = expectOk(await h.fetcher.fetch(h.server.url('/h')));
    expect(result.headers['x-feed-note']).toBe('hello');
    expect(result.headers['set-cookie']).toBe('a=1, b=2');
  });

  it('sends URL credentials as Basic auth and keeps them out of messages', async () => {
    h.server.route('/private.xml', (req, res) => {
      if (req.headers.authorization === `Basic ${Buffer.from('reader:s3cret').toString('base64')}`) res.end('members only');
      else res.writeHead(401).end();
    });
    const url = h.server.url('/private.xml').replace('http://', 'http://reader:s3cret@');
    expect(expectOk(await h.fetcher.fetch(url)).status).toBe(200);
    const err = await failure(h.fetcher.fetch(url.replace('private.xml', 'missing.xml')));
    expect(err.message).not.toContain('s3cret');
    expect(err.message).toContain('reader:***@');
  });
});

describe('conditional GET', () => {
  const ETAG = '"rev-42"';
  const LAST_MODIFIED = 'Wed, 31 Jan 2024 10:00:00 GMT';

  beforeEach(() => {
    h.server.route('/feed.xml', (req, res) => {
      const fresh = req.headers['if-none-match'] === ETAG || req.headers['if-modified-since'] === LAST_MODIFIED;
      if (fresh) res.writeHead(304, { etag: ETAG, 'cache-control': 'public, max-age=600' }).end();
      else res.writeHead(200, { etag: ETAG, 'last-modified': LAST_MODIFIED, 'cache-control': 'max-age=300' }).end(FEED);
    });
  });

  it('round-trips ETag and Last-Modified into a 304', async () => {
    const first = expectOk(await h.fetcher.fetch(h.server.url('/feed.xml')));
    expect(first).toMatchObject({ etag: ETAG, lastModified: LAST_MODIFIED, maxAgeMs: 300_000 });
    const second = await h.fetcher.fetch(h.server.url('/feed.xml'), { etag: first.etag, lastModified: first.lastModified });
    expect(second).toEqual({
      kind: 'not-modified',
      finalUrl: h.server.url('/feed.xml'),
      permanentRedirect: null,
      maxAgeMs: 600_000,
      ms: expect.any(Number),
    });
    expect(h.server.requests[1]?.headers).toMatchObject({ 'if-none-match': ETAG, 'if-modified-since': LAST_MODIFIED });
  });

  it('revalidates with Last-Modified alone', async () => {
    const result = await h.fetcher.fetch(h.server.url('/feed.xml'), { lastModified: LAST_MODIFIED, etag: null });
    expect(result.kind).toBe('not-modified');
    expect(h.server.requests[0]?.headers['if-none-match']).toBeUndefined();
  });
});

describe('redirects', () => {
  it('reports a permanent redirect when every hop is 301 or 308, resolving relative Locations', async () => {
    h.redirect('/old/feed', 301, '/moved/feed');
    h.redirect('/moved/feed', 308, '../new/feed.xml?from=old');
    h.serveFeed('/new/feed.xml');
    const result = expectOk(await h.fetcher.fetch(h.server.url('/old/feed')));
    expect(result.finalUrl).toBe(h.server.url('/new/feed.xml?from=old'));
    expect(result.permanentRedirect).toBe(h.server.url('/new/feed.xml?from=old'));
  });

  it.each([
    ['a 302 hop', [301, 302]],
    ['a 307 hop', [307, 308]],
    ['a 303 hop alone', [303]],
  ])('does not report a permanent redirect with %s', async (_case, statuses) => {
    statuses.forEach((status, i) => h.redirect(`/r${i}`, status, `/r${i + 1}`));
    h.serveFeed(`/r${statuses.length}`);
    const result = expectOk(await h.fetcher.fetch(h.server.url('/r0')));
    expect(result.finalUrl).toBe(h.server.url(`/r${statuses.length}`));
    expect(result.permanentRedirect).toBeNull();
  });

  it('reports a permanent redirect on a 304 too', async () => {
    h.redirect('/old', 301, '/new');
    h.server.route('/new', (_req, res) => res.writeHead(304).end());
    const result = await h.fetcher.fetch(h.server.url('/old'), { etag: '"x"' });
    expect(result).toMatchObject({ kind: 'not-modified', permanentRedirect: h.server.url('/new'), maxAgeMs: null });
    expect(h.server.requests[1]?.headers['if-none-match']).toBe('"x"');
  });

  it('follows exactly maxRedirects hops', async () => {
    for (let i = 0; i < 5; i++) h.redirect(`/hop${i}`, 302, `/hop${i + 1}`);
    h.serveFeed('/hop5');
    expect(expectOk(await h.fetcher.fetch(h.server.url('/hop0'))).finalUrl).toBe(h.server.url('/hop5'));
  });

  it('refuses a 6-hop chain when maxRedirects is 5', async () => {
    for (let i = 0; i < 6; i++) h.redirect(`/hop${i}`, 301, `/hop${i + 1}`);
    h.serveFeed('/hop6');
    const err = await failure(h.fetcher.fetch(h.server.url('/hop0')));
    expect(err.code).toBe('FETCH_TOO_MANY_REDIRECTS');
    expect(err.message).toContain(`fetch ${h.server.url('/hop0')}: more than 5 redirects`);
    expect(h.server.requests.map((r) => r.path)).not.toContain('/hop6');
  });

  it('honours a per-call maxRedirects', async () => {
    h.redirect('/a', 302, '/b');
    h.serveFeed('/b');
    expect((await failure(h.fetcher.fetch(h.server.url('/a'), { maxRedirects: 0 }))).code).toBe('FETCH_TOO_MANY_REDIRECTS');
  });

  it('detects a redirect loop', async () => {
    h.redirect('/a', 302, '/b');
    h.redirect('/b', 302, '/a#again');
    const err = await failure(h.fetcher.fetch(h.server.url('/a')));
    expect(err.code).toBe('FETCH_TOO_MANY_REDIRECTS');
    expect(err.message).toContain('redirect loop');
    expect(h.server.requests).toHaveLength(2);
  });

  it.each([
    ['ftp:', 'ftp://files.example/feed.xml'],
    ['file:', 'file:///etc/passwd'],
  ])('refuses a redirect to a %s URL', async (_scheme, location) => {
    h.redirect('/a', 302, location);
    const err = await failure(h.fetcher.fetch(h.server.url('/a')));
    expect(err.code).toBe('FETCH_BAD_URL');
    expect(err.message).toContain(h.server.url('/a'));
  });
});

describe('statuses', () => {
  it('410 is gone', async () => {
    h.server.route('/gone', (_req, res) => res.writeHead(410).end('this feed has ended'));
    expect(await h.fetcher.fetch(h.server.url('/gone'))).toEqual({ kind: 'gone', status: 410, finalUrl: h.server.url('/gone') });
  });

  it.each([
    ['429 with delta seconds', 429, '120', 120_000],
    ['429 without Retry-After', 429, null, null],
    ['429 with a malformed value', 429, 'later', null],
    ['503 with delta seconds', 503, '30', 30_000],
  ])('%s is rate-limited', async (_case, status, retryAfter, expected) => {
    h.server.route('/busy', (_req, res) => res.writeHead(status, retryAfter === null ? {} : { 'retry-after': retryAfter }).end());
    expect(await h.fetcher.fetch(h.server.url('/busy'))).toEqual({
      kind: 'rate-limited',
      status,
      retryAfterMs: expected,
      finalUrl: h.server.url('/busy'),
    });
  });

  it('429 with an HTTP-date Retry-After', async () => {
    h.server.route('/busy', (_req, res) => res.writeHead(429, { 'retry-after': new Date(Date.now() + 90_000).toUTCString() }).end());
    const result = await h.fetcher.fetch(h.server.url('/busy'));
    if (result.kind !== 'rate-limited') throw new Error(`expected rate-limited, got ${result.kind}`);
    // HTTP-dates have whole seconds, and a little time passes between server and client.
    expect(result.retryAfterMs).toBeGreaterThan(87_000);
    expect(result.retryAfterMs).toBeLessThanOrEqual(90_000);
  });

  it.each([
    ['404', 404, {}],
    ['500', 500, {}],
    ['403', 403, {}],
    ['503 without Retry-After', 503, {}],
    ['301 without Location', 301, {}],
  ])('%s is a FETCH_HTTP_STATUS error', async (_case, status, headers) => {
    h.server.route('/x', (_req, res) => res.writeHead(status, headers).end('nope'));
    const err = await failure(h.fetcher.fetch(h.server.url('/x')));
    expect(err.code).toBe('FETCH_HTTP_STATUS');
    expect(err.details).toEqual({ status });
    expect(err.message).toMatch(new RegExp(`^fetch ${h.server.url('/x')}: HTTP ${status}`));
  });

  it('names the hop and the original URL when a redirect target fails', async () => {
    h.redirect('/a', 302, '/missing');
    const err = await failure(h.fetcher.fetch(h.server.url('/a')));
    expect(err.message).toBe(`fetch ${h.server.url('/missing')} (redirected from ${h.server.url('/a')}): HTTP 404 Not Found, expected 2xx`);
  });
});
