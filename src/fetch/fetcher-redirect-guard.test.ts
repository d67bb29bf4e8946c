/**
 * The guard on redirect hops. With allowPrivateNetworks off, a loopback fixture server cannot
 * serve the first hop, so this file alone treats 127.0.0.1 as if it were a public web server
 * (by mocking classifyAddress for that one address). Everything else is classified for real.
 */
import net from 'node:net';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { startFixtureServer } from '../../test/fixture-server.js';
import type { FixtureServer } from '../../test/fixture-server.js';
import { createFetcher } from './index.js';
import { failure, notFound } from './testdata/fetch-harness.js';
import type { Fetcher, LookupFn } from './index.js';
import type * as AddressGuard from './address-guard.js';

vi.mock('./address-guard.js', async (importOriginal) => {
  const actual = await importOriginal<typeof AddressGuard>();
  return { ...actual, classifyAddress: (ip: string) => (ip === '127.0.0.1' ? null : actual.classifyAddress(ip)) };
});

let server: FixtureServer;
let fetcher: Fetcher;
const asked: string[] = [];

const lookup: LookupFn = async (hostname) => {
  asked.push(hostname);
  if (hostname === 'evil.test') return [{ address: '10.0.0.1', family: 4 }];
  throw notFound(hostname);
};

beforeEach(async () => {
  asked.length = 0;
  server = await startFixtureServer();
  fetcher = createFetcher({
    userAgent: 'feedkeeper-test/0.1',
    timeoutMs: 3000,
    connectTimeoutMs: 1000,
    maxBytes: 100_000,
    maxRedirects: 5,
    allowPrivateNetworks: false,
    globalConcurrency: 4,
    lookup,
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await server.close();
  await fetcher.close();
});


it('the stand-in public server is reachable with the guard on', async () => {
  server.route('/feed.xml', (_req, res) => res.end('<rss/>'));
  expect((await fetcher.fetch(server.url('/feed.xml'))).kind).toBe('ok');
});

it('refuses a redirect to a name that resolves to a private address, without connecting to it', async () => {
  const secret = `http://evil.test:${server.port}/secret`;
  server.route('/start', (_req, res) => res.writeHead(302, { location: secret }).end());
  const connect = vi.spyOn(net, 'connect');
  const err = await failure(fetcher.fetch(server.url('/start')));
  expect(err.code).toBe('FETCH_REFUSED_ADDRESS');
  expect(err.message).toBe(
    `refusing to connect to 10.0.0.1 (private network) for ${secret} (redirected from ${server.url('/start')}); ` +
      'set --allow-private-networks to allow',
  );
  expect(asked).toEqual(['evil.test']);
  expect(connect).toHaveBeenCalledTimes(1); // the first hop only
  expect(server.requests.map((r) => r.path)).toEqual(['/start']);
});

it.each([
  ['cloud metadata', 'http://169.254.169.254/latest/meta-data/iam/', '169.254.169.254'],
  ['IPv6 loopback', 'http://[::1]/admin', '::1'],
  ['private network', 'http://10.0.0.7/internal', '10.0.0.7'],
])('refuses a redirect to an IP literal (%s)', async (_case, location, address) => {
  server.route('/start', (_req, res) => res.writeHead(301, { location }).end());
  const connect = vi.spyOn(net, 'connect');
  const err = await failure(fetcher.fetch(server.url('/start')));
  expect(err.code).toBe('FETCH_REFUSED_ADDRESS');
  expect(err.details).toMatchObject({ address });
  expect(connect).toHaveBeenCalledTimes(1);
  expect(asked).toEqual([]);
});
