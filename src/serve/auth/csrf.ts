/**
 * CSRF protection for browser sessions. Every state-changing request made with a session cookie
 * must carry the session's token (form field `_csrf`, or header `X-CSRF-Token` from the reader's
 * script), and a cross-site Origin is refused outright. Requests with an API token are not
 * cookie-borne, so a forged page cannot make them; they pass. SameSite=Lax cookies are the
 * first line, this is the second.
 */
import type { MiddlewareHandler } from 'hono';
import { FeedkeeperError } from '../../core/index.js';
import type { AppEnv } from '../deps.js';
import { sameSecret } from './secrets.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function verifyCsrf(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const session = c.get('session');
    if (SAFE.has(c.req.method) || session === null || session === undefined) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== 'null' && origin !== new URL(c.req.url).origin) {
      throw new FeedkeeperError('CSRF_FAILED', `refused a ${c.req.method} from another site (${origin})`);
    }
    const sent = c.req.header('x-csrf-token') ?? (await formToken(c.req.raw.headers.get('content-type'), () => c.req.parseBody()));
    if (sent === null || !sameSecret(sent, session.csrfToken)) {
      throw new FeedkeeperError('CSRF_FAILED', 'the form is out of date or did not come from this site: reload the page and try again');
    }
    return next();
  };
}

async function formToken(type: string | null, parse: () => Promise<Record<string, unknown>>): Promise<string | null> {
  if (type === null || !/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return null;
  // Hono caches the parsed body, so the route can read it again.
  const value = (await parse())._csrf;
  return typeof value === 'string' ? value : null;
}
