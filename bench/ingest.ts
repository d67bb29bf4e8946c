/**
 * The ingest suite: `feedkeeper fetch` end to end against a loopback feed site
 * (bench/gen/feed-site.ts). A cold ingest runs every feed through refreshFeed into a fresh SQLite
 * store and archive (fetch → parse → store → record files); a warm re-check then runs them again
 * with every feed answering 304. There are no peers, so beside each pass the fetcher alone fetches
 * the same feeds through the same queue and limits (no parse, no store), and "÷ fetch only" shows
 * what the pipeline adds to the cost of the network. Everything lives in a temp dir removed at the end.
 * Images: a subset of the feeds is ingested cold twice more, with images off and with images kept
 * (the refresh queues them, then the media jobs download, sniff and store them, as `run` does),
 * and the notes give the time ratio, image downloads per second and media bytes on disk per article.
 */
import { parseWatchPlan } from '../src/schedule/index.js';
import { readdir, stat, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { fetchFeeds, type FetchTotals } from '../src/cli/commands/fetch.js';
import { processIo, type App } from '../src/cli/index.js';
import { openCpuWork, type CpuWork, type IngestProfile } from '../src/ingest/index.js';
import { loadConfigWithWarnings, type Config } from '../src/config/index.js';
import { describeError, silentLogger, systemClock } from '../src/core/index.js';
import { DEFAULT_RULES } from '../src/clean/index.js';
import { loadRules } from '../src/extract/index.js';
import { createFetcher, type Fetcher } from '../src/fetch/index.js';
import { createMemoryQueue, soleLeader } from '../src/queue/memory/index.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/index.js';
import { imageUrlOnSite, startFeedSite, type FeedSite, type SiteCounters, type SiteFeedInfo } from './gen/feed-site.js';
import { fetchArticleMedia, type MediaDeps } from '../src/media/index.js';
import { collectGarbage, median, rotate } from './measure.js';
import { startRssSampler } from './memory.js';
import { formatInt, formatMB, formatMs, formatRate, formatRatio, renderSection, renderTable } from './report.js';
import type { BenchContext, Suite } from './suite.js';
import { withTempDir } from './cleanup.js';
import { measureStorage, renderStorage } from './storage.js';
import { measureConversion } from './conversion.js';
import { openWarcArchive, payloadDigest, type WarcArchive } from '../src/warc/index.js';
import { verifyArchive, type VerifyReport } from '../src/evidence/index.js';

const FEEDS = { full: 1000, quick: 100 } as const;
/** Feeds of the images-off/on pair (every article has one or more figures). */
const IMAGE_FEEDS = { full: 200, quick: 20 } as const;
const ITEMS_PER_FEED = 50;
/** globalConcurrency, and perHostConcurrency too: every feed of the site is on one host. */
const CONCURRENCY = 8;

interface Pass<T> {
  ms: number;
  /** RSS when the pass began (after a gc) and the highest RSS sampled during it. */
  startRss: number;
  peakRss: number;
  value: T;
}

interface Row {
  name: string;
  timesMs: number[];
  peakRss: number;
  feeds: number;
  articles: number | null;
  bytes: number | null;
  /** Median of the fetch-only row this one is compared with; null for the reference rows. */
  referenceMs: number | null;
}

interface FetchOnlyOutcome {
  ok: number;
  notModified: number;
  bytes: number;
  etags: (string | null)[];
  errors: string[];
}

interface DiskUsage {
  files: number;
  bytes: number;
  /** Blocks the file system allocated, which for many small files is well above `bytes`. */
  allocated: number;
}

export const ingestSuite: Suite = {
  name: 'ingest',
  summary: 'feedkeeper fetch end to end from a loopback feed site: cold ingest into SQLite + records, 304 re-check, vs fetch only',
  async run(ctx) {
    const feeds = ctx.quick ? FEEDS.quick : FEEDS.full;
    progress(`ingest: rendering ${formatInt(feeds)} feeds × ${ITEMS_PER_FEED} items in the site process…`);
    const site = await startFeedSite({ seed: ctx.seed, feeds, itemsPerFeed: ITEMS_PER_FEED });
    try {
      await withTempDir('feedkeeper-bench-ingest-', async (dataDir) => {
        const profile: IngestProfile = {};
        const { app, config } = openBenchApp(dataDir, { profile });
        try {
          ctx.print(await measureIngest(ctx, app, config, site, profile));
        } finally {
          await app.close();
        }
      });
    } finally {
      await site.close();
    }
  },
};


export interface BenchAppOptions {
  /** WARC capture, switchable while the app is open (a warm-up pass opens connections without writing). */
  capture?: { on: boolean };
  images?: 'keep';
  /** Replaces the SQLite store of the data directory (the scale suite passes PostgreSQL). */
  openStore?: () => Promise<Store>;
  /** Ingest worker threads (0: inline); default the ingestThreads setting's default, as `fetch` runs. */
  threads?: number;
  /** Where the refreshes add their per-stage times. */
  profile?: IngestProfile;
}

/** The App main.ts would build for `feedkeeper fetch --data-dir <dir> --allow-private-networks`. */
export function openBenchApp(dataDir: string, opts: BenchAppOptions = {}): { app: App; config: Config } {
  const { capture = { on: false }, images, openStore, profile } = opts;
  const flags = { dataDir, allowPrivateNetworks: true, globalConcurrency: String(CONCURRENCY), perHostConcurrency: String(CONCURRENCY) };
  const { config } = loadConfigWithWarnings({ flags, env: {}, cwd: dataDir });
  let store: Promise<Store> | null = null;
  let fetcher: Fetcher | null = null;
  let warc: Promise<WarcArchive> | null = null;
  const threads = opts.threads ?? config.ingestThreads;
  const stages = { siteRules: loadRules([]), cleanRules: DEFAULT_RULES };
  let cpu: CpuWork | null = null;
  const archiveDir = join(config.dataDir, 'archive');
  const bounds = { minIntervalMs: config.minIntervalMinutes * 60_000, maxIntervalMs: config.maxIntervalMinutes * 60_000 };
  // One-shot commands log warnings and errors only; the bench counts errors from the totals instead.
  const logger = silentLogger;
  const watchPlan = parseWatchPlan(config.watchSchedule);
  const app: App = {
    dataDir: config.dataDir,
    archiveDir,
    logger,
    clock: systemClock,
    bounds,
    globalConcurrency: config.globalConcurrency,
    allowPrivateNetworks: true,
    web: { host: '127.0.0.1', port: 0, adminPassword: null, newPassword: null, oidc: null },
    summary: {},
    store: () => (store ??= openStore?.() ?? openSqliteStore({ file: join(config.dataDir, 'feedkeeper.db'), logger, clock: systemClock })),
    fetcher: () =>
      (fetcher ??= createFetcher({
        userAgent: config.userAgent,
        timeoutMs: config.fetchTimeoutSeconds * 1000,
        connectTimeoutMs: config.connectTimeoutSeconds * 1000,
        maxBytes: config.maxFeedBytes,
        maxRedirects: config.maxRedirects,
        allowPrivateNetworks: true,
        perHostConcurrency: config.perHostConcurrency,
        globalConcurrency: config.globalConcurrency,
        // As main.ts wires it; `capture.on` lets a warm-up pass open connections without writing.
        onExchange: (exchange) => {
          if (!capture.on) return null;
          const digest = payloadDigest(exchange.body);
          void app.warcStore().then((archive) => archive.capture(exchange, digest));
          return digest;
        },
      })),
    warcStore: () => (warc ??= openWarcArchive({ dir: join(config.dataDir, 'warc'), maxFileBytes: config.warcMaxFileBytes, logger })),
    siteRules: async () => loadRules([]),
    cleanRules: async () => DEFAULT_RULES,
    // As main.ts: new articles are enrolled for re-checks, so the bench pays what a real ingest pays.
    ingest: async () => ({
      store: await app.store(),
      fetcher: app.fetcher(),
      stages,
      cpu: (cpu ??= openCpuWork(stages, threads)),
      clock: systemClock,
      logger,
      archiveDir,
      bounds,
      random: Math.random,
      watchPlan,
      ...(images ? { images } : {}),
      ...(profile ? { profile } : {}),
    }),
    watch: async () => ({ ...(await app.ingest()), watch: { plan: watchPlan, confirmMs: config.watchConfirmHours * 3_600_000, hostDailyBudget: config.watchHostDailyBudget }, concurrency: config.watchConcurrency }),
    media: async () => ({
      store: await app.store(),
      fetcher: app.fetcher(),
      clock: systemClock,
      logger,
      media: { dir: join(config.dataDir, 'media'), defaultMode: config.images, maxBytes: config.mediaMaxBytes, maxPerArticle: config.mediaMaxPerArticle },
      concurrency: config.mediaConcurrency,
    }),
    migrationStores: () => Promise.reject(new Error('the ingest bench does not migrate')),
    createQueue: async () => createMemoryQueue({ clock: systemClock, logger }),
    shared: { queue: false, store: false },
    capturesWarc: capture.on,
    leaderLease: async () => soleLeader,
    async close() {
      await Promise.all([store?.then((s) => s.close()), fetcher?.close(), cpu?.close()]);
      await warc?.then((w) => w.close());
      store = null;
      fetcher = null;
      warc = null;
      cpu = null;
    },
  };
  return { app, config };
}

async function measureIngest(ctx: BenchContext, app: App, config: Config, site: FeedSite, profile: IngestProfile): Promise<string> {
  const store = await app.store();
  await subscribeAll(store, site);
  const urls = site.feeds.map((feed) => feed.url);
  const fetcher = app.fetcher();
  const notes: string[] = [];

  // The fetch-only reference goes first: its warm-up opens the pooled connections the ingest reuses.
  progress(`ingest: fetch-only reference, ${ctx.runs} timed passes…`);
  await fetchOnlyPass(fetcher, urls, null);
  const fullPasses = await repeat(ctx, ctx.runs, () => fetchOnlyPass(fetcher, urls, null));
  const lastFull = fullPasses[fullPasses.length - 1]?.value;
  notes.push(...describeFetchErrors('fetch only', lastFull));

  progress(`ingest: cold ingest of ${formatInt(urls.length)} feeds (one run)…`);
  const before = await site.counters();
  const cold = await timePass(ctx, () => fetchFeeds(app, [], process.stderr.isTTY ? processIo() : null));
  const served = diffCounters(before, await site.counters());
  const disk = await measureDisk(app.dataDir, app.archiveDir);
  const storage = renderStorage(measureStorage(join(app.dataDir, 'feedkeeper.db')), disk.archive.bytes);
  const conversion = await measureConversion(join(app.dataDir, 'feedkeeper.db'), disk.archive.bytes);
  const stored = await store.articles.count();
  notes.push(`RSS when the cold ingest began: ${formatMB(cold.startRss)}; the site answered it ${formatInt(served.ok)} × 200, ${formatMB(served.bytesSent)}.`);
  notes.push(...checkCold(cold.value, urls.length, stored, disk.archive.files, served));
  const inline = await coldIngestInline(ctx, site, urls);
  const inlineTotals = inline.pass.value;
  if (inlineTotals.newArticles !== cold.value.newArticles || inlineTotals.errors.length > 0) {
    notes.push(`CHECK FAILED · ingestThreads 0: ${formatInt(inlineTotals.newArticles)} new articles (threaded: ${formatInt(cold.value.newArticles)}), ${inlineTotals.errors.length} errors`);
  }

  const verified = await timeVerify(ctx, app);
  const captured = await coldIngestWithCapture(ctx, site, urls);
  notes.push(describeVerify('records and chains', verified), describeVerify('with the WARC files', captured.verify));
  notes.push(
    `WARC capture: ${formatMB(captured.warcBytes)} of WARC for ${formatInt(captured.articles)} articles (${formatInt(Math.round(captured.warcBytes / Math.max(1, captured.articles)))} bytes an article); ` +
      `cold ingest with capture took ${formatRatio(captured.pass.ms / cold.ms)} the time without (goal: under 1.33×, i.e. capture costs < 25% of throughput).`,
  );

  notes.push(...(await imagePair(ctx, site)));

  progress(`ingest: warm re-check and its fetch-only reference, ${ctx.runs} rounds…`);
  const etags = lastFull?.etags ?? [];
  const recheck = (): Promise<FetchTotals> => fetchFeeds(app, [], null);
  const conditional = (): Promise<FetchOnlyOutcome> => fetchOnlyPass(fetcher, urls, etags);
  await recheck();
  await conditional();
  const warm = await interleave(ctx, recheck, conditional);
  notes.push(...checkWarm(warm.first, warm.second, urls.length));

  const fullMs = median(fullPasses.map((p) => p.ms));
  const conditionalMs = median(warm.second.map((p) => p.ms));
  const articles = cold.value.newArticles;
  const rows: Row[] = [
    row('fetch only · full bodies', fullPasses, urls.length, null, site.totalBytes, null),
    row('cold ingest · fetch→parse→SQLite→records', [cold], urls.length, articles, served.bytesSent, fullMs),
    row(`cold ingest · the same, all on the main thread (ingestThreads 0; ${formatRatio(inline.pass.ms / cold.ms)} the time)`, [inline.pass], urls.length, inline.pass.value.newArticles, served.bytesSent, fullMs),
    row('cold ingest · the same + WARC capture', [captured.pass], urls.length, captured.articles, served.bytesSent, fullMs),
    row('fetch only · If-None-Match → 304', warm.second, urls.length, null, null, null),
    row('warm re-check · refreshFeed, all 304', warm.first, urls.length, null, null, conditionalMs),
  ];
  const stages = renderStages(config.ingestThreads, profile, articles, inline.profile, inline.pass.value.newArticles);
  return `${renderIngest(ctx, rows, site, config, disk, await describeFileSystem(app.dataDir), notes)}\n${stages}\n${storage}\n${conversion}`;
}

/**
 * The cold ingest again in another data directory with every stage on the main thread
 * (ingestThreads 0, as before the worker-thread pool), in the same run so both see the same machine.
 */
async function coldIngestInline(ctx: BenchContext, site: FeedSite, urls: readonly string[]): Promise<{ pass: Pass<FetchTotals>; profile: IngestProfile }> {
  progress('ingest: cold ingest with ingestThreads 0, in another data directory…');
  return withTempDir('feedkeeper-bench-inline-', async (dir) => {
    const profile: IngestProfile = {};
    const { app } = openBenchApp(dir, { threads: 0, profile });
    try {
      await subscribeAll(await app.store(), site);
      await fetchOnlyPass(app.fetcher(), urls, null);
      return { pass: await timePass(ctx, () => fetchFeeds(app, [], null)), profile };
    } finally {
      await app.close();
    }
  });
}

const STAGES: ReadonlyArray<[keyof IngestProfile, string]> = [
  ['fetch', 'fetch (feed documents)'],
  ['parse', 'parse'],
  ['judge', 'judge (is the feed text the article?)'],
  ['extract', 'extract (article pages)'],
  ['clean', 'clean'],
  ['analyze', 'analyze (search streams)'],
  ['pack', 'pack (the texts, brotli)'],
  ['store', 'store (SQLite transactions)'],
  ['records', 'record files'],
];

function renderStages(threads: number, pooled: IngestProfile, pooledArticles: number, inline: IngestProfile, inlineArticles: number): string {
  const per = (p: IngestProfile, stage: keyof IngestProfile, n: number) => ((p[stage] ?? 0) / Math.max(1, n)).toFixed(3);
  const table = renderTable(
    [{ header: 'stage' }, { header: 'ms/article · threads 0', align: 'right' }, { header: `ms/article · threads ${threads}`, align: 'right' }],
    STAGES.map(([stage, name]) => [name, per(inline, stage, inlineArticles), per(pooled, stage, pooledArticles)]),
  );
  return renderSection('ingest · time per article by stage, cold ingest, before (all on the main thread) and after (worker threads)', table, [
    'parse, judge, extract, clean and analyze: time inside the stage\'s own code, measured on the thread that ran it;',
    'fetch, store and record files: wall time of the awaited call on the main thread, summed over the refreshes in flight at once',
    `(${CONCURRENCY} at a time), so it includes waiting for the network, the one SQLite connection or the disk, and adds up to more than the elapsed time.`,
  ]);
}

/** Only feeds somebody subscribes to are fetched: one reader subscribes to all of them. */
export async function subscribeAll(store: Store, site: FeedSite, feeds: readonly SiteFeedInfo[] = site.feeds): Promise<void> {
  const reader = await store.users.create({ username: 'bench', passwordHash: '', isAdmin: true });
  for (const feed of feeds) await store.subscriptions.add(reader.id, (await store.feeds.add({ url: feed.url })).id);
}

interface ImagePass {
  pass: Pass<FetchTotals>;
  articles: number;
  mediaMs: number;
  stored: number;
  failed: number;
  media: DiskUsage;
}

/**
 * The first IMAGE_FEEDS feeds ingested cold with images off, then (in another data directory)
 * with images kept: the refresh queues each revision with images, then the media jobs run through
 * the memory queue at mediaConcurrency, as in `run`. The article figures point at
 * https://img.example.com/…, which a fetcher wrapper maps to the site's /img/ (bench only).
 */
async function imagePair(ctx: BenchContext, site: FeedSite): Promise<string[]> {
  const feeds = site.feeds.slice(0, ctx.quick ? IMAGE_FEEDS.quick : IMAGE_FEEDS.full);
  progress(`ingest: ${feeds.length} feeds cold with images off, then kept…`);
  const off = await imagePass(ctx, site, feeds, false);
  const on = await imagePass(ctx, site, feeds, true);
  const perArticle = (n: number) => formatInt(Math.round(n / Math.max(1, on.articles)));
  const checks = on.failed > 0 || on.stored === 0 ? [`CHECK FAILED · images: ${on.stored} stored, ${on.failed} failed`] : [];
  return [
    `images (${feeds.length} feeds, ${formatInt(on.articles)} articles, ${formatInt(on.stored)} images): cold ingest + image downloads took ${formatMs(on.pass.ms)} ` +
      `(${formatRatio(on.pass.ms / off.pass.ms)} the ${formatMs(off.pass.ms)} with images off); the downloads alone ${formatMs(on.mediaMs)}, ` +
      `${formatRate(on.stored / Math.max(1e-9, on.mediaMs / 1000))} images/s at mediaConcurrency ${MEDIA_CONCURRENCY}.`,
    `media on disk: ${formatInt(on.media.files)} files, ${formatMB(on.media.bytes)} (${perArticle(on.media.bytes)} bytes an article), ${formatMB(on.media.allocated)} allocated (${perArticle(on.media.allocated)} bytes an article).`,
    ...checks,
  ];
}

const MEDIA_CONCURRENCY = 2;

async function imagePass(ctx: BenchContext, site: FeedSite, feeds: readonly SiteFeedInfo[], keep: boolean): Promise<ImagePass> {
  return withTempDir('feedkeeper-bench-images-', async (dir) => {
    const { app, config } = openBenchApp(dir, keep ? { images: 'keep' } : {});
    try {
      const store = await app.store();
      await subscribeAll(store, site, feeds);
      await fetchOnlyPass(app.fetcher(), feeds.map((f) => f.url), null);
      const fetcher = app.fetcher();
      const mapped: MediaDeps['fetcher'] = { fetch: (url, opts) => fetcher.fetch(imageUrlOnSite(site.origin, url) ?? url, opts), post: (url, body, headers, opts) => fetcher.post(url, body, headers, opts), close: async () => undefined };
      const deps: MediaDeps = {
        store,
        fetcher: mapped,
        clock: systemClock,
        logger: silentLogger,
        media: { dir: join(dir, 'media'), defaultMode: 'keep', maxBytes: config.mediaMaxBytes, maxPerArticle: config.mediaMaxPerArticle },
      };
      const totals = { stored: 0, failed: 0, mediaMs: 0 };
      const pass = await timePass(ctx, async () => {
        const ingested = await fetchFeeds(app, [], null);
        const started = performance.now();
        const queue = createMemoryQueue({ clock: systemClock, logger: silentLogger });
        queue.process('fetchMedia', async ({ articleId }) => {
          const summary = await fetchArticleMedia(deps, articleId);
          totals.stored += summary.stored;
          totals.failed += summary.failed;
        }, { concurrency: MEDIA_CONCURRENCY });
        for (const articleId of await store.media.pending(1_000_000)) await queue.add('fetchMedia', { articleId }, { jobId: String(articleId) });
        await queue.drain();
        await queue.close();
        totals.mediaMs = performance.now() - started;
        return ingested;
      });
      const media = keep ? await treeUsage(join(dir, 'media'), '') : { files: 0, bytes: 0, allocated: 0 };
      return { pass, articles: pass.value.newArticles, ...totals, media };
    } finally {
      await app.close();
    }
  });
}

/**
 * The cold ingest again in a second data directory with WARC capture on, in the same run so both
 * see the same machine. A fetch-only warm-up (not captured) opens its connections first, as the
 * reference did for the first ingest.
 */
async function coldIngestWithCapture(ctx: BenchContext, site: FeedSite, urls: readonly string[]): Promise<{ pass: Pass<FetchTotals>; articles: number; warcBytes: number; verify: Pass<VerifyReport>[] }> {
  progress('ingest: cold ingest with WARC capture, in a second data directory…');
  return withTempDir('feedkeeper-bench-warc-', async (dir) => {
    const capture = { on: false };
    const { app } = openBenchApp(dir, { capture });
    try {
      const store = await app.store();
      await subscribeAll(store, site);
      await fetchOnlyPass(app.fetcher(), urls, null);
      capture.on = true;
      const pass = await timePass(ctx, async () => {
        const totals = await fetchFeeds(app, [], null);
        await (await app.warcStore()).flush(); // the writes are part of the cost
        return totals;
      });
      const verify = await timeVerify(ctx, app);
      return { pass, articles: pass.value.newArticles, warcBytes: (await treeUsage(join(dir, 'warc'), '.warc.gz')).bytes, verify };
    } finally {
      await app.close();
    }
  });
}

/** `feedkeeper verify` over the data directory the ingest just filled (the files are in the page cache), ctx.runs times. */
async function timeVerify(ctx: BenchContext, app: App): Promise<Pass<VerifyReport>[]> {
  progress(`ingest: verify (chains, record files, WARC files), ${ctx.runs} timed passes…`);
  const deps = { store: await app.store(), archiveDir: app.archiveDir, warcDir: join(app.dataDir, 'warc') };
  return repeat(ctx, ctx.runs, () => verifyArchive(deps));
}

function describeVerify(what: string, passes: readonly Pass<VerifyReport>[]): string {
  const ms = median(passes.map((p) => p.ms));
  const r = passes[0]?.value;
  if (r === undefined) return `verify ${what}: not run.`;
  const rate = r.revisions / (ms / 1000);
  const warc = r.warcRecords > 0 ? `, ${formatInt(r.warcRecords)} WARC records` : '';
  const broken = r.breaks.length > 0 ? ` — ${formatInt(r.breaks.length)} BREAKS, first: ${r.breaks[0]?.what ?? ''}` : '';
  return `verify ${what}: ${formatInt(r.revisions)} revisions, ${formatInt(r.recordFiles)} record files${warc} in ${formatMs(ms)} (median of ${passes.length}): ${formatInt(Math.round(rate))} revisions/s (goal ≥ 5,000)${broken}.`;
}

function row<T>(name: string, passes: readonly Pass<T>[], feeds: number, articles: number | null, bytes: number | null, referenceMs: number | null): Row {
  return { name, timesMs: passes.map((p) => p.ms), peakRss: Math.max(...passes.map((p) => p.peakRss)), feeds, articles, bytes, referenceMs };
}

/** One timed pass with a fresh garbage collection before it and its own RSS sampling. */
async function timePass<T>(ctx: BenchContext, run: () => Promise<T>): Promise<Pass<T>> {
  collectGarbage();
  const startRss = process.memoryUsage().rss;
  const sampler = startRssSampler();
  const start = process.hrtime.bigint();
  const value = await run();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  sampler.stop();
  ctx.memory.sample();
  return { ms, startRss, peakRss: sampler.peakBytes, value };
}

async function repeat<T>(ctx: BenchContext, runs: number, run: () => Promise<T>): Promise<Pass<T>[]> {
  const passes: Pass<T>[] = [];
  for (let i = 0; i < runs; i++) passes.push(await timePass(ctx, run));
  return passes;
}

/** ctx.runs rounds of both passes, the order rotating each round as the parse suite does. */
async function interleave<A, B>(ctx: BenchContext, first: () => Promise<A>, second: () => Promise<B>): Promise<{ first: Pass<A>[]; second: Pass<B>[] }> {
  const result = { first: [] as Pass<A>[], second: [] as Pass<B>[] };
  const steps = [async () => result.first.push(await timePass(ctx, first)), async () => result.second.push(await timePass(ctx, second))];
  for (let round = 0; round < ctx.runs; round++) {
    for (const step of rotate(steps, round)) await step();
  }
  return result;
}

/**
 * Every URL through the fetcher alone, with the same queue, concurrency and limits as `fetch`.
 * The queue only knows feed jobs, so the job's feedId is an index into `urls`.
 */
async function fetchOnlyPass(fetcher: Fetcher, urls: readonly string[], etags: readonly (string | null)[] | null): Promise<FetchOnlyOutcome> {
  const outcome: FetchOnlyOutcome = { ok: 0, notModified: 0, bytes: 0, etags: urls.map(() => null), errors: [] };
  const queue = createMemoryQueue({ clock: systemClock, logger: silentLogger });
  queue.process(
    'refreshFeed',
    async ({ feedId: index }) => {
      try {
        const result = await fetcher.fetch(urls[index] ?? '', { etag: etags?.[index] ?? null });
        if (result.kind === 'ok') {
          outcome.ok++;
          outcome.bytes += result.body.length;
          outcome.etags[index] = result.etag;
        } else if (result.kind === 'not-modified') outcome.notModified++;
        else outcome.errors.push(`${urls[index]}: ${result.kind}`);
      } catch (err) {
        outcome.errors.push(describeError(err));
      }
    },
    { concurrency: CONCURRENCY },
  );
  for (let index = 0; index < urls.length; index++) await queue.add('refreshFeed', { feedId: index }, { jobId: String(index) });
  await queue.drain();
  await queue.close();
  return outcome;
}

function diffCounters(before: SiteCounters, after: SiteCounters): SiteCounters {
  return {
    requests: after.requests - before.requests,
    ok: after.ok - before.ok,
    notModified: after.notModified - before.notModified,
    bytesSent: after.bytesSent - before.bytesSent,
  };
}

function describeFetchErrors(label: string, outcome: FetchOnlyOutcome | undefined): string[] {
  if (outcome === undefined || outcome.errors.length === 0) return [];
  return [`${label}: ${outcome.errors.length} failed, e.g. ${outcome.errors[0]}`];
}

// A bench that quietly measured failures would flatter the pipeline: say what went wrong.
function checkCold(totals: FetchTotals, feeds: number, stored: { articles: number; revisions: number }, records: number, served: SiteCounters): string[] {
  const problems: string[] = [];
  const expected = feeds * ITEMS_PER_FEED;
  if (totals.updated !== feeds) problems.push(`cold ingest: ${totals.updated} of ${feeds} feeds fetched and stored`);
  if (totals.newArticles !== expected) problems.push(`cold ingest: ${formatInt(totals.newArticles)} new articles, expected ${formatInt(expected)}`);
  if (stored.articles !== totals.newArticles) problems.push(`store: ${formatInt(stored.articles)} articles, the run reported ${formatInt(totals.newArticles)}`);
  if (records !== stored.revisions) problems.push(`archive: ${formatInt(records)} record files for ${formatInt(stored.revisions)} revisions`);
  if (served.ok !== feeds) problems.push(`site: answered ${served.ok} × 200 to the cold ingest, expected ${feeds}`);
  problems.push(...totals.errors.slice(0, 3).map((e) => `cold ingest error: ${e.feed}: ${e.error}`));
  return problems.map((p) => `CHECK FAILED · ${p}`);
}

function checkWarm(rechecks: readonly Pass<FetchTotals>[], conditional: readonly Pass<FetchOnlyOutcome>[], feeds: number): string[] {
  const problems: string[] = [];
  for (const pass of rechecks) {
    if (pass.value.unchanged !== feeds) problems.push(`warm re-check: ${pass.value.unchanged} of ${feeds} feeds answered 304`);
  }
  for (const pass of conditional) {
    if (pass.value.notModified !== feeds) problems.push(`fetch only 304: ${pass.value.notModified} of ${feeds} answered 304`);
  }
  return [...new Set(problems)].map((p) => `CHECK FAILED · ${p}`);
}

async function measureDisk(dataDir: string, archiveDir: string): Promise<{ database: DiskUsage; wal: number; archive: DiskUsage }> {
  const database = await fileUsage(join(dataDir, 'feedkeeper.db'));
  const wal = (await fileUsage(join(dataDir, 'feedkeeper.db-wal'))).bytes;
  return { database, wal, archive: await treeUsage(archiveDir) };
}

async function fileUsage(path: string): Promise<DiskUsage> {
  try {
    const s = await stat(path);
    return { files: 1, bytes: s.size, allocated: s.blocks * 512 };
  } catch {
    return { files: 0, bytes: 0, allocated: 0 }; // No WAL file is a size of zero, not a failure.
  }
}

/**
 * Record files (`*.txt`) under a folder: count, content bytes and allocated bytes. One folder at a
 * time, so 50,000 pending stats do not inflate the RSS the next pass starts from.
 */
/** Files under `dir` whose names end with `suffix` (record files by default; '.warc.gz' for captures). */
async function treeUsage(dir: string, suffix = '.txt', total: DiskUsage = { files: 0, bytes: 0, allocated: 0 }): Promise<DiskUsage> {
  const entries = await readdir(dir, { withFileTypes: true });
  const records = entries.filter((entry) => entry.isFile() && entry.name.endsWith(suffix));
  for (const part of await Promise.all(records.map((entry) => fileUsage(join(dir, entry.name))))) {
    total.files += part.files;
    total.bytes += part.bytes;
    total.allocated += part.allocated;
  }
  for (const entry of entries) if (entry.isDirectory()) await treeUsage(join(dir, entry.name), suffix, total);
  return total;
}

// fsync costs what the file system under the temp dir makes it cost, so the notes name it.
const FILE_SYSTEMS = new Map([[0xef53, 'ext4'], [0x01021994, 'tmpfs'], [0x58465342, 'xfs'], [0x9123683e, 'btrfs'], [0x794c7630, 'overlayfs']]);

async function describeFileSystem(dir: string): Promise<string> {
  try {
    const type = (await statfs(dir)).type;
    return FILE_SYSTEMS.get(type) ?? `file system type 0x${type.toString(16)}`;
  } catch {
    return 'unknown file system';
  }
}

function renderIngest(ctx: BenchContext, rows: readonly Row[], site: FeedSite, config: Config, disk: Awaited<ReturnType<typeof measureDisk>>, fileSystem: string, notes: readonly string[]): string {
  const cells = rows.map((r): string[] => {
    const ms = median(r.timesMs);
    const seconds = ms / 1000;
    return [
      r.name, String(r.timesMs.length), formatMs(ms), formatMs(Math.min(...r.timesMs)),
      formatRate(r.feeds / seconds), r.articles === null ? '—' : formatRate(r.articles / seconds),
      r.bytes === null ? '—' : formatRate(r.bytes / 1e6 / seconds), formatMB(r.peakRss),
      r.referenceMs === null ? '1.00×' : formatRatio(ms / r.referenceMs),
    ];
  });
  const table = renderTable(
    [
      { header: 'pass' }, { header: 'runs', align: 'right' }, { header: 'median', align: 'right' }, { header: 'min', align: 'right' },
      { header: 'feeds/s', align: 'right' }, { header: 'articles/s', align: 'right' }, { header: 'MB/s', align: 'right' },
      { header: 'peak RSS', align: 'right' }, { header: '÷ fetch only', align: 'right' },
    ],
    cells,
  );
  return [describeSite(site), renderSection('ingest speed · one pass = every feed once, through the memory queue as `feedkeeper fetch` runs it', table, [
    `÷ fetch only = median ÷ the fetch-only row above it (same feeds, queue and limits, no parse or store): what the pipeline adds.`,
    `cold ingest is one run on an empty store (a second would not be cold); the other rows are the median of ${ctx.runs} runs, the 304 pair interleaved.`,
    `concurrency: globalConcurrency ${config.globalConcurrency}, perHostConcurrency ${config.perHostConcurrency} — every feed is on one host (127.0.0.1), ` +
      `so the per-host limit is raised to the global one (feedkeeper's defaults: 16 and 2).`,
    `MB/s = 10^6 bytes of feed bodies received per second; the site sends them uncompressed.`,
    `peak RSS = the bench process's RSS sampled every 25 ms during the pass (the site runs in its own process).`,
    `disk after the cold run (temp dir on ${fileSystem}): feedkeeper.db ${formatMB(disk.database.bytes)} + WAL ${formatMB(disk.wal)}; ` +
      `archive ${formatInt(disk.archive.files)} record files, ${formatMB(disk.archive.bytes)} of content, ${formatMB(disk.archive.allocated)} allocated.`,
    `record files are written after each feed's transaction, each fsynced, their folders once per batch (src/archive/atomic-write.ts).`,
    ...noiseWarning(rows),
    ...notes,
  ])].join('\n');
}

// On a busy machine the median drifts far above the best pass; say so, as the parse suite does.
function noiseWarning(rows: readonly Row[]): string[] {
  const spreads = rows.map((r) => ({ name: r.name, spread: median(r.timesMs) / Math.min(...r.timesMs) }));
  const worst = spreads.reduce((a, b) => (b.spread > a.spread ? b : a));
  if (worst.spread < 1.3) return [];
  return [`noisy run: the median of "${worst.name}" is ${worst.spread.toFixed(1)}× its best pass (busy machine?); compare min too, or rerun.`];
}

function describeSite(site: FeedSite): string {
  const count = (test: (feed: SiteFeedInfo) => boolean): number => site.feeds.filter(test).length;
  const items = site.feeds.reduce((sum, feed) => sum + feed.items, 0);
  return (
    `ingest · loopback feed site from bench/gen/feed-site.ts: ${formatInt(site.feeds.length)} feeds ` +
    `(${count((f) => f.format === 'rss')} RSS 2.0, ${count((f) => f.format === 'atom')} Atom 1.0; ` +
    `${count((f) => f.lang === 'zh')} Chinese, ${count((f) => f.lang === 'en')} English) × ${ITEMS_PER_FEED} items = ` +
    `${formatInt(items)} articles of 3–10 KB HTML, ${formatMB(site.totalBytes)} per full pass; ` +
    `rendered in ${formatMs(site.renderMs)} by the site's own process (node:http on 127.0.0.1), ETag per feed, 304 on If-None-Match\n`
  );
}

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}
