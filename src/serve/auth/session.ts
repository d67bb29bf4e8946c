/**
 * Starting a browser session once someone has proved who they are, the same way for every
 * sign-in method (password, OpenID Connect): a new random secret in the session cookie, and in the
 * store only its hash, with a fresh CSRF token and the session lifetime. Never checks credentials.
 */
import type { Context } from 'hono';
import type { User } from '../../store/index.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { setSessionCookie } from './authenticate.js';
import { hashSecret, newSecret } from './secrets.js';

export async function startSession(c: Context<AppEnv>, deps: ServeDeps, user: User, method: 'password' | 'oidc'): Promise<void> {
  const now = deps.clock.now();
  // Sessions are checked for expiry on use; signing in is a good moment to sweep the old ones.
  await deps.store.sessions.removeExpired(now);
  const secret = newSecret();
  const expiresAt = now + deps.options.sessionTtlMs;
  await deps.store.sessions.create({ idHash: hashSecret(secret), userId: user.id, csrfToken: newSecret(), createdAt: now, expiresAt });
  setSessionCookie(c, secret, deps.options.sessionTtlMs, deps.options.trustProxy);
  deps.logger.info({ userId: user.id, method }, 'signed in');
}
