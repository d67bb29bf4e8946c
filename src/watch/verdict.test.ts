import { describe, expect, it } from 'vitest';
import { FeedkeeperError, type ErrorCode } from '../core/index.js';
import { errorVerdict, goneVerdict, pageVerdict, type RemovalReason, type Verdict } from './verdict.js';

const AT = Date.UTC(2024, 4, 20, 10, 0, 0);
const LINK = 'https://news.example.com/world/2024/05/story.html';

const httpError = (status: number): FeedkeeperError =>
  new FeedkeeperError('FETCH_HTTP_STATUS', `fetch ${LINK}: HTTP ${status}, expected 2xx`, { details: { status } });

const fkError = (code: ErrorCode, message = `${code} happened`): FeedkeeperError => new FeedkeeperError(code, message);

const LONG_ARTICLE =
  'The city council voted on Tuesday to close twelve schools by the end of the year, a decision that ' +
  'parents said was rushed and that teachers called short-sighted. The mayor said the plan would save ' +
  'money over the next decade. Critics pointed out that the council website showed a 404 error for ' +
  'most of the afternoon, so residents could not read the proposal before the vote. The council said ' +
  'the page has been removed by mistake and would be restored. Opposition members said they would ' +
  'challenge the decision in court, and a hearing was set for next month. More than two hundred people ' +
  'attended the meeting, which ran late into the night.';

function article(text = LONG_ARTICLE, title: string | null = 'Council closes schools') {
  return { ok: true as const, title, contentHtml: `<p>${text}</p>`, method: 'readability', text };
}

function removedReason(v: Verdict): RemovalReason {
  if (v.kind !== 'removed') throw new Error(`expected a removed verdict, got ${JSON.stringify(v)}`);
  return v.evidence.reason;
}

describe('errorVerdict', () => {
  it.each([
    [404, 'not-found'],
    [410, 'gone'],
    [451, 'gone'],
  ] as const)('HTTP %d is removed (%s) with the evidence', (status, reason) => {
    expect(errorVerdict(httpError(status), LINK, AT)).toEqual({
      kind: 'removed',
      evidence: { reason, status, finalUrl: LINK, detail: `HTTP ${status}`, at: AT },
    });
  });

  it.each([401, 403])('HTTP %d is a login wall', (status) => {
    expect(errorVerdict(httpError(status), LINK, AT)).toEqual({
      kind: 'removed',
      evidence: { reason: 'login', status, finalUrl: LINK, detail: `HTTP ${status}`, at: AT },
    });
  });

  it.each([500, 502, 503, 504, 599, 408])('HTTP %d is transient, never a removal', (status) => {
    expect(errorVerdict(httpError(status), LINK, AT)).toEqual({ kind: 'transient', detail: `HTTP ${status}`, retryAfterMs: null });
  });

  it.each([400, 402, 405, 418, 422])('HTTP %d is an error (the schedule goes on)', (status) => {
    const v = errorVerdict(httpError(status), LINK, AT);
    expect(v.kind).toBe('error');
    if (v.kind === 'error') expect(v.detail).toContain(`HTTP ${status}`);
    expect(v.kind === 'error' && v.detail).toContain('(FETCH_HTTP_STATUS)');
  });

  it('a FETCH_HTTP_STATUS without a numeric status is an error, not a removal', () => {
    expect(errorVerdict(new FeedkeeperError('FETCH_HTTP_STATUS', 'odd', { details: { status: '404' } }), LINK, AT).kind).toBe('error');
    expect(errorVerdict(new FeedkeeperError('FETCH_HTTP_STATUS', 'odd'), LINK, AT).kind).toBe('error');
  });

  it.each([['FETCH_TIMEOUT'], ['FETCH_NETWORK'], ['FETCH_DNS']] as const)('%s is transient', (code) => {
    expect(errorVerdict(fkError(code, 'it failed'), LINK, AT)).toEqual({ kind: 'transient', detail: `it failed (${code})`, retryAfterMs: null });
  });

  it.each([['FETCH_TOO_LARGE'], ['FETCH_TOO_MANY_REDIRECTS'], ['FETCH_REFUSED_ADDRESS'], ['FETCH_DECOMPRESS']] as const)('%s is an error', (code) => {
    expect(errorVerdict(fkError(code, 'no good'), LINK, AT)).toEqual({ kind: 'error', detail: `no good (${code})` });
  });

  it('a plain Error is an error with its message', () => {
    expect(errorVerdict(new Error('socket hang up'), LINK, AT)).toEqual({ kind: 'error', detail: 'socket hang up' });
  });

  it('a thrown non-Error is an error', () => {
    expect(errorVerdict('boom', LINK, AT)).toEqual({ kind: 'error', detail: 'boom' });
  });
});

describe('goneVerdict', () => {
  it('is removed (gone, 410) at the given URL', () => {
    expect(goneVerdict(LINK, AT)).toEqual({ kind: 'removed', evidence: { reason: 'gone', status: 410, finalUrl: LINK, detail: 'HTTP 410', at: AT } });
  });
});

describe('pageVerdict', () => {
  it('the same URL with an article is a page', () => {
    expect(pageVerdict(LINK, LINK, 200, article(), AT)).toEqual({
      kind: 'page',
      finalUrl: LINK,
      title: 'Council closes schools',
      contentHtml: `<p>${LONG_ARTICLE}</p>`,
      method: 'readability',
    });
  });

  it('keeps a null title', () => {
    const v = pageVerdict(LINK, LINK, 200, article(LONG_ARTICLE, null), AT);
    expect(v).toMatchObject({ kind: 'page', title: null });
  });

  describe('redirects to the front page or a section above the article: removed (redirected)', () => {
    it.each([
      ['https://news.example.com/'],
      ['https://news.example.com'],
      ['https://news.example.com/?from=article'],
      ['https://www.news.example.com/'],
      ['https://news.example.com/world/'],
      ['https://news.example.com/world'],
      ['https://news.example.com/world/2024/'],
      ['https://news.example.com/world/2024/05/'],
    ])('%s', (finalUrl) => {
      const v = pageVerdict(LINK, finalUrl, 200, article(), AT);
      expect(v).toEqual({
        kind: 'removed',
        evidence: { reason: 'redirected', status: 200, finalUrl, detail: `redirected to ${finalUrl}`, at: AT },
      });
    });

    it('even with an extraction failure, the redirect is the evidence', () => {
      expect(removedReason(pageVerdict(LINK, 'https://news.example.com/', 200, { ok: false, reason: 'no article' }, AT))).toBe('redirected');
    });
  });

  describe('other redirects are judged by what the page holds', () => {
    it.each([
      ['a different slug', 'https://news.example.com/world/2024/05/story-updated.html'],
      ['another section', 'https://news.example.com/europe/2024/05/story.html'],
      ['http → https', 'https://news.example.com/world/2024/05/story.html'],
      ['a trailing slash', 'https://news.example.com/world/2024/05/story.html/'],
      ['www added', 'https://www.news.example.com/world/2024/05/story.html'],
      ['a deeper path', 'https://news.example.com/world/2024/05/story.html/amp'],
      ['a section path on another host', 'https://mirror.example.org/world/'],
    ])('%s: a page', (_case, finalUrl) => {
      const link = _case === 'http → https' ? 'http://news.example.com/world/2024/05/story.html' : LINK;
      expect(pageVerdict(link, finalUrl, 200, article(), AT)).toMatchObject({ kind: 'page', finalUrl });
    });

    it('a different slug whose page has no article is no-article', () => {
      const finalUrl = 'https://news.example.com/world/2024/05/other.html';
      expect(pageVerdict(LINK, finalUrl, 200, { ok: false, reason: 'no article found' }, AT)).toEqual({
        kind: 'removed',
        evidence: { reason: 'no-article', status: 200, finalUrl, detail: 'no article found', at: AT },
      });
    });
  });

  describe('redirects to a sign-in page: removed (login)', () => {
    it.each([
      ['https://news.example.com/login?next=%2Fworld%2F2024%2F05%2Fstory.html'],
      ['https://news.example.com/account/signin'],
      ['https://news.example.com/sign-in'],
      ['https://accounts.example.com/auth/start?continue=x'],
      ['https://news.example.com/subscribe/'],
      ['https://news.example.com/paywall.html'],
      ['https://news.example.com/user/register?ref=article'],
      ['https://news.example.com/Login'],
    ])('%s', (finalUrl) => {
      expect(pageVerdict(LINK, finalUrl, 200, article(), AT)).toEqual({
        kind: 'removed',
        evidence: { reason: 'login', status: 200, finalUrl, detail: `sent to a sign-in page: ${finalUrl}`, at: AT },
      });
    });

    it('the login check comes before the front-page check (/?login=1 is not it, /login is)', () => {
      expect(removedReason(pageVerdict(LINK, 'https://news.example.com/login', 200, { ok: false, reason: 'x' }, AT))).toBe('login');
    });

    it('an article whose own URL has a login-like word, not redirected, is a page', () => {
      const link = 'https://news.example.com/tech/2024/05/new-login-rules.html';
      expect(pageVerdict(link, link, 200, article(), AT).kind).toBe('page');
    });

    it('an author page word is not "auth"', () => {
      const finalUrl = 'https://news.example.com/world/2024/05/author-interview.html';
      expect(pageVerdict(LINK, finalUrl, 200, article(), AT).kind).toBe('page');
    });
  });

  it('an extraction failure on the same URL is no-article, with the extractor\'s reason', () => {
    expect(pageVerdict(LINK, LINK, 200, { ok: false, reason: 'no article: the page has 3 words' }, AT)).toEqual({
      kind: 'removed',
      evidence: { reason: 'no-article', status: 200, finalUrl: LINK, detail: 'no article: the page has 3 words', at: AT },
    });
  });

  describe('a short page saying the content is gone: no-article', () => {
    it.each([
      ['该文章已被删除'],
      ['抱歉，该文章已被删除。返回首页'],
      ['該文章已被刪除'],
      ['页面不存在'],
      ['This page is no longer available'],
      ['Sorry, this page is no longer available. Return to the home page.'],
      ['Page not found'],
      ['Error 404'],
      ['This story has been removed.'],
      ['The content is unavailable in your region.'],
    ])('%j', (text) => {
      const v = pageVerdict(LINK, LINK, 200, article(text, null), AT);
      expect(removedReason(v)).toBe('no-article');
      expect(v.kind === 'removed' && v.evidence.detail).toBe(`the page says: ${text}`);
    });

    it('the detail quotes at most 120 characters', () => {
      const text = `Page not found. ${'x'.repeat(150)}`;
      const v = pageVerdict(LINK, LINK, 200, article(text, null), AT);
      expect(v.kind === 'removed' && v.evidence.detail).toBe(`the page says: ${text.slice(0, 120)}`);
    });

    it('200 characters is still short; 201 is an article', () => {
      const at400 = `Page not found${'.'.repeat(200 - 14)}`;
      const at401 = `${at400}.`;
      expect(at400).toHaveLength(200);
      expect(pageVerdict(LINK, LINK, 200, article(at400), AT).kind).toBe('removed');
      expect(pageVerdict(LINK, LINK, 200, article(at401), AT).kind).toBe('page');
    });
  });

  it('a long article that mentions 404 and "has been removed" is still a page', () => {
    expect(LONG_ARTICLE.length).toBeGreaterThan(400);
    expect(pageVerdict(LINK, LINK, 200, article(), AT).kind).toBe('page');
  });

  it('a short article without any gone phrase is a page', () => {
    expect(pageVerdict(LINK, LINK, 200, article('The match ended 2–1 after extra time.'), AT).kind).toBe('page');
  });

  it('keeps the status it was given in the evidence', () => {
    const v = pageVerdict(LINK, 'https://news.example.com/', 203, article(), AT);
    expect(v.kind === 'removed' && v.evidence.status).toBe(203);
  });
});

/**
 * Failing on purpose: source bugs found while writing these tests (reported, not fixed here).
 */
describe('fixed: slugs and briefs that only look like removals', () => {
  it('verdict.ts:35/81 — a redirect to a new slug that happens to contain "register" or "account" is judged by content, not as a login wall', () => {
    // LOGIN_PATH matches any path segment word-part, so a moved article whose new slug has one of
    // these words becomes a "login" removal, and two checks confirm a takedown of a live article.
    for (const finalUrl of [
      'https://news.example.com/uk/2024/05/electoral-register-deadline-extended.html',
      'https://news.example.com/world/2024/05/an-account-of-the-siege.html',
    ]) {
      expect(pageVerdict(LINK, finalUrl, 200, article(), AT).kind, finalUrl).toBe('page');
    }
  });

  it('verdict.ts:32-34/68 — a short real news brief that uses "找不到" or "404" in a sentence is a page, not no-article', () => {
    // GONE_PHRASES matches ordinary words anywhere in up to 400 characters, which is a whole
    // Chinese news brief (快讯); such an article is recorded removed on every check.
    const brief = '【快讯】一名男子周日在山中徒步时失踪，搜救人员连续三天仍找不到他的下落。警方呼吁知情者提供线索。';
    const flight = 'Flight 404 from Lisbon landed safely on Sunday after a bird strike, the airline said.';
    expect(pageVerdict(LINK, LINK, 200, article(brief), AT).kind).toBe('page');
    expect(pageVerdict(LINK, LINK, 200, article(flight), AT).kind).toBe('page');
  });
});
