/**
 * refreshFeed: the job that keeps one feed fresh. fetch → parse → identify → one store transaction
 * (articles, revisions, feed state) → record files → next check. Every outcome, including
 * failures, is recorded on the feed where `feedkeeper list` shows it; nothing is swallowed.
 * Idempotent: running it twice for the same content stores nothing the second time.
 */
import { charsetFromContentType } from '../encoding/index.js';
import { describeError, isFeedkeeperError, type Clock, type FeedItem, type Logger } from '../core/index.js';
import type { Fetcher, FetchResult } from '../fetch/index.js';
import type { ParseResult } from '../parse/index.js';
import { feedWatchPlan, nextCheck, nextPlannedCheck, syUpdatePeriodMs, type FetchOutcome, type ScheduleBounds } from '../schedule/index.js';
import type { Feed, FeedFetchState, ImagesMode, IncomingArticle, Store, StoredRevision } from '../store/index.js';
import { articleImages } from '../clean/index.js';
import { recordId } from '../archive/index.js';
import { writeRecords } from './archive-writer.js';
import { inlineCpu, tally, type CpuWork } from './cpu/pool.js';
import type { Stage } from './cpu/tasks.js';
import { expandAndClean, type ArticleStages } from './full-text.js';
import { articleKey, contentHash } from './identity.js';
import { wellFormed, wellFormedOrNull } from './well-formed.js';

export interface IngestDeps {
  store: Store;
  /** Site rules and clean rules for full text and cleaning. */
  stages: ArticleStages;
  fetcher: Fetcher;
  clock: Clock;
  logger: Logger;
  archiveDir: string;
  bounds: ScheduleBounds;
  random: () => number;
  /** The global re-check schedule (offsets; null: off); a feed's own `watch` wins. Absent: new articles are not watched. */
  watchPlan?: readonly number[] | null;
  /** The global `images` setting; a feed's own wins. Absent: images are never queued (src/media/ fetches them later). */
  images?: ImagesMode;
  /** Where parsing, extraction, cleaning and analysis run (cpu/pool.ts). Absent: inline, with `stages`. */
  cpu?: CpuWork;
  /** Milliseconds per stage are added here when given (the per-stage profile of `bench ingest`). */
  profile?: IngestProfile;
}

/** Time per stage, summed over refreshes: the CPU stages as measured where they ran, the rest on the calling thread. */
export type IngestProfile = Partial<Record<Stage | 'fetch' | 'store' | 'records', number>>;

export interface RefreshSummary {
  feedId: number;
  status: FeedFetchState['status'] | 'skipped';
  newArticles: number;
  newRevisions: number;
  error: string | null;
}

export async function refreshFeed(deps: IngestDeps, feedId: number): Promise<RefreshSummary> {
  const feed = await deps.store.feeds.get(feedId);
  if (feed === null || !feed.enabled) return { feedId, status: 'skipped', newArticles: 0, newRevisions: 0, error: null };
  const log = deps.logger.child({ feedId, url: feed.url });
  const started = deps.clock.now();
  const cpu = deps.cpu ?? inlineCpu(deps.stages);
  let result: FetchResult;
  try {
    result = await timed(deps, 'fetch', () => deps.fetcher.fetch(feed.url, { etag: feed.etag, lastModified: feed.lastModified, ...(feed.userAgent ? { userAgent: feed.userAgent } : {}) }));
  } catch (err) {
    return recordFailure(deps, feed, err, log);
  }
  if (result.kind !== 'ok') return recordOutcome(deps, feed, result, log);

  let parsed: ParseResult;
  try {
    parsed = tally(deps.profile, await cpu.run({ kind: 'parse', body: result.body, httpCharset: charsetFromContentType(result.contentType), baseUrl: result.finalUrl }));
  } catch (err) {
    return recordFailure(deps, feed, err, log);
  }
  const fetchedAt = deps.clock.now();
  const articles = await completeArticles(deps, cpu, feed, toArticles(parsed.items, feed.url, fetchedAt, watchPlan(deps, feed), result.captured));
  const state: FeedFetchState = {
    ...schedule(deps, feed, { kind: 'ok' }, 0, parsed, result.maxAgeMs),
    status: 'ok',
    fetchedAt,
    error: null,
    etag: result.etag,
    lastModified: result.lastModified,
    newUrl: result.permanentRedirect,
    title: parsed.feed.title,
    siteUrl: parsed.feed.link,
  };
  const stored = await timed(deps, 'store', () => deps.store.articles.applyRefresh(feed.id, articles, state));
  await timed(deps, 'records', () => writeRecords(deps.store, deps.archiveDir, stored.written));
  await queueImages(deps, feed, articles, stored.written, log);
  log.info(
    { status: result.status, ms: deps.clock.now() - started, items: articles.length, newArticles: stored.newArticles, newRevisions: stored.newRevisions, warnings: parsed.warnings.length },
    'feed refreshed',
  );
  return { feedId, status: 'ok', newArticles: stored.newArticles, newRevisions: stored.newRevisions, error: null };
}

/** Full text and the clean version for the articles that are new or changed; the rest pass as they are. */
async function completeArticles(deps: IngestDeps, cpu: CpuWork, feed: Feed, articles: IncomingArticle[]): Promise<IncomingArticle[]> {
  const stored = await timed(deps, 'store', () => deps.store.articles.latestHashes(articles.map((a) => a.key)));
  const changed = articles.filter((a) => stored.get(a.key) !== a.contentHash);
  const expand = { stages: deps.stages, fetcher: deps.fetcher, cpu, ...(deps.profile ? { spent: deps.profile } : {}) };
  const done = new Map((await expandAndClean(changed, feed.fulltext, expand)).map((a) => [a.key, a]));
  return articles.map((a) => done.get(a.key) ?? a);
}

/** Runs one main-thread stage, adding its time to the profile when there is one. */
async function timed<T>(deps: IngestDeps, stage: 'fetch' | 'store' | 'records', run: () => Promise<T>): Promise<T> {
  if (!deps.profile) return run();
  const start = performance.now();
  try {
    return await run();
  } finally {
    deps.profile[stage] = (deps.profile[stage] ?? 0) + performance.now() - start;
  }
}

/**
 * Items → articles. The record keeps the HTML as received; a feed listing one key twice keeps the first.
 * `captured` names the feed document's WARC capture: the content came from it (full text replaces it).
 */
function toArticles(items: readonly FeedItem[], feedUrl: string, fetchedAt: number, plan: readonly number[] | null, captured: string | null): IncomingArticle[] {
  const firstCheck = nextPlannedCheck(fetchedAt, fetchedAt, plan);
  const seen = new Set<string>();
  const out: IncomingArticle[] = [];
  for (const item of items) {
    const key = articleKey(item, feedUrl);
    if (seen.has(key)) continue;
    seen.add(key);
    const title = wellFormed(item.title ?? '');
    const html = wellFormed(item.content ?? item.summary ?? '');
    const published = Date.parse(item.published ?? item.updated ?? '');
    out.push({
      key,
      title,
      link: wellFormed(item.link ?? ''),
      author: wellFormedOrNull(item.author),
      publishedAt: Number.isFinite(published) && published >= 0 ? published : fetchedAt,
      updatedAt: item.updated === null ? null : Date.parse(item.updated),
      summary: wellFormedOrNull(item.summary),
      html,
      categories: item.categories.map(wellFormed),
      contentHash: contentHash(title, html),
      recordId: recordId(key),
      // Only pages can be re-checked; the store enrolls new articles only.
      watchFirstAt: /^https?:\/\//i.test(item.link ?? '') ? firstCheck : null,
      warcDigest: captured,
    });
  }
  return out;
}

/** Whether a feed's images are archived: its own setting, else the global one. */
export function keepsImages(feedMode: ImagesMode | null, global: ImagesMode): boolean {
  return (feedMode ?? global) === 'keep';
}

/**
 * New and changed revisions that reference images go on the media queue; the media job fetches
 * them later, so the refresh never waits on images. A failure here is logged, never the refresh's.
 */
async function queueImages(deps: IngestDeps, feed: Feed, articles: readonly IncomingArticle[], written: readonly StoredRevision[], log: Logger): Promise<void> {
  if (deps.images === undefined || !keepsImages(feed.images, deps.images) || written.length === 0) return;
  const cleanByKey = new Map(articles.map((a) => [a.key, a.clean?.html ?? null]));
  const items = written.filter((r) => articleImages(cleanByKey.get(r.articleKey) ?? '').length > 0).map((r) => ({ articleId: r.articleId, revision: r.revision }));
  try {
    await deps.store.media.enqueue(items, deps.clock.now());
  } catch (err) {
    log.error({ err, articles: items.length }, 'could not queue the images of new articles; the articles are stored');
  }
}

/** Absent from deps: new articles are not watched. */
function watchPlan(deps: IngestDeps, feed: Feed): readonly number[] | null {
  return deps.watchPlan === undefined ? null : feedWatchPlan(feed.watch, deps.watchPlan);
}

async function recordOutcome(deps: IngestDeps, feed: Feed, result: Exclude<FetchResult, { kind: 'ok' }>, log: Logger): Promise<RefreshSummary> {
  const now = deps.clock.now();
  let state: FeedFetchState;
  if (result.kind === 'not-modified') {
    state = { ...schedule(deps, feed, { kind: 'not-modified' }, 0, null, result.maxAgeMs), status: 'not-modified', fetchedAt: now, error: null, newUrl: result.permanentRedirect };
  } else if (result.kind === 'gone') {
    state = { ...schedule(deps, feed, { kind: 'gone' }, 0, null, null), status: 'gone', fetchedAt: now, error: 'the server says the feed is gone (410); kept subscribed and checked rarely' };
  } else {
    const failures = feed.consecutiveFailures + 1;
    const error = `rate-limited (${result.status})${result.retryAfterMs === null ? '' : `; retry after ${Math.round(result.retryAfterMs / 1000)} s`}`;
    state = { ...schedule(deps, feed, { kind: 'rate-limited', retryAfterMs: result.retryAfterMs }, failures, null, null), status: 'rate-limited', fetchedAt: now, error };
  }
  await deps.store.feeds.recordFetch(feed.id, state);
  log.info({ status: state.status, next: new Date(state.nextCheckAt).toISOString() }, `feed ${state.status}`);
  return { feedId: feed.id, status: state.status, newArticles: 0, newRevisions: 0, error: state.error };
}

async function recordFailure(deps: IngestDeps, feed: Feed, err: unknown, log: Logger): Promise<RefreshSummary> {
  const failures = feed.consecutiveFailures + 1;
  const error = describeError(err);
  const state: FeedFetchState = { ...schedule(deps, feed, { kind: 'error' }, failures, null, null), status: 'error', fetchedAt: deps.clock.now(), error };
  await deps.store.feeds.recordFetch(feed.id, state);
  // Expected failures (a 404, a timeout, a malformed feed) are weather; anything else is a bug worth an error line.
  if (isFeedkeeperError(err)) log.warn({ err: error, failures, next: new Date(state.nextCheckAt).toISOString() }, 'feed refresh failed');
  else log.error({ err }, 'feed refresh failed unexpectedly');
  return { feedId: feed.id, status: 'error', newArticles: 0, newRevisions: 0, error };
}

function schedule(deps: IngestDeps, feed: Feed, outcome: FetchOutcome, failures: number, parsed: ParseResult | null, maxAgeMs: number | null) {
  const bounds = {
    minIntervalMs: feed.minIntervalMs ?? deps.bounds.minIntervalMs,
    maxIntervalMs: Math.max(feed.maxIntervalMs ?? deps.bounds.maxIntervalMs, feed.minIntervalMs ?? deps.bounds.minIntervalMs),
  };
  const hints = parsed?.hints;
  const times = parsed?.items.flatMap((i) => (i.published === null ? [] : [Date.parse(i.published)])) ?? [];
  const next = nextCheck({
    nowMs: deps.clock.now(),
    outcome,
    consecutiveFailures: failures,
    timing: {
      ttlMinutes: hints?.ttlMinutes ?? null,
      updatePeriodMs: hints ? syUpdatePeriodMs(hints.updatePeriod, hints.updateFrequency) : null,
      maxAgeMs,
      recentItemTimesMs: times,
    },
    bounds,
    random: deps.random,
  });
  return { nextCheckAt: next.atMs, scheduleReason: next.reason, consecutiveFailures: failures };
}
