/**
 * Who a Google Reader call is from: `Authorization: GoogleLogin auth=<token>`, whose key is looked
 * up by its hash (store.users.byFeverKey: enabled users only). Not the session and CSRF stack:
 * these clients have no cookies, and the header is their credential. A POST that sends `T` must
 * send the right one (401 with `X-Reader-Google-Bad-Token: true`, which tells clients to fetch a
 * new token); one that sends none is accepted, because no other site can make a browser send this
 * header (docs/DESIGN.md, "Sync APIs").
 */
import type { Context } from 'hono';
import { FeedkeeperError } from '../../core/index.js';
import type { User } from '../../store/index.js';
import { userByFeverKey } from '../auth/api-password.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { googleLoginKey, isActionToken } from './auth-tokens.js';
import type { Params } from './params.js';

export interface Caller {
  user: User;
  /** The Fever key the Auth token carries (the T token is made from it). */
  key: string;
}

export async function authenticateGoogleLogin(deps: ServeDeps, c: Context<AppEnv>): Promise<Caller> {
  const key = googleLoginKey(c.req.header('authorization'));
  if (key === null) throw new FeedkeeperError('AUTH_REQUIRED', 'sign in first: send `Authorization: GoogleLogin auth=<Auth>` with the Auth that accounts/ClientLogin returned');
  if (key === 'malformed') throw new FeedkeeperError('AUTH_FAILED', 'the Authorization header must be `GoogleLogin auth=<Auth>` with the Auth that accounts/ClientLogin returned');
  const user = await userByFeverKey(deps.store, key);
  if (user === null) throw new FeedkeeperError('AUTH_FAILED', 'the Auth token is not valid: the API password changed, or the user is disabled; sign in again with accounts/ClientLogin');
  c.set('user', user);
  c.set('session', null);
  return { user, key };
}

/** Refuses a wrong `T` on a write; an absent one is fine (see the header). */
export function checkActionToken(c: Context, caller: Caller, params: Params): void {
  const t = params.one('T');
  if (t === undefined || t === '') return;
  if (!isActionToken(t, caller.key)) {
    c.header('X-Reader-Google-Bad-Token', 'true');
    throw new FeedkeeperError('AUTH_FAILED', 'T: the action token is not valid (the API password changed?); get a new one from reader/api/0/token');
  }
}
