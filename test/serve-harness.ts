/**
 * The web app in-process for tests: an in-memory SQLite store, the in-process queue, a fake clock,
 * an admin with a session and an API token, and `app.request()` wrappers that sign requests as a
 * browser (session cookie + CSRF token on unsafe methods), as a program (bearer token), or not at
 * all; `addUser` makes more people with clients of their own. Subscribing uses the real ingest service with a fetcher that may reach loopback, so tests
 * can point it at test/fixture-server.ts.
 */
import { cleanHtml } from '../src/clean/index.js';
import type { Hono } from 'hono';
import { silentLogger } from '../src/core/index.js';
import { createFetcher } from '../src/fetch/index.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules } from '../src/extract/index.js';
import { articleKey, contentHash, refreshFeed, subscriptionService, type IngestDeps } from '../src/ingest/index.js';
import { createMemoryQueue } from '../src/queue/memory/index.js';
import { createApp, createMetrics, DEFAULT_SERVE_OPTIONS, hashPassword, hashSecret, newApiToken, startServer, type AppEnv, type Metrics, type RunningServer, type ServeOptions } from '../src/serve/index.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import type { IncomingArticle, Store, Subscription, User } from '../src/store/index.js';
import type { JobQueue } from '../src/queue/index.js';
import { DEFAULT_RULES } from '../src/clean/index.js';
import { webhookService } from '../src/webhooks/index.js';

export const T0 = Date.UTC(2024, 2, 4, 8, 30, 0);
/** Cheap scrypt parameters: tests sign in often; production uses DEFAULT_COST. */
export const TEST_COST = { N: 1024, r: 8, p: 1 };
export const ADMIN = { username: 'admin', password: 'correct horse battery' };

export interface FakeClock {
  now(): number;
  advance(ms: number): void;
}

export interface UserClients {
  user: User;
  token: string;
  session: { cookie: string; csrf: string };
  browser(path: string, init?: RequestInit & { csrf?: boolean }): Promise<Response>;
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Subscribes this user to a feed the archive has. */
  subscribe(feedId: number, settings?: { titleOverride?: string | null; tags?: string[] }): Promise<Subscription>;
}

export interface ServeHarness {
  app: Hono<AppEnv>;
  store: Store;
  queue: JobQueue;
  clock: FakeClock;
  metrics: Metrics;
  admin: User;
  /** The admin's API token (secret). */
  token: string;
  /** The admin's session cookie value and that session's CSRF token. */
  session: { cookie: string; csrf: string };
  /** As the signed-in browser: session cookie, and the CSRF header on unsafe methods unless `csrf: false`. */
  browser(path: string, init?: RequestInit & { csrf?: boolean }): Promise<Response>;
  /** As a program: `Authorization: Bearer <token>`. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** With no credentials at all. */
  anon(path: string, init?: RequestInit): Promise<Response>;
  /** A feed the admin subscribes to (title: the feed's own title; name: the admin's override). */
  addFeed(url: string, over?: { title?: string; tags?: string[]; name?: string }): Promise<Subscription>;
  /** The admin's subscription to a feed (by id or URL), or null when the admin has none. */
  subscription(ref: number | string): Promise<Subscription | null>;
  /** Another user, with a session and a token of their own, signed like the admin's clients. */
  addUser(username: string, opts?: { admin?: boolean }): Promise<UserClients>;
  /** Listens on 127.0.0.1 (a free port) for a real client such as Chromium. */
  listen(): Promise<RunningServer>;
  /** Refreshes every enabled feed now, as `run` would (records into a temp archive). */
  refreshAll(): Promise<void>;
  /**
   * Stores invented articles under a feed through applyRefresh (cleaned like ingest does); returns
   * their ids, in order, as seen by a subscriber of the feed (the admin unless `reader` is given).
   */
  addArticles(feedId: number, articles: ArticleSpec[], reader?: User): Promise<number[]>;
  close(): Promise<void>;
}

export interface ArticleSpec {
  key?: string;
  title: string;
  html: string;
  link?: string;
  author?: string | null;
  publishedAt?: number;
  summary?: string | null;
  categories?: string[];
}

export async function startServeHarness(opts: { options?: Partial<ServeOptions>; processJobs?: boolean; mediaDir?: string; mediaKey?: Uint8Array } = {}): Promise<ServeHarness> {
  let now = T0;
  const clock: FakeClock = { now: () => now, advance: (ms) => void (now += ms) };
  const store = await openSqliteStore({ file: ':memory:', clock });
  const queue = createMemoryQueue({ clock, logger: silentLogger });
  const metrics = createMetrics({ processMetrics: false });
  metrics.setSources({ counts: () => store.articles.count(), queueDepth: () => queue.depth() });
  const fetcher = createFetcher({ userAgent: 'feedkeeper-test', timeoutMs: 5000, connectTimeoutMs: 2000, maxBytes: 5 * 1024 * 1024, maxRedirects: 3, allowPrivateNetworks: true, perHostConcurrency: 4, globalConcurrency: 8 });
  const subDeps = { store, fetcher, clock };
  const app = createApp({
    store,
    queue,
    clock,
    logger: silentLogger,
    metrics,
    cleanRules: DEFAULT_RULES,
    subscriptions: subscriptionService(subDeps),
    webhooks: webhookService({ ...subDeps, logger: silentLogger, allowPrivateNetworks: true }),
    options: { ...DEFAULT_SERVE_OPTIONS, ...opts.options },
    ...(opts.mediaDir === undefined ? {} : { mediaDir: opts.mediaDir }),
    ...(opts.mediaKey === undefined ? {} : { mediaKey: opts.mediaKey }),
  });
  const request = (path: string, init: RequestInit, extra: Record<string, string>) => {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(extra)) if (!headers.has(k)) headers.set(k, v);
    return Promise.resolve(app.request(path.startsWith('http') ? path : `http://127.0.0.1${path}`, { ...init, headers }));
  };
  const clientsOf = async (user: User): Promise<UserClients> => {
    const token = newApiToken();
    await store.tokens.create({ userId: user.id, name: 'tests', tokenHash: hashSecret(token) });
    const session = { cookie: newApiToken(), csrf: newApiToken() };
    await store.sessions.create({ idHash: hashSecret(session.cookie), userId: user.id, csrfToken: session.csrf, createdAt: now, expiresAt: now + 86_400_000 });
    return {
      user,
      token,
      session,
      browser: (path, init = {}) => {
        const unsafe = !['GET', 'HEAD', undefined].includes(init.method?.toUpperCase());
        return request(path, init, { cookie: `fk_session=${session.cookie}`, ...(unsafe && init.csrf !== false ? { 'x-csrf-token': session.csrf } : {}) });
      },
      api: (path, init = {}) => request(path, init, { authorization: `Bearer ${token}` }),
      subscribe: (feedId, settings = {}) => store.subscriptions.add(user.id, feedId, settings),
    };
  };
  const admin = await store.users.create({ username: ADMIN.username, passwordHash: await hashPassword(ADMIN.password, TEST_COST), isAdmin: true });
  const adminClients = await clientsOf(admin);
  const { token, session } = adminClients;
  let seq = 0;
  const archiveDir = await mkdtemp(join(tmpdir(), 'feedkeeper-serve-'));
  const ingest: IngestDeps = { store, fetcher, stages: { siteRules: loadRules([]), cleanRules: DEFAULT_RULES }, clock, logger: silentLogger, archiveDir, bounds: { minIntervalMs: 60_000, maxIntervalMs: 86_400_000 }, random: () => 0.5 };
  // "Fetch now" in the reader enqueues a refresh; with processJobs it runs as `run` would run it.
  if (opts.processJobs) queue.process('refreshFeed', async ({ feedId }) => void (await refreshFeed(ingest, feedId)), { concurrency: 2 });
  const servers: RunningServer[] = [];
  return {
    app,
    store,
    queue,
    clock,
    metrics,
    admin,
    token,
    session,
    browser: adminClients.browser,
    api: adminClients.api,
    anon: (path, init = {}) => request(path, init, {}),
    async listen() {
      const server = await startServer(app, { host: '127.0.0.1', port: 0 });
      servers.push(server);
      return server;
    },
    async refreshAll() {
      for (const feed of await store.feeds.list()) if (feed.enabled) await refreshFeed(ingest, feed.id);
    },
    async addFeed(url, over = {}) {
      const feed = await store.feeds.add({ url, title: over.title ?? null, nextCheckAt: now });
      return store.subscriptions.add(admin.id, feed.id, { titleOverride: over.name ?? null, tags: over.tags ?? [] });
    },
    async subscription(ref) {
      const feed = typeof ref === 'number' ? { id: ref } : await store.feeds.getByUrl(ref);
      return feed === null ? null : store.subscriptions.get(admin.id, feed.id);
    },
    async addUser(username, opts = {}) {
      const user = await store.users.create({ username, passwordHash: await hashPassword(ADMIN.password, TEST_COST), isAdmin: opts.admin === true });
      return clientsOf(user);
    },
    async addArticles(feedId, specs, reader = admin) {
      const feed = await store.feeds.get(feedId);
      if (feed === null) throw new Error(`no feed ${feedId}`);
      const articles: IncomingArticle[] = specs.map((s) => {
        const link = s.link ?? `https://news.example.org/${feedId}/${++seq}.html`;
        const key = s.key ?? articleKey({ id: null, link, title: s.title, published: null }, feed.url);
        const clean = cleanHtml(s.html, { baseUrl: link });
        return {
          key,
          title: s.title,
          link,
          author: s.author ?? null,
          publishedAt: s.publishedAt ?? now,
          updatedAt: null,
          summary: s.summary ?? null,
          html: s.html,
          categories: s.categories ?? [],
          contentHash: contentHash(s.title, s.html),
          recordId: hashSecret(key).slice(0, 16),
          extraction: 'feed',
          clean,
          // Watched as a real ingest would: first page re-check an hour on.
          watchFirstAt: now + 3_600_000,
        };
      });
      await store.articles.applyRefresh(feedId, articles, { status: 'ok', fetchedAt: now, error: null, consecutiveFailures: 0, nextCheckAt: now + 3_600_000, scheduleReason: 'test' });
      // Ids by link: the newest 500 of the feed are plenty for a test.
      const listed = await store.entries.list({ userId: reader.id, feedId }, { limit: 500, cursor: null });
      const byLink = new Map(listed.entries.map((e) => [e.link, e.id]));
      const found = articles.flatMap((a) => byLink.get(a.link) ?? []);
      return found;
    },
    async close() {
      for (const server of servers) await server.close();
      await queue.close();
      await fetcher.close();
      await store.close();
      await rm(archiveDir, { recursive: true, force: true });
    },
  };
}
