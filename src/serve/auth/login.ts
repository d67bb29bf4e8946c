/**
 * Sign in and out. The login form is protected by a double-submit token (a cookie and a hidden
 * field that must match: there is no session yet to hold one). Failures are rate-limited per
 * client address and per username (kept in the store, so a restart forgives nothing), and the
 * answer never says which of the two was wrong, nor whether the account is disabled.
 * A session is a random secret in an HTTP-only, SameSite=Lax cookie (Secure over HTTPS); the
 * store keeps its hash, the expiry and the session's CSRF token. A session in use is extended
 * (authenticate.ts); one left unused for its whole lifetime (30 days) ends.
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { FeedkeeperError } from '../../core/index.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { t } from '../reader/i18n.js';
import { loginPage } from '../reader/login-page.js';
import { clientAddress } from '../client.js';
import { safePath } from '../safe-urls.js';
import { SESSION_COOKIE } from './authenticate.js';
import { verifyPassword } from './passwords.js';
import { createAttemptLimiter } from './rate-limit.js';
import { newSecret, sameSecret } from './secrets.js';
import { startSession } from './session.js';

const LOGIN_CSRF_COOKIE = 'fk_login';

export function loginRoutes(deps: ServeDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limiter = createAttemptLimiter(deps.store.loginAttempts, deps.options.loginAttempts);

  // The page offers "Sign in with …" when OpenID Connect is on.
  const showLogin = (c: Context<AppEnv>, status: LoginStatus, extra: LoginExtra = {}) => renderLogin(c, status, { ...extra, oidcLabel: deps.options.oidc?.label ?? null });

  app.get('/login', (c) => showLogin(c, 200));

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === 'string' ? form[name] : '');
    const cookie = getCookie(c, LOGIN_CSRF_COOKIE);
    if (!cookie || !sameSecret(cookie, field('_csrf'))) return showLogin(c, 403, { error: t(c.get('lang'), 'login.failed') });
    const username = field('username').trim();
    const keys = [`ip:${clientAddress(c, deps.options.trustProxy)}`, `user:${username.toLowerCase()}`];
    const now = deps.clock.now();
    const wait = await limiter.blockedFor(keys, now);
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      return showLogin(c, 429, { username, error: t(c.get('lang'), 'login.limited', { minutes: Math.ceil(wait / 60_000) }) });
    }
    const user = username === '' ? null : await deps.store.users.byName(username);
    if (user === null || user.disabled || !(await verifyPassword(field('password'), user.passwordHash))) {
      await limiter.fail(keys, now);
      deps.logger.info({ username, address: keys[0] }, 'login failed');
      return showLogin(c, 401, { username, error: t(c.get('lang'), 'login.failed') });
    }
    await limiter.clear(keys[1] as string);
    await startSession(c, deps, user, 'password');
    deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/login' });
    return c.redirect(safePath(field('next')), 303);
  });

  return app;
}

/** POST /logout, behind authentication and CSRF like every other form. */
export function logoutRoute(deps: ServeDeps) {
  return async (c: Context<AppEnv>) => {
    const session = c.get('session');
    if (session === null) throw new FeedkeeperError('USAGE', 'sign-out is for browser sessions; revoke an API token with `feedkeeper token revoke`');
    await deps.store.sessions.remove(session.idHash);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/login', 303);
  };
}

type LoginStatus = 200 | 401 | 403 | 429;
type LoginExtra = { username?: string; error?: string };

function renderLogin(c: Context<AppEnv>, status: LoginStatus, extra: LoginExtra & { oidcLabel: string | null }) {
  const csrf = getCookie(c, LOGIN_CSRF_COOKIE) ?? newSecret();
  setCookie(c, LOGIN_CSRF_COOKIE, csrf, { httpOnly: true, sameSite: 'Strict', path: '/login', maxAge: 3600 });
  const next = safePath(c.req.query('next'));
  return c.html(loginPage({ lang: c.get('lang'), csrf, next, ...extra }), status);
}
