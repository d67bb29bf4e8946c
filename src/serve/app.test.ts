/**
 * The front door as a whole: what is public, what refuses without credentials (and how: JSON 401
 * for programs, the login page for people), sign-in and sign-out, CSRF, the login limiter, the
 * security headers, health and metrics.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, startServeHarness, type ServeHarness } from '../../test/serve-harness.js';
import { hashSecret, newApiToken } from './auth/secrets.js';

let h: ServeHarness;
beforeEach(async () => {
  h = await startServeHarness({ options: { loginAttempts: { max: 3, windowMs: 60_000 } } });
});
afterEach(async () => {
  await h.close();
});

/** GET /login, then POST the form with its double-submit token. */
async function login(username: string, password: string, next = '/'): Promise<Response> {
  const form = await h.anon('/login');
  const cookie = /fk_login=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')?.[1] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  return h.anon('/login', {
    method: 'POST',
    headers: { cookie: `fk_login=${cookie}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, username, password, next }).toString(),
  });
}

describe('public routes', () => {
  it('/healthz answers without credentials', async () => {
    const res = await h.anon('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('the login page and the static assets need no session', async () => {
    expect((await h.anon('/login')).status).toBe(200);
    const css = await h.anon('/static/app.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    const etag = css.headers.get('etag') ?? '';
    expect((await h.anon('/static/app.css', { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await h.anon('/static/nothing.js')).status).toBe(404);
  });
});

describe('refusals without credentials', () => {
  it.each(['/api/v1/feeds', '/feeds/all.rss', '/tags/news.atom', '/search.json?q=港', '/metrics'])('%s → 401 JSON with WWW-Authenticate', async (path) => {
    const res = await h.anon(path);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('AUTH_REQUIRED');
    expect(body.error.message).toContain('token');
  });

  it.each(['/', '/all', '/search?q=x', '/subscriptions', '/entries/1'])('%s → the login page, coming back afterwards', async (path) => {
    const res = await h.anon(path);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
  });

  it.each([
    ['an unknown token', { authorization: `Bearer ${newApiToken()}` }, 'AUTH_FAILED'],
    ['a malformed Authorization header', { authorization: 'Basic YWRtaW46YWRtaW4=' }, 'AUTH_FAILED'],
  ])('%s is refused with 401', async (_case, headers, code) => {
    const res = await h.anon('/api/v1/feeds', { headers });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('a revoked token stops working at once', async () => {
    const secret = newApiToken();
    const token = await h.store.tokens.create({ userId: h.admin.id, name: 'phone', tokenHash: hashSecret(secret) });
    expect((await h.anon('/metrics', { headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);
    await h.store.tokens.revoke(h.admin.id, token.id);
    expect((await h.anon('/metrics', { headers: { authorization: `Bearer ${secret}` } })).status).toBe(401);
  });

  it('a session used in the second half of its life is extended, one in its first half is left alone', async () => {
    const ttl = 30 * 86_400_000;
    h.clock.advance(12 * 3_600_000);
    const used = await h.browser('/all');
    expect(used.status).toBe(200);
    expect(used.headers.getSetCookie().find((c) => c.startsWith('fk_session='))).toMatch(new RegExp(`Max-Age=${ttl / 1000}`));
    expect((await h.store.sessions.get(hashSecret(h.session.cookie), h.clock.now()))?.session.expiresAt).toBe(h.clock.now() + ttl);
    h.clock.advance(3_600_000);
    const again = await h.browser('/all');
    expect(again.headers.getSetCookie().some((c) => c.startsWith('fk_session='))).toBe(false);
  });

  it('an expired session is sent to the login page', async () => {
    h.clock.advance(2 * 86_400_000);
    expect((await h.browser('/')).status).toBe(303);
  });
});

describe('signing in and out', () => {
  it('a right password gives an HTTP-only SameSite session cookie and goes where it was asked', async () => {
    const res = await login(ADMIN.username, ADMIN.password, '/search?q=港');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(encodeURI('/search?q=港'));
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('fk_session=')) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/); // plain http on loopback; https requests get Secure
    const secret = /fk_session=([^;]+)/.exec(cookie)?.[1] ?? '';
    expect(await h.store.sessions.get(hashSecret(secret), h.clock.now())).not.toBeNull();
  });

  it('over HTTPS the session cookie is Secure', async () => {
    const form = await h.anon('https://reader.example/login');
    const cookie = /fk_login=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')?.[1] ?? '';
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const res = await h.anon('https://reader.example/login', {
      method: 'POST',
      headers: { cookie: `fk_login=${cookie}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, username: ADMIN.username, password: ADMIN.password }).toString(),
    });
    expect(res.headers.getSetCookie().find((c) => c.startsWith('fk_session='))).toMatch(/Secure/);
  });

  it.each([
    ['a wrong password', ADMIN.username, 'not the password'],
    ['an unknown user', 'mallory', ADMIN.password],
  ])('%s gets the same 401 page and no session', async (_case, username, password) => {
    const res = await login(username, password);
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('fk_session='))).toBe(false);
    expect(await res.text()).toContain('Wrong username or password.');
  });

  it('never redirects off the site after signing in', async () => {
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      expect((await login(ADMIN.username, ADMIN.password, next)).headers.get('location')).toBe('/');
    }
  });

  it('a login form without its token is refused', async () => {
    const res = await h.anon('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: ADMIN.username, password: ADMIN.password }).toString(),
    });
    expect(res.status).toBe(403);
  });

  it('limits failed attempts: after 3, even the right password waits, with Retry-After', async () => {
    for (let i = 0; i < 3; i++) expect((await login(ADMIN.username, 'wrong')).status).toBe(401);
    const blocked = await login(ADMIN.username, ADMIN.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    h.clock.advance(61_000);
    expect((await login(ADMIN.username, ADMIN.password)).status).toBe(303);
  });

  it('sign-out needs the CSRF token, then ends the session', async () => {
    expect((await h.browser('/logout', { method: 'POST', csrf: false })).status).toBe(403);
    const res = await h.browser('/logout', { method: 'POST' });
    expect(res.status).toBe(303);
    expect(await h.store.sessions.get(hashSecret(h.session.cookie), h.clock.now())).toBeNull();
    expect((await h.browser('/')).status).toBe(303);
  });

  it('refuses a form posted from another site even with a token', async () => {
    const res = await h.browser('/logout', { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
  });
});

describe('headers, health and metrics', () => {
  it('every page has a strict Content-Security-Policy with no inline script', async () => {
    const csp = (await h.anon('/login')).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('/metrics (with a token) reports fetches, queue depth, articles, revisions, search and HTTP', async () => {
    const feed = await h.addFeed('https://news.example.org/rss.xml');
    await h.addArticles(feed.id, [{ title: '港城地铁七号线开通', html: '<p>港城地铁七号线今天上午正式通车。</p>' }]);
    h.metrics.recordRefresh('ok', 0.2, false);
    h.metrics.recordRefresh('error', 1.5, true);
    h.metrics.recordSearch(0.004);
    await h.anon('/healthz');
    const res = await h.api('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/^feedkeeper_fetches_total\{status="ok"\} 1$/m);
    expect(text).toMatch(/^feedkeeper_fetch_errors_total 1$/m);
    expect(text).toMatch(/^feedkeeper_fetch_duration_seconds_count 2$/m);
    expect(text).toMatch(/^feedkeeper_queue_depth 0$/m);
    expect(text).toMatch(/^feedkeeper_articles 1$/m);
    expect(text).toMatch(/^feedkeeper_revisions 1$/m);
    expect(text).toMatch(/^feedkeeper_search_duration_seconds_count 1$/m);
    expect(text).toMatch(/^feedkeeper_http_requests_total\{method="GET",route="\/healthz",status="200"\} 1$/m);
  });

  it('an unknown API route is a JSON 404, an unknown page an HTML one', async () => {
    const api = await h.api('/api/v1/nothing-here');
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    const pageRes = await h.browser('/nothing-here');
    expect(pageRes.status).toBe(404);
    expect(pageRes.headers.get('content-type')).toContain('text/html');
  });
});
