/**
 * Shared set-up for the fetcher's loopback tests: a fixture server and a fetcher per test (both
 * closed afterwards), a sample feed written for these tests, and small assertion helpers.
 */
import { afterEach, beforeEach } from 'vitest';
import { FeedkeeperError } from '../../core/errors.js';
import { startFixtureServer } from '../../../test/fixture-server.js';
import type { FixtureServer } from '../../../test/fixture-server.js';
import { createFetcher } from '../index.js';
import type { FetchResult, Fetcher, FetcherConfig, LookupFn } from '../index.js';

export const FEED = Buffer.from(
  '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>江城晚报</title>' +
    '<item><title>新桥今晨通车</title><description>The new bridge over the river opened at dawn.</description></item>' +
    '</channel></rss>',
  'utf8',
);

export const CONFIG: FetcherConfig = {
  userAgent: 'feedkeeper-test/0.1 (+http://127.0.0.1/about)',
  timeoutMs: 5000,
  connectTimeoutMs: 2000,
  maxBytes: 1_000_000,
  maxRedirects: 5,
  allowPrivateNetworks: true,
  perHostConcurrency: 2,
  globalConcurrency: 8,
};

/** A resolver failure shaped like Node's. */
export function notFound(hostname: string): Error {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
}

/** Every name resolves to the loopback fixture server; names ending in .missing do not resolve. */
export const loopbackLookup: LookupFn = async (hostname) => {
  if (hostname.endsWith('.missing')) throw notFound(hostname);
  return [{ address: '127.0.0.1', family: 4 }];
};

/** The FeedkeeperError a fetch rejects with; fails the test if it succeeds or throws anything else. */
export async function failure(promise: Promise<unknown>): Promise<FeedkeeperError> {
  const err = await promise.then(
    () => new Error('expected the fetch to fail, but it succeeded'),
    (e: unknown) => e,
  );
  if (!(err instanceof FeedkeeperError)) throw err;
  return err;
}

export function expectOk(result: FetchResult): Extract<FetchResult, { kind: 'ok' }> {
  if (result.kind !== 'ok') throw new Error(`expected kind ok, got ${result.kind}`);
  return result;
}

export interface FetchHarness {
  readonly server: FixtureServer;
  /** Built from CONFIG. */
  readonly fetcher: Fetcher;
  /** Another fetcher with some settings changed, closed after the test. */
  makeFetcher(overrides: Partial<FetcherConfig>): Fetcher;
  serveFeed(path: string, headers?: Record<string, string>, body?: Buffer): void;
  redirect(from: string, status: number, location: string): void;
}

/** Registers beforeEach/afterEach hooks; call once at the top of a test file. */
export function useFetchHarness(): FetchHarness {
  let server: FixtureServer | undefined;
  let fetchers: Fetcher[] = [];
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('fetch harness used outside a test');
    return value;
  };
  beforeEach(async () => {
    server = await startFixtureServer();
    fetchers = [createFetcher(CONFIG)];
  });
  afterEach(async () => {
    await server?.close();
    await Promise.all(fetchers.map((f) => f.close()));
    fetchers = [];
  });
  return {
    get server() {
      return need(server);
    },
    get fetcher() {
      return need(fetchers[0]);
    },
    makeFetcher(overrides) {
      const made = createFetcher({ ...CONFIG, ...overrides });
      fetchers.push(made);
      return made;
    },
    serveFeed(path, headers = {}, body = FEED) {
      need(server).route(path, (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', ...headers }).end(body),
      );
    },
    redirect(from, status, location) {
      need(server).route(from, (_req, res) => res.writeHead(status, { location }).end('moved'));
    },
  };
}
