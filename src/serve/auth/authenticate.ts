/**
 * Who is asking: an API token (`Authorization: Bearer fk_…`, or `?token=` on republished feeds,
 * which feed readers cannot send headers for) or a browser session cookie. Without either, an
 * API-style request gets a JSON 401 and a page request is sent to the login page.
 * Only hashes of secrets are looked up (secrets.ts). A token's last use is written at most once
 * a minute, so reading the API does not turn every request into a database write.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { FeedkeeperError } from '../../core/index.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { isHttps } from '../client.js';
import { wantsJson } from '../request-kind.js';
import { hashSecret } from './secrets.js';

export const SESSION_COOKIE = 'fk_session';
const TOUCH_EVERY_MS = 60_000;

export interface AuthOptions {
  /** Accept `?token=` (republished feeds only: a URL is all a feed reader can hold). */
  queryToken?: boolean;
}

export function authenticate(deps: ServeDeps, opts: AuthOptions = {}): MiddlewareHandler<AppEnv> {
  const touched = new Map<number, number>();
  return async (c, next) => {
    const token = bearerToken(c) ?? (opts.queryToken ? (c.req.query('token') ?? null) : null);
    if (token !== null) {
      const found = await deps.store.tokens.findByHash(hashSecret(token));
      if (found === null) throw new FeedkeeperError('AUTH_FAILED', 'the API token is not valid: it is unknown or was revoked (create one with `feedkeeper token create`)');
      const now = deps.clock.now();
      if (now - (touched.get(found.token.id) ?? 0) > TOUCH_EVERY_MS) {
        touched.set(found.token.id, now);
        await deps.store.tokens.touch(found.token.id, now);
      }
      c.set('user', found.user);
      c.set('session', null);
      return next();
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    const now = deps.clock.now();
    const live = cookie ? await deps.store.sessions.get(hashSecret(cookie), now) : null;
    if (cookie && live !== null) {
      c.set('user', live.user);
      c.set('session', live.session);
      // Sliding expiry: a session used in the second half of its life starts a new one, so a
      // daily reader stays signed in, and one left unused for the whole lifetime ends.
      const ttl = deps.options.sessionTtlMs;
      if (live.session.expiresAt - now < ttl / 2) {
        await deps.store.sessions.extend(live.session.idHash, now + ttl);
        setSessionCookie(c, cookie, ttl, deps.options.trustProxy);
      }
      return next();
    }
    if (wantsJson(c)) throw new FeedkeeperError('AUTH_REQUIRED', 'sign in first: send `Authorization: Bearer <token>` (create one with `feedkeeper token create`)');
    const url = new URL(c.req.url);
    return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
  };
}

/** The session cookie: HTTP-only, SameSite=Lax, Secure over HTTPS, for the session's lifetime. */
export function setSessionCookie(c: Context, secret: string, ttlMs: number, trustProxy: boolean): void {
  setCookie(c, SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'Lax', secure: isHttps(c, trustProxy), path: '/', maxAge: Math.floor(ttlMs / 1000) });
}

function bearerToken(c: Context): string | null {
  const header = c.req.header('authorization');
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match === null) throw new FeedkeeperError('AUTH_FAILED', 'the Authorization header must be `Bearer <token>`');
  return match[1] ?? null;
}
