/**
 * The feed site the ingest bench reads from: `feeds` generated news feeds (Chinese and English,
 * RSS 2.0 and Atom 1.0, exactly `itemsPerFeed` items of 3–10 KB of article HTML each) served by
 * node:http on 127.0.0.1, port 0. Every feed is rendered once, before the site reports ready, and
 * carries an ETag of its bytes; a request whose If-None-Match names it gets a 304.
 *
 * The site runs in a child process of its own, the way a remote server would: its memory (hundreds
 * of MB of pre-rendered feeds) and its CPU stay out of what the bench process measures. Feed i
 * depends only on (seed, i), so the same seed serves the same bytes on every machine.
 *
 * It also answers `/img/<any path>` with a JPEG made from the path (a JPEG header and filler,
 * 4–24 KB, the same bytes for the same path): the articles' figures point at
 * https://img.example.com/…, which the ingest bench maps here (imageUrlOnSite).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateFeedModel, KINDS } from './corpus.js';
import { renderFeed } from './feed-xml.js';
import { createRng, deriveSeed } from './prng.js';
import type { Lang } from './writer.js';

export interface FeedSiteOptions {
  seed: number;
  feeds: number;
  itemsPerFeed: number;
}

/** One served feed as the bench process sees it (the bytes stay in the site's process). */
export interface SiteFeedInfo {
  url: string;
  bytes: number;
  items: number;
  format: 'rss' | 'atom';
  lang: Lang;
}

/** What the site has answered since it started. */
export interface SiteCounters {
  requests: number;
  ok: number;
  notModified: number;
  /** Body bytes sent in 200 responses. */
  bytesSent: number;
}

export interface FeedSite {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly feeds: readonly SiteFeedInfo[];
  /** Sum of every feed's size: what one pass fetching every feed in full transfers. */
  readonly totalBytes: number;
  /** Time the site's process took to render every feed. */
  readonly renderMs: number;
  /** The site's process id (the scale bench reads its CPU time). */
  readonly pid: number;
  counters(): Promise<SiteCounters>;
  close(): Promise<void>;
}

interface RenderedFeed {
  path: string;
  body: Buffer;
  etag: string;
  contentType: string;
  info: Omit<SiteFeedInfo, 'url'>;
}

type ChildMessage =
  | { type: 'ready'; port: number; renderMs: number; feeds: Array<Omit<SiteFeedInfo, 'url'> & { path: string }> }
  | ({ type: 'counters' } & SiteCounters);


const READY_TIMEOUT_MS = 5 * 60_000;

/** Starts the site in a child process and resolves once every feed is rendered and it listens. */
export function startFeedSite(options: FeedSiteOptions): Promise<FeedSite> {
  const entry = `import(${JSON.stringify(import.meta.url)}).then((m) => m.runFeedSiteChild(${JSON.stringify(options)}));`;
  // execArgv is left out on purpose: a --cpu-prof on the bench must not profile the server too.
  const args = ['--expose-gc', '--input-type=module', '-e', entry];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise<FeedSite>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`feed site: not ready after ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    const onExit = (code: number | null, signal: string | null): void =>
      fail(new Error(`feed site: the child process exited before it was ready (code ${code}, signal ${signal})`));
    function fail(error: Error): void {
      clearTimeout(timer);
      child.off('exit', onExit);
      if (child.exitCode === null) child.kill();
      reject(error);
    }
    child.once('exit', onExit);
    child.once('error', fail);
    child.once('message', (message: ChildMessage) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      if (message.type !== 'ready') return fail(new Error(`feed site: expected a ready message, got ${message.type}`));
      resolve(connectToSite(child, message));
    });
  });
}

function connectToSite(child: ChildProcess, ready: Extract<ChildMessage, { type: 'ready' }>): FeedSite {
  const origin = `http://127.0.0.1:${ready.port}`;
  const feeds = ready.feeds.map(({ path, ...info }) => ({ url: `${origin}${path}`, ...info }));
  return {
    origin,
    feeds,
    totalBytes: feeds.reduce((sum, feed) => sum + feed.bytes, 0),
    renderMs: ready.renderMs,
    pid: child.pid ?? 0,
    counters: () =>
      new Promise<SiteCounters>((resolve, reject) => {
        child.once('message', (message: ChildMessage) => {
          if (message.type !== 'counters') return reject(new Error(`feed site: expected counters, got ${message.type}`));
          resolve({ requests: message.requests, ok: message.ok, notModified: message.notModified, bytesSent: message.bytesSent });
        });
        child.send({ type: 'counters' });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        // Disconnecting tells the child to close its server and exit; the kill is only a fallback.
        child.disconnect();
        setTimeout(() => child.kill(), 5_000).unref();
      }),
  };
}

/**
 * The child process's side: render, listen, answer, and exit when the parent lets go. Called by the
 * `-e` entry startFeedSite spawns, which static analysis cannot see.
 * @public
 */
export async function runFeedSiteChild(options: FeedSiteOptions): Promise<void> {
  const started = performance.now();
  const feeds = renderSite(options);
  const renderMs = performance.now() - started;
  // Rendering leaves hundreds of MB of garbage; collect it now rather than during a timed pass.
  (globalThis as { gc?: () => void }).gc?.();
  const byPath = new Map(feeds.map((feed) => [feed.path, feed]));
  const counters: SiteCounters = { requests: 0, ok: 0, notModified: 0, bytesSent: 0 };
  const server = createServer((req, res) => answer(byPath.get(req.url ?? ''), req, res, counters));
  // Longer than the gaps between bench phases, so each phase reuses the pooled connections.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'counters') process.send?.({ type: 'counters', ...counters });
  });
  process.once('disconnect', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
  const ready: ChildMessage = { type: 'ready', port, renderMs, feeds: feeds.map((feed) => ({ path: feed.path, ...feed.info })) };
  process.send?.(ready);
}

/** Where the site serves an article image's bytes; null for URLs it does not serve. */
export function imageUrlOnSite(origin: string, url: string): string | null {
  const prefix = 'https://img.example.com/';
  return url.startsWith(prefix) ? `${origin}/img/${url.slice(prefix.length)}` : null;
}

function answerImage(path: string, res: ServerResponse, counters: SiteCounters): void {
  const digest = createHash('sha256').update(path).digest();
  const size = 4096 + (digest.readUInt32BE(0) % (20 * 1024));
  const body = Buffer.alloc(size, digest);
  // SOI, APP0 "JFIF", SOF0 640×360: what sniffing reads; the rest is filler.
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xc0, 0, 17, 8, 1, 0x68, 2, 0x80]).copy(body);
  counters.ok++;
  counters.bytesSent += size;
  res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(size) }).end(body);
}

function answer(feed: RenderedFeed | undefined, req: IncomingMessage, res: ServerResponse, counters: SiteCounters): void {
  counters.requests++;
  if (feed === undefined && (req.url ?? '').startsWith('/img/')) return answerImage(req.url ?? '', res, counters);
  if (feed === undefined) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`no feed at ${req.url ?? ''}\n`);
    return;
  }
  const validators = (req.headers['if-none-match'] ?? '').split(',').map((tag) => tag.trim());
  if (validators.includes(feed.etag)) {
    counters.notModified++;
    res.writeHead(304, { etag: feed.etag }).end();
    return;
  }
  counters.ok++;
  counters.bytesSent += feed.body.length;
  res.writeHead(200, { 'content-type': feed.contentType, 'content-length': String(feed.body.length), etag: feed.etag });
  res.end(feed.body);
}

function renderSite(options: FeedSiteOptions): RenderedFeed[] {
  const feeds: RenderedFeed[] = [];
  const digits = String(Math.max(0, options.feeds - 1)).length;
  for (let index = 0; index < options.feeds; index++) {
    const kind = KINDS[index % KINDS.length] ?? { lang: 'en', style: 'rss-cdata' };
    const model = generateFeedModel(createRng(deriveSeed(options.seed, index)), index, kind.lang, kind.style, options.itemsPerFeed);
    const body = Buffer.from(renderFeed(model), 'utf8');
    const format = kind.style === 'atom' ? 'atom' : 'rss';
    feeds.push({
      path: `/feeds/${String(index).padStart(digits, '0')}-${kind.lang}-${kind.style}.xml`,
      body,
      etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`,
      contentType: `application/${format}+xml; charset=utf-8`,
      info: { bytes: body.length, items: model.items.length, format, lang: kind.lang },
    });
  }
  return feeds;
}

