/**
 * Which feedkeeper user an OpenID Connect identity signs in as: the one linked to its (issuer,
 * subject). With no such user and sign-up allowed, a new user without a password (so the
 * password form never lets it in) is made, named after the identity, and linked at once.
 * Never by matching a username or an e-mail to an existing account: anyone who can choose their
 * name at the provider could take that account over. A disabled user is refused.
 */
import { FeedkeeperError, isFeedkeeperError, OIDC_ONLY_PASSWORD, USER_LIMITS } from '../../core/index.js';
import type { Store, User } from '../../store/index.js';
import type { OidcOptions } from '../deps.js';
import type { Claims, OidcIdentity } from './oidc-client.js';

const MAX_SUFFIX = 1000;
/** Room for the suffix within the limit every user name keeps (core/user-limits.ts). */
const MAX_NAME_LENGTH = USER_LIMITS.nameChars - String(MAX_SUFFIX).length;

export async function userForIdentity(store: Store, identity: OidcIdentity, options: Pick<OidcOptions, 'allowSignup' | 'label'>): Promise<{ user: User; created: boolean }> {
  const linked = await store.users.byOidc(identity.issuer, identity.subject);
  if (linked !== null) {
    if (linked.disabled) throw new FeedkeeperError('SIGNIN_REFUSED', `the account ${JSON.stringify(linked.username)} is disabled: ask an admin to enable it`);
    return { user: linked, created: false };
  }
  if (!options.allowSignup) {
    throw new FeedkeeperError('SIGNIN_REFUSED', `no feedkeeper account is linked to this ${options.label} identity, and new accounts cannot sign up with ${options.label}: ask an admin (an account needs its identity linked, or sign-up turned on)`);
  }
  const user = await createUser(store, usernameFrom(await identity.profile()));
  try {
    await store.users.linkOidc(user.id, identity.issuer, identity.subject);
  } catch (err) {
    if (!isFeedkeeperError(err, 'CONFLICT')) throw err;
    // Two first sign-ins of one identity at once: the other one linked first. Sign in as that
    // user and drop the account just made, which nothing can reach.
    await store.users.remove(user.id);
    return userForIdentity(store, identity, { ...options, allowSignup: false });
  }
  return { user, created: true };
}

/**
 * A new account's name: preferred_username, else the e-mail's local part, else "user"; lower
 * case, letters, digits, '.', '_' and '-' only, so it is easy to type in `feedkeeper user`.
 */
export function usernameFrom(claims: Claims): string {
  const email = typeof claims['email'] === 'string' ? claims['email'] : '';
  const local = email.includes('@') ? email.slice(0, email.lastIndexOf('@')).split('+')[0] : '';
  for (const candidate of [claims['preferred_username'], local]) {
    const name = typeof candidate === 'string' ? cleanName(candidate) : '';
    if (name !== '') return name;
  }
  return 'user';
}

function cleanName(raw: string): string {
  const cleaned = raw
    .normalize('NFKC')
    .toLowerCase()
    .trim()
    .replace(/\s+/g, '-')
    .replace(/[^\p{L}\p{N}._-]/gu, '')
    .replace(/^[._-]+|[._-]+$/g, '');
  // By code points: cutting UTF-16 units could split a character outside the BMP in two.
  return [...cleaned].slice(0, MAX_NAME_LENGTH).join('');
}

/** `mei`, or `mei2`, `mei3`, … when taken (in any letter case: the store refuses those too). */
async function createUser(store: Store, base: string): Promise<User> {
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const username = n === 1 ? base : `${base}${n}`;
    if ((await store.users.byName(username)) !== null) continue;
    try {
      return await store.users.create({ username, passwordHash: OIDC_ONLY_PASSWORD, isAdmin: false });
    } catch (err) {
      // Taken between the look-up and the insert: try the next name.
      if (!isFeedkeeperError(err, 'CONFLICT')) throw err;
    }
  }
  throw new FeedkeeperError('CONFLICT', `sign-up: the usernames ${base} to ${base}${MAX_SUFFIX} are all taken; an admin has to create this account`);
}
