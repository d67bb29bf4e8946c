/**
 * What one re-check of an article page says, from the fetch outcome and the extraction:
 * - `page`: an article is there (compare its text);
 * - `unchanged`: 304, the page is what was stored;
 * - `removed`: evidence of a takedown (404/410, a redirect to a front or section page, a page with
 *   no article or one saying it is gone, a login wall); counted only once a second check agrees;
 * - `transient`: weather (timeouts, 5xx, 429, network), never a removal;
 * - `error`: the check could not be made (too large, redirect loop, refused address): recorded, the
 *   schedule goes on.
 */
import { describeError, isFeedkeeperError } from '../core/index.js';

export type RemovalReason = 'not-found' | 'gone' | 'redirected' | 'no-article' | 'login';

export interface RemovalEvidence {
  reason: RemovalReason;
  status: number | null;
  finalUrl: string;
  /** For people: what was seen. */
  detail: string;
  at: number;
}

export type Verdict =
  | { kind: 'page'; finalUrl: string; title: string | null; contentHtml: string; method: string }
  | { kind: 'unchanged' }
  | { kind: 'removed'; evidence: RemovalEvidence }
  | { kind: 'transient'; detail: string; retryAfterMs: number | null }
  | { kind: 'error'; detail: string };

/**
 * What a "this is gone" page says, on a page short enough to be nothing else. Only phrases a news
 * brief would not use in a sentence: "找不到他的下落" or "Flight 404" is news, "页面不存在" is not.
 */
const GONE_PHRASES =
  /(page (was )?not found|404 not found|error 404|no longer available|has been (removed|deleted)|content (is )?(unavailable|not available)|页面不存在|頁面不存在|网页不存在|網頁不存在|内容不存在|內容不存在|文章不存在|(页面|網頁|网页|文章|内容|內容)(已被|已经被|已經被)?(删除|刪除|下架))/i;
const GONE_MAX_CHARS = 200;
/** Path segments of a sign-in or paywall page: the whole segment, so a slug like "electoral-register-deadline" is not one. */
const LOGIN_SEGMENTS = new Set(['login', 'log-in', 'signin', 'sign-in', 'sign_in', 'auth', 'subscribe', 'paywall', 'register', 'account', 'accounts', 'sso']);
const LOGIN_STATUSES = new Set([401, 403]);
const REMOVED_STATUSES = new Map<number, RemovalReason>([[404, 'not-found'], [410, 'gone'], [451, 'gone']]);

export function errorVerdict(err: unknown, link: string, at: number): Verdict {
  if (isFeedkeeperError(err, 'FETCH_HTTP_STATUS')) {
    const status = typeof err.details.status === 'number' ? err.details.status : 0;
    const reason = REMOVED_STATUSES.get(status) ?? (LOGIN_STATUSES.has(status) ? 'login' : null);
    if (reason !== null) return removed(reason, status, link, `HTTP ${status}`, at);
    if (status >= 500 || status === 408) return { kind: 'transient', detail: `HTTP ${status}`, retryAfterMs: null };
    return { kind: 'error', detail: describeError(err) };
  }
  if (isFeedkeeperError(err, 'FETCH_TIMEOUT') || isFeedkeeperError(err, 'FETCH_NETWORK') || isFeedkeeperError(err, 'FETCH_DNS')) {
    return { kind: 'transient', detail: describeError(err), retryAfterMs: null };
  }
  return { kind: 'error', detail: describeError(err) };
}

export function goneVerdict(link: string, at: number): Verdict {
  return removed('gone', 410, link, 'HTTP 410', at);
}

/** A 200 page: where it ended up and whether it holds an article. */
export function pageVerdict(
  link: string,
  finalUrl: string,
  status: number,
  extracted: { ok: true; title: string | null; contentHtml: string; method: string; text: string } | { ok: false; reason: string },
  at: number,
): Verdict {
  if (isLoginUrl(link, finalUrl)) return removed('login', status, finalUrl, `sent to a sign-in page: ${finalUrl}`, at);
  if (isFrontOrSection(link, finalUrl)) return removed('redirected', status, finalUrl, `redirected to ${finalUrl}`, at);
  if (!extracted.ok) return removed('no-article', status, finalUrl, extracted.reason, at);
  if (extracted.text.length <= GONE_MAX_CHARS && GONE_PHRASES.test(extracted.text)) {
    return removed('no-article', status, finalUrl, `the page says: ${extracted.text.slice(0, 120)}`, at);
  }
  return { kind: 'page', finalUrl, title: extracted.title, contentHtml: extracted.contentHtml, method: extracted.method };
}

function removed(reason: RemovalReason, status: number | null, finalUrl: string, detail: string, at: number): Verdict {
  return { kind: 'removed', evidence: { reason, status, finalUrl, detail, at } };
}

function isLoginUrl(link: string, finalUrl: string): boolean {
  if (sameUrl(link, finalUrl)) return false;
  const url = safeUrl(finalUrl);
  return url !== null && segments(url.pathname).some((s) => LOGIN_SEGMENTS.has(s.toLowerCase().replace(/\.[a-z]+$/, '')));
}

/**
 * Sent to the site's front page or to a page above the article in its own path (/world/ for
 * /world/2024/05/story): the article is not there any more. A move to another path that is not
 * an ancestor (a new slug, https, a trailing slash) is judged by what the page holds.
 */
function isFrontOrSection(link: string, finalUrl: string): boolean {
  const from = safeUrl(link);
  const to = safeUrl(finalUrl);
  if (from === null || to === null || sameUrl(link, finalUrl)) return false;
  const fromParts = segments(from.pathname);
  const toParts = segments(to.pathname);
  if (toParts.length === 0) return fromParts.length > 0;
  if (bareHost(from.host) !== bareHost(to.host)) return false;
  return toParts.length < fromParts.length && toParts.every((part, i) => part === fromParts[i]);
}

const segments = (path: string): string[] => path.split('/').filter((s) => s !== '');
const bareHost = (host: string): string => host.toLowerCase().replace(/^www\./, '');

function sameUrl(a: string, b: string): boolean {
  const x = safeUrl(a);
  const y = safeUrl(b);
  if (x === null || y === null) return a === b;
  return bareHost(x.host) === bareHost(y.host) && x.pathname.replace(/\/$/, '') === y.pathname.replace(/\/$/, '');
}

function safeUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
