/** The exchange observer: what WARC capture sees of each final response. */
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFixtureServer } from '../../test/fixture-server.js';
import type { FixtureServer } from '../../test/fixture-server.js';
import { createFetcher } from './fetcher.js';
import { CONFIG, FEED } from './testdata/fetch-harness.js';
import type { Exchange } from './types.js';

let server: FixtureServer;
beforeEach(async () => {
  server = await startFixtureServer();
  server.route('/old', (_req, res) => res.writeHead(301, { location: '/feed.xml' }).end());
  server.route('/feed.xml', (req, res) => {
    if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304, { etag: '"v1"' }).end();
    return res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip', etag: '"v1"' }).end(zlib.gzipSync(FEED));
  });
});
afterEach(() => server.close());

describe('onExchange', () => {
  it('reports the final response of each fetch with the headers sent and the decoded body', async () => {
    const seen: Exchange[] = [];
    const fetcher = createFetcher({ ...CONFIG, onExchange: (ex) => void seen.push(ex) });
    await fetcher.fetch(server.url('/old'));
    await fetcher.fetch(server.url('/feed.xml'), { etag: '"v1"' });
    await fetcher.close();
    expect(seen.map((ex) => [ex.url, ex.status])).toEqual([
      [server.url('/feed.xml'), 200],
      [server.url('/feed.xml'), 304],
    ]);
    expect(Buffer.from(seen[0]?.body ?? []).equals(FEED)).toBe(true);
    expect(seen[0]?.responseHeaders['content-encoding']).toBe('gzip');
    expect(seen[0]?.requestHeaders['user-agent']).toBe(CONFIG.userAgent);
    expect(seen[1]?.requestHeaders['if-none-match']).toBe('"v1"');
    expect(seen[1]?.body.length).toBe(0);
  });

  it('does not fail a fetch when the observer throws', async () => {
    const fetcher = createFetcher({
      ...CONFIG,
      onExchange: () => {
        throw new Error('disk full');
      },
    });
    const result = await fetcher.fetch(server.url('/feed.xml'));
    await fetcher.close();
    expect(result.kind).toBe('ok');
  });
});

describe('captured', () => {
  it('passes on what the observer named a 2xx response by, and is null without an observer', async () => {
    const named = createFetcher({ ...CONFIG, onExchange: (ex) => `len:${ex.body.length}` });
    const plain = createFetcher(CONFIG);
    const [a, b] = [await named.fetch(server.url('/feed.xml')), await plain.fetch(server.url('/feed.xml'))];
    await Promise.all([named.close(), plain.close()]);
    expect(a.kind === 'ok' && a.captured).toBe(`len:${FEED.length}`);
    expect(b.kind === 'ok' && b.captured).toBe(null);
  });
});
