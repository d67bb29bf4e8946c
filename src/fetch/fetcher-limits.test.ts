/**
 * The fetcher's failure paths against a loopback server: size cap, timeouts, network and DNS
 * errors, bad URLs, aborts, and the per-host and global concurrency limits.
 */
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findClosedPort } from '../../test/fixture-server.js';
import { expectOk, failure, loopbackLookup, useFetchHarness } from './testdata/fetch-harness.js';

const h = useFetchHarness();

describe('size cap', () => {
  it('refuses a body larger than maxBytes (declared length)', async () => {
    h.serveFeed('/big', {}, Buffer.alloc(5000, 0x61));
    const err = await failure(h.fetcher.fetch(h.server.url('/big'), { maxBytes: 1000 }));
    expect(err.code).toBe('FETCH_TOO_LARGE');
    expect(err.message).toContain(h.server.url('/big'));
  });

  it('refuses a chunked body once it passes maxBytes', async () => {
    h.server.route('/stream', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write(Buffer.alloc(1024, 0x62)), 5);
      res.on('close', () => clearInterval(timer)); // never ends by itself: only the cap stops it
    });
    const err = await failure(h.fetcher.fetch(h.server.url('/stream'), { maxBytes: 8000 }));
    expect(err.code).toBe('FETCH_TOO_LARGE');
  });

  it('refuses a gzip bomb on its decompressed size', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(32 * 1024 * 1024));
    h.serveFeed('/bomb', { 'content-encoding': 'gzip' }, bomb);
    const err = await failure(h.fetcher.fetch(h.server.url('/bomb'), { maxBytes: 1_000_000 }));
    expect(err.code).toBe('FETCH_TOO_LARGE');
    expect(err.message).toContain('decompressed');
  });
});

describe('timeouts and network failures', () => {
  it('times out a server that never answers', async () => {
    h.server.route('/hang', () => undefined);
    const started = Date.now();
    const err = await failure(h.fetcher.fetch(h.server.url('/hang'), { timeoutMs: 300 }));
    expect(err.code).toBe('FETCH_TIMEOUT');
    expect(err.message).toBe(`fetch ${h.server.url('/hang')}: no response after 0.3 s`);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('times out a body that stalls after the headers', async () => {
    h.server.route('/stall', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('the first half of the story…');
    });
    const err = await failure(h.fetcher.fetch(h.server.url('/stall'), { timeoutMs: 300 }));
    expect(err.code).toBe('FETCH_TIMEOUT');
    expect(err.message).toContain('response body not complete after 0.3 s');
  });

  it('counts the total timeout across redirect hops', async () => {
    h.redirect('/a', 302, '/hang');
    h.server.route('/hang', () => undefined);
    const err = await failure(h.fetcher.fetch(h.server.url('/a'), { timeoutMs: 300 }));
    expect(err.code).toBe('FETCH_TIMEOUT');
    expect(err.message).toContain('(redirected from');
  });

  it('times out a connection that cannot be made (lookup never answers)', async () => {
    const hanging = h.makeFetcher({ lookup: () => new Promise(() => undefined), connectTimeoutMs: 200 });
    const err = await failure(hanging.fetch('http://slow.test/feed.xml'));
    expect(err.code).toBe('FETCH_TIMEOUT');
    expect(err.message).toBe('fetch http://slow.test/feed.xml: no connection after 0.2 s');
  });

  it('reports a refused connection on a closed port', async () => {
    const port = await findClosedPort();
    const err = await failure(h.fetcher.fetch(`http://127.0.0.1:${port}/feed.xml`));
    expect(err.code).toBe('FETCH_NETWORK');
    expect(err.message).toBe(`fetch http://127.0.0.1:${port}/feed.xml: connection refused by 127.0.0.1:${port} (ECONNREFUSED)`);
  });

  it('reports a connection reset mid-body', async () => {
    h.server.route('/reset', (req, res) => {
      res.writeHead(200, { 'content-length': '100000' });
      res.write('partial');
      setTimeout(() => req.socket.destroy(), 20);
    });
    const err = await failure(h.fetcher.fetch(h.server.url('/reset')));
    expect(err.code).toBe('FETCH_NETWORK');
    expect(err.message).toContain(h.server.url('/reset'));
  });

  it('reports a DNS failure from the injected lookup', async () => {
    const viaLookup = h.makeFetcher({ lookup: loopbackLookup });
    const err = await failure(viaLookup.fetch('http://news.missing/feed.xml'));
    expect(err.code).toBe('FETCH_DNS');
    expect(err.message).toBe('fetch http://news.missing/feed.xml: could not resolve host news.missing (ENOTFOUND)');
  });

  it('rejects with the caller’s reason when the signal aborts', async () => {
    h.server.route('/hang', () => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('shutting down')), 50);
    await expect(h.fetcher.fetch(h.server.url('/hang'), { signal: controller.signal })).rejects.toThrow('shutting down');
  });

  it.each([
    ['not a URL', 'feeds/rss.xml'],
    ['an ftp URL', 'ftp://files.example/feed.xml'],
    ['a file URL', 'file:///etc/passwd'],
    ['a javascript URL', 'javascript:alert(1)'],
  ])('refuses %s with FETCH_BAD_URL', async (_case, url) => {
    const err = await failure(h.fetcher.fetch(url));
    expect(err.code).toBe('FETCH_BAD_URL');
    expect(err.message).toContain(url.split('/')[0] as string);
  });

  it('refuses to fetch after close()', async () => {
    await h.fetcher.close();
    expect((await failure(h.fetcher.fetch(h.server.url('/feed.xml')))).code).toBe('FETCH_NETWORK');
  });
});

describe('concurrency limits', () => {
  /** A route that answers after `delayMs` and records the peak number of requests in flight, per Host. */
  function countConcurrency(delayMs: number): { peak: () => number; peakByHost: Map<string, number> } {
    let current = 0;
    let peak = 0;
    const currentByHost = new Map<string, number>();
    const peakByHost = new Map<string, number>();
    h.server.route('/slow', (req, res) => {
      const host = req.headers.host ?? '';
      current++;
      peak = Math.max(peak, current);
      currentByHost.set(host, (currentByHost.get(host) ?? 0) + 1);
      peakByHost.set(host, Math.max(peakByHost.get(host) ?? 0, currentByHost.get(host) ?? 0));
      setTimeout(() => {
        current--;
        currentByHost.set(host, (currentByHost.get(host) ?? 1) - 1);
        res.end('done');
      }, delayMs);
    });
    return { peak: () => peak, peakByHost };
  }

  it('keeps at most perHostConcurrency requests in flight to one host', async () => {
    const counter = countConcurrency(80);
    const results = await Promise.all(Array.from({ length: 6 }, () => h.fetcher.fetch(h.server.url('/slow'))));
    expect(results.every((r) => r.kind === 'ok')).toBe(true);
    expect(counter.peak()).toBe(2);
  });

  it('keeps at most globalConcurrency requests in flight across hosts', async () => {
    const counter = countConcurrency(80);
    const many = h.makeFetcher({ lookup: loopbackLookup, perHostConcurrency: 2, globalConcurrency: 3 });
    const urls = ['a.test', 'b.test', 'c.test'].flatMap((host) => Array.from({ length: 3 }, () => `http://${host}:${h.server.port}/slow`));
    const results = await Promise.all(urls.map((url) => many.fetch(url)));
    expect(results.every((r) => r.kind === 'ok')).toBe(true);
    expect(counter.peak()).toBe(3);
    expect(Math.max(...counter.peakByHost.values())).toBeLessThanOrEqual(2);
  });

  it('releases the slot on every failure path', async () => {
    const single = h.makeFetcher({ perHostConcurrency: 1, globalConcurrency: 1 });
    h.server.route('/hang', () => undefined);
    h.redirect('/loop', 302, '/loop');
    h.serveFeed('/big', {}, Buffer.alloc(5000));
    h.serveFeed('/feed.xml');
    const failures = [
      single.fetch(h.server.url('/missing')),
      single.fetch(h.server.url('/hang'), { timeoutMs: 200 }),
      single.fetch(h.server.url('/loop')),
      single.fetch(h.server.url('/big'), { maxBytes: 100 }),
      single.fetch(`http://127.0.0.1:${await findClosedPort()}/`),
    ];
    const codes = await Promise.all(failures.map((p) => failure(p).then((e) => e.code)));
    expect(codes).toEqual(['FETCH_HTTP_STATUS', 'FETCH_TIMEOUT', 'FETCH_TOO_MANY_REDIRECTS', 'FETCH_TOO_LARGE', 'FETCH_NETWORK']);
    expect(expectOk(await single.fetch(h.server.url('/feed.xml'))).status).toBe(200);
  });
});
