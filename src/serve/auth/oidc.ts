/**
 * Sign-in with OpenID Connect: GET /login/oidc sends the browser to the provider (authorization
 * code flow with PKCE), GET /login/oidc/callback brings it back. Between the two, the state, nonce
 * and code verifier wait in a ten-minute HTTP-only cookie, SameSite=Lax because the provider
 * returns the browser with a cross-site top-level GET (Strict would not be sent). The callback's
 * state must equal the cookie's, so a callback this browser did not start is refused before any
 * code is exchanged. The user comes from oidc-users.ts and the session from session.ts, exactly
 * as after a password.
 * Every failure is a FeedkeeperError the app renders like any other: SIGNIN_REFUSED or
 * CSRF_FAILED (403) for "no", OIDC_PROVIDER_FAILED (502) when the provider failed.
 */
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { FeedkeeperError } from '../../core/index.js';
import { isHttps } from '../client.js';
import type { AppEnv, OidcOptions, ServeDeps } from '../deps.js';
import { safePath } from '../safe-urls.js';
import { createOidcClient, type PendingSignIn } from './oidc-client.js';
import { userForIdentity } from './oidc-users.js';
import { sameSecret } from './secrets.js';
import { startSession } from './session.js';

const FLOW_COOKIE = 'fk_oidc';
const FLOW_PATH = '/login/oidc';
const FLOW_SECONDS = 600;

/** Provider answers that mean "this person did not sign in", not "something is broken". */
const REFUSALS = new Set(['access_denied', 'login_required', 'consent_required', 'interaction_required', 'account_selection_required']);

const flowSchema = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  codeVerifier: z.string().min(43).max(128),
  next: z.string(),
});
type Flow = PendingSignIn & { next: string };

/** No routes at all when OpenID Connect is off: /login/oidc is then a plain 404. */
export function oidcRoutes(deps: ServeDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const options = deps.options.oidc;
  if (options === null) return app;
  const client = createOidcClient(options);

  app.get(FLOW_PATH, async (c) => {
    const { url, pending } = await client.start();
    const flow: Flow = { ...pending, next: safePath(c.req.query('next')) };
    setCookie(c, FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), {
      httpOnly: true, sameSite: 'Lax', secure: isHttps(c, deps.options.trustProxy), path: FLOW_PATH, maxAge: FLOW_SECONDS,
    });
    return c.redirect(url, 302);
  });

  app.get(`${FLOW_PATH}/callback`, async (c) => {
    const query = new URL(c.req.url).searchParams;
    const flow = readFlow(getCookie(c, FLOW_COOKIE));
    // One use, whatever happens next: reloading the callback starts nothing again.
    deleteCookie(c, FLOW_COOKIE, { path: FLOW_PATH });
    const refused = providerError(query, options);
    if (refused !== null) throw refused;
    if (flow === null || !sameSecret(flow.state, query.get('state') ?? '')) {
      throw new FeedkeeperError('CSRF_FAILED', `sign-in with ${options.label}: this answer does not belong to a sign-in started in this browser in the last ${FLOW_SECONDS / 60} minutes; start again from the sign-in page`);
    }
    const identity = await client.finish(query, flow);
    const { user, created } = await userForIdentity(deps.store, identity, options);
    if (created) deps.logger.info({ userId: user.id, username: user.username, issuer: identity.issuer }, 'account created at its first OpenID Connect sign-in');
    await startSession(c, deps, user, 'oidc');
    return c.redirect(safePath(flow.next), 303);
  });

  return app;
}

function readFlow(cookie: string | undefined): Flow | null {
  if (cookie === undefined) return null;
  try {
    const parsed = flowSchema.safeParse(JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // not JSON: a cookie we did not write
  }
}

/** The provider's own `error=` answer (RFC 6749 §4.1.2.1), in words; its text is the provider's, shortened. */
function providerError(query: URLSearchParams, options: OidcOptions): FeedkeeperError | null {
  const error = query.get('error');
  if (error === null) return null;
  const description = query.get('error_description')?.slice(0, 300);
  const said = `${error.slice(0, 100)}${description ? `: ${description}` : ''}`;
  if (REFUSALS.has(error)) {
    return new FeedkeeperError('SIGNIN_REFUSED', `sign-in with ${options.label} was not completed: the provider answered "${said}"; start again to sign in`, { details: { error } });
  }
  return new FeedkeeperError('OIDC_PROVIDER_FAILED', `sign-in with ${options.label} failed at the provider ("${said}"); if it keeps failing, the admin should check the client settings there`, { details: { error } });
}
