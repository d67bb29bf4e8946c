/**
 * recheckArticle: the job that re-checks one watched article's page. Same guarded, polite fetcher
 * as feeds (conditional GET, per-host limits, size cap, private-address refusal), plus a per-host
 * daily budget and the pause a 429/503 asks for, both kept in the store so every process obeys
 * them. Extraction and cleaning are the feed's; decide.ts turns the outcome into what to store,
 * and the store writes it in one transaction, so a crash mid-check stores nothing and the job,
 * run again, repeats nothing.
 */
import { articleImages, cleanHtml } from '../clean/index.js';
import { describeError, type Clock, type Logger } from '../core/index.js';
import { charsetFromContentType, decodeBytes } from '../encoding/index.js';
import { articleText, extractArticle, rewriteUrl, ruleFor } from '../extract/index.js';
import type { Fetcher, FetchResult } from '../fetch/index.js';
import { contentHash, keepsImages, writeRecords, type ArticleStages } from '../ingest/index.js';
import type { ImagesMode, Store, WatchTarget } from '../store/index.js';
import { decide } from './decide.js';
import { feedWatchPlan } from '../schedule/index.js';
import { errorVerdict, goneVerdict, pageVerdict, type Verdict } from './verdict.js';

export interface WatchSettings {
  /** The global schedule's offsets; null when watching is off unless a feed turns it on. */
  plan: readonly number[] | null;
  confirmMs: number;
  /** Re-checks per host per UTC day. */
  hostDailyBudget: number;
}

export interface WatchDeps {
  store: Store;
  fetcher: Fetcher;
  stages: ArticleStages;
  clock: Clock;
  logger: Logger;
  archiveDir: string;
  watch: WatchSettings;
  /** The global `images` setting: a re-check revision's images are queued like a refresh's (absent: never). */
  images?: ImagesMode;
}

export interface RecheckSummary {
  articleId: number;
  outcome: string;
  newRevision: boolean;
}

const DAY = 86_400_000;
/** Without Retry-After, a 429 holds the host off this long. */
const DEFAULT_PAUSE_MS = 3_600_000;

export async function recheckArticle(deps: WatchDeps, articleId: number): Promise<RecheckSummary> {
  const target = await deps.store.watch.get(articleId);
  if (target === null) return { articleId, outcome: 'not watched', newRevision: false };
  const plan = planFor(deps, target);
  if (plan === null && target.state !== 'suspect') {
    await deps.store.watch.reschedule(articleId, null, target.feed === null ? 'not watched: its feed was removed' : 'not watched: off for this feed');
    return { articleId, outcome: 'not watched', newRevision: false };
  }
  const now = deps.clock.now();
  const host = hostOf(target.link);
  if (host === null) {
    await deps.store.watch.reschedule(articleId, null, `not watched: ${JSON.stringify(target.link)} is not an http(s) page`);
    return { articleId, outcome: 'not watched', newRevision: false };
  }
  const budget = await deps.store.watch.takeBudget(host, now, { day: Math.floor(now / DAY), limit: deps.watch.hostDailyBudget });
  if (!budget.ok) {
    const outcome = budget.reason === 'spent' ? `waiting: ${host} used its ${deps.watch.hostDailyBudget} re-checks for the day` : `waiting: ${host} asked to slow down`;
    await deps.store.watch.reschedule(articleId, budget.retryAt + (articleId % 600) * 1_000, outcome);
    return { articleId, outcome, newRevision: false };
  }

  const { verdict, page, validators } = await look(deps, target, now);
  if (verdict.kind === 'transient' && verdict.retryAfterMs !== null) await deps.store.watch.pauseHost(host, Math.floor(now / DAY), now + verdict.retryAfterMs);
  const check = decide({ target, verdict, nowMs: now, plan, confirmMs: deps.watch.confirmMs, ...(page ? { page } : {}), ...(validators ? { validators } : {}) });
  const { revision } = await deps.store.watch.record(articleId, check);
  if (revision !== null) await writeRecords(deps.store, deps.archiveDir, [revision]);
  if (revision !== null && page?.clean && articleImages(page.clean.html).length > 0) await queueImages(deps, target, revision.revision);
  deps.logger.info({ articleId, url: target.link, outcome: check.outcome, next: check.nextCheckAt === null ? null : new Date(check.nextCheckAt).toISOString() }, 'article re-checked');
  return { articleId, outcome: check.outcome, newRevision: revision !== null };
}

/** A page's new revision with images goes on the media queue unless its feed keeps them remote; a failure is logged only. */
async function queueImages(deps: WatchDeps, target: WatchTarget, revision: number): Promise<void> {
  if (deps.images === undefined || target.feed === null) return;
  try {
    if (keepsImages(target.feed.images, deps.images)) await deps.store.media.enqueue([{ articleId: target.articleId, revision }], deps.clock.now());
  } catch (err) {
    deps.logger.error({ articleId: target.articleId, err }, 'could not queue the images of a re-check revision; the revision is stored');
  }
}

function planFor(deps: WatchDeps, target: WatchTarget): readonly number[] | null {
  if (target.feed === null || !target.feed.enabled) return null;
  const feedId = target.feed.id;
  return feedWatchPlan(target.feed.watch, deps.watch.plan, (err) => deps.logger.warn({ feedId, err: describeError(err) }, 'bad watch schedule; using the global one'));
}

interface Look {
  verdict: Verdict;
  page?: { clean: { html: string; text: string; firedRules: string[] }; contentHash: string; warcDigest: string | null };
  validators?: { etag: string | null; lastModified: string | null };
}

async function look(deps: WatchDeps, target: WatchTarget, now: number): Promise<Look> {
  const rule = ruleFor(deps.stages.siteRules, target.link);
  let res: FetchResult;
  try {
    res = await deps.fetcher.fetch(rewriteUrl(rule, target.link), {
      accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
      // Validators only while the page is known to be there: after a removal, ask for the whole page.
      ...(target.state === 'ok' ? { etag: target.etag, lastModified: target.lastModified } : {}),
    });
  } catch (err) {
    return { verdict: errorVerdict(err, target.link, now) };
  }
  if (res.kind === 'not-modified') return { verdict: { kind: 'unchanged' } };
  if (res.kind === 'gone') return { verdict: goneVerdict(res.finalUrl, now) };
  if (res.kind === 'rate-limited') return { verdict: { kind: 'transient', detail: `HTTP ${res.status}`, retryAfterMs: res.retryAfterMs ?? DEFAULT_PAUSE_MS } };

  const { text } = decodeBytes(res.body, { httpCharset: charsetFromContentType(res.contentType), kind: 'html' });
  const found = extractArticle(text, { url: res.finalUrl, rule: ruleFor(deps.stages.siteRules, res.finalUrl) ?? rule });
  const extracted = found.ok ? { ok: true as const, title: found.title, contentHtml: found.contentHtml, method: found.method, text: articleText(found.contentHtml) } : found;
  const verdict = pageVerdict(target.link, res.finalUrl, res.status, extracted, now);
  const validators = { etag: res.etag, lastModified: res.lastModified };
  if (verdict.kind !== 'page') return { verdict, validators };
  const clean = cleanHtml(verdict.contentHtml, { baseUrl: res.finalUrl, ...(deps.stages.cleanRules ? { rules: deps.stages.cleanRules } : {}) });
  return { verdict, validators, page: { clean, contentHash: contentHash(verdict.title ?? target.latest.title, verdict.contentHtml), warcDigest: res.captured } };
}

function hostOf(link: string): string | null {
  try {
    const url = new URL(link);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host.toLowerCase() : null;
  } catch {
    return null;
  }
}
