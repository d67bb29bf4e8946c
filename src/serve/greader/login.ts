/**
 * accounts/ClientLogin, reader/api/0/token and user-info. ClientLogin checks the user's API
 * password (scrypt, serve/auth/passwords.ts) and answers the Auth token, or `Error=BadAuthentication`
 * as text with 401 for a wrong name or password, a user without an API password, or a disabled
 * one: the same answer for each, so it tells nobody which names exist. Failures are limited per
 * address and per name like the web login (in the store, under keys of their own, so a phone with a
 * stale API password does not lock its owner out of the web), and nobody can make the server hash
 * passwords all day.
 */
import type { Context } from 'hono';
import { clientAddress } from '../client.js';
import { feverKey } from '../auth/api-password.js';
import { verifyPassword } from '../auth/passwords.js';
import { createAttemptLimiter } from '../auth/rate-limit.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { actionToken, authToken, BAD_AUTHENTICATION, clientLoginBody } from './auth-tokens.js';
import type { Caller } from './authenticate.js';
import type { Params } from './params.js';
import { seconds } from './sync-item.js';

export function clientLogin(deps: ServeDeps): (c: Context<AppEnv>, p: Params) => Promise<Response> {
  const limiter = createAttemptLimiter(deps.store.loginAttempts, deps.options.loginAttempts);
  const bad = (c: Context) => c.text(BAD_AUTHENTICATION, 401, { 'Content-Type': 'text/plain; charset=utf-8' });
  return async (c, p) => {
    const email = p.one('Email')?.trim() ?? '';
    const passwd = p.one('Passwd') ?? '';
    const now = deps.clock.now();
    const keys = [`api-ip:${clientAddress(c, deps.options.trustProxy)}`, `api-user:${email.toLowerCase()}`];
    if (email === '' || passwd === '' || (await limiter.blockedFor(keys, now)) > 0) return bad(c);
    const user = await deps.store.users.byName(email);
    const hash = user === null || user.disabled ? null : await deps.store.users.apiPasswordHash(user.id);
    if (user === null || hash === null || !(await verifyPassword(passwd, hash))) {
      await limiter.fail(keys, now);
      return bad(c);
    }
    await limiter.clear(keys[1] as string);
    const out = clientLoginBody(authToken(user.username, feverKey(user.username, passwd)), p.one('output') === 'json' ? 'json' : 'text');
    c.header('Cache-Control', 'no-store');
    return c.body(out.body, 200, { 'Content-Type': out.type });
  };
}

export function token(c: Context, caller: Caller): Response {
  c.header('Cache-Control', 'no-store');
  return c.text(actionToken(caller.key));
}

export function userInfo(c: Context, caller: Caller): Response {
  const { user } = caller;
  return c.json({ userId: String(user.id), userName: user.username, userProfileId: String(user.id), userEmail: '', isBloggerUser: false, signupTimeSec: seconds(user.createdAt), isMultiLoginEnabled: false });
}
