/**
 * The SSRF guard with allowPrivateNetworks off. No test here may reach anything but the loopback
 * fixture server, and the point of most of them is that it is not reached either: `net.connect`
 * is spied on to prove that a refused fetch never opens a socket.
 */
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFixtureServer } from '../../test/fixture-server.js';
import type { FixtureServer } from '../../test/fixture-server.js';
import { createFetcher } from './index.js';
import { failure, notFound } from './testdata/fetch-harness.js';
import type { Fetcher, FetcherConfig, LookupAddress, LookupFn } from './index.js';

const CONFIG: FetcherConfig = {
  userAgent: 'feedkeeper-test/0.1',
  timeoutMs: 3000,
  connectTimeoutMs: 1000,
  maxBytes: 100_000,
  maxRedirects: 5,
  allowPrivateNetworks: false,
  globalConcurrency: 4,
};

let server: FixtureServer;
let fetchers: Fetcher[] = [];

function guardedFetcher(lookup?: LookupFn): Fetcher {
  const fetcher = createFetcher(lookup ? { ...CONFIG, lookup } : CONFIG);
  fetchers.push(fetcher);
  return fetcher;
}

/** A lookup answering from a table, recording every name it was asked for. */
function tableLookup(table: Record<string, LookupAddress[] | LookupAddress[][]>): LookupFn & { asked: string[] } {
  const asked: string[] = [];
  const calls = new Map<string, number>();
  const lookup = async (hostname: string): Promise<LookupAddress[]> => {
    asked.push(hostname);
    const entry = table[hostname];
    if (!entry) throw notFound(hostname);
    const n = calls.get(hostname) ?? 0;
    calls.set(hostname, n + 1);
    // A list of lists answers differently on each call (the last answer repeats): DNS rebinding.
    const isSequence = Array.isArray(entry[0]);
    return isSequence ? ((entry as LookupAddress[][])[Math.min(n, entry.length - 1)] ?? []) : (entry as LookupAddress[]);
  };
  return Object.assign(lookup, { asked });
}


beforeEach(async () => {
  server = await startFixtureServer();
  server.route('/feed.xml', (_req, res) => res.end('<rss/>'));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await server.close();
  await Promise.all(fetchers.map((f) => f.close()));
  fetchers = [];
});

describe('address guard (allowPrivateNetworks: false)', () => {
  it('refuses a plain 127.0.0.1 fetch without connecting', async () => {
    const connect = vi.spyOn(net, 'connect');
    const err = await failure(guardedFetcher().fetch(server.url('/feed.xml')));
    expect(err.code).toBe('FETCH_REFUSED_ADDRESS');
    expect(err.message).toBe(
      `refusing to connect to 127.0.0.1 (loopback) for ${server.url('/feed.xml')}; set --allow-private-networks to allow`,
    );
    expect(connect).not.toHaveBeenCalled();
    expect(server.requests).toHaveLength(0);
  });

  it('lets the same fetch through when a call allows private networks (and the net.connect spy sees it)', async () => {
    const connect = vi.spyOn(net, 'connect');
    const result = await guardedFetcher().fetch(server.url('/feed.xml'), { allowPrivateNetworks: true });
    expect(result.kind).toBe('ok');
    expect(connect).toHaveBeenCalledTimes(1); // proves the spy observes undici's sockets
  });

  it.each([
    ['decimal IPv4', (port: number) => `http://2130706433:${port}/feed.xml`, '127.0.0.1'],
    ['hex IPv4', (port: number) => `http://0x7f.0.0.1:${port}/feed.xml`, '127.0.0.1'],
    ['octal IPv4', (port: number) => `http://0177.0.0.1:${port}/feed.xml`, '127.0.0.1'],
    ['short IPv4', (port: number) => `http://127.1:${port}/feed.xml`, '127.0.0.1'],
    ['IPv6 loopback', (port: number) => `http://[::1]:${port}/feed.xml`, '::1'],
    ['IPv4-mapped IPv6', (port: number) => `http://[::ffff:127.0.0.1]:${port}/feed.xml`, '::ffff:7f00:1'],
    ['unspecified', (port: number) => `http://0.0.0.0:${port}/feed.xml`, '0.0.0.0'],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['AWS IPv6 metadata', () => 'http://[fd00:ec2::254]/latest/meta-data/', 'fd00:ec2::254'],
    ['private network over https', () => 'https://10.1.2.3/feed.xml', '10.1.2.3'],
  ])('refuses an IP-literal host (%s) without resolving or connecting', async (_case, makeUrl, address) => {
    const lookup = tableLookup({});
    const connect = vi.spyOn(net, 'connect');
    const err = await failure(guardedFetcher(lookup).fetch(makeUrl(server.port)));
    expect(err.code).toBe('FETCH_REFUSED_ADDRESS');
    expect(err.details).toMatchObject({ address });
    expect(lookup.asked).toEqual([]);
    expect(connect).not.toHaveBeenCalled();
    expect(server.requests).toHaveLength(0);
  });

  it.each<[string, Record<string, LookupAddress[]>, string, string]>([
    ['a private address', { 'evil.test': [{ address: '10.0.0.1', family: 4 }] }, '10.0.0.1', 'private network'],
    ['localhost over IPv6', { 'evil.test': [{ address: '::1', family: 6 }] }, '::1', 'loopback'],
    [
      'one private address among public ones',
      {
        'evil.test': [
          { address: '8.8.8.8', family: 4 },
          { address: '192.168.0.10', family: 4 },
        ],
      },
      '192.168.0.10',
      'private network',
    ],
    ['a link-local address', { 'evil.test': [{ address: '169.254.10.10', family: 4 }] }, '169.254.10.10', 'link-local'],
  ])('refuses a name that resolves to %s, before connecting', async (_case, table, address, addressClass) => {
    const lookup = tableLookup(table);
    const connect = vi.spyOn(net, 'connect');
    const err = await failure(guardedFetcher(lookup).fetch('http://evil.test/feed.xml'));
    expect(err.code).toBe('FETCH_REFUSED_ADDRESS');
    expect(err.message).toBe(
      `refusing to connect to ${address} (${addressClass}) for http://evil.test/feed.xml; set --allow-private-networks to allow`,
    );
    expect(lookup.asked).toEqual(['evil.test']);
    expect(connect).not.toHaveBeenCalled();
  });

  it('checks again at connect time: a name that rebinds to loopback after the first answer is refused', async () => {
    const lookup = tableLookup({
      'rebind.test': [[{ address: '8.8.8.8', family: 4 }], [{ address: '127.0.0.1', family: 4 }]],
    });
    const connect = vi.spyOn(net, 'connect');
    const err = await failure(guardedFetcher(lookup).fetch(`http://rebind.test:${server.port}/feed.xml`));
    expect(connect).toHaveBeenCalledTimes(1); // the socket was created, but its lookup refused the address
    expect(err.code).toBe('FETCH_REFUSED_ADDRESS');
    expect(err.message).toContain(`refusing to connect to 127.0.0.1 (loopback) for http://rebind.test:${server.port}/feed.xml`);
    expect(lookup.asked).toEqual(['rebind.test', 'rebind.test']); // the pre-check, then the socket's own lookup
    expect(server.requests).toHaveLength(0);
  });

  it('reports a DNS failure from the pre-connect check', async () => {
    const connect = vi.spyOn(net, 'connect');
    const err = await failure(guardedFetcher(tableLookup({})).fetch('http://nowhere.test/feed.xml'));
    expect(err.code).toBe('FETCH_DNS');
    expect(err.message).toBe('fetch http://nowhere.test/feed.xml: could not resolve host nowhere.test (ENOTFOUND)');
    expect(connect).not.toHaveBeenCalled();
  });
});
