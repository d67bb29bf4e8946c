/**
 * What a user name and a password must be, the same for `feedkeeper user`, the reader's Users page
 * and OpenID sign-in. Names are compared without letter case (Mei and mei are one user); they may
 * be e-mail addresses, so `@`, `.`, `-` and `_` are allowed beside letters and digits of any script.
 */
import { FeedkeeperError } from './errors.js';

export const USER_LIMITS = { nameChars: 64, passwordMinChars: 12, passwordMaxChars: 1024 } as const;

/**
 * The password hash of an admin made before anyone chose a password (migration 006, for an archive
 * used only from the CLI): no password matches it, and `run` replaces it. '' is an account that
 * signs in only through OpenID Connect.
 */
export const PASSWORD_NOT_SET = 'unset';

/** The password hash of an account that signs in only through OpenID Connect. */
export const OIDC_ONLY_PASSWORD = '';

/** The zone's canonical IANA name, or null when this runtime's Intl does not know it. */
export function canonicalTimeZone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Entries per list page a user may choose. */
export const PAGE_SIZE_BOUNDS = { min: 10, max: 200 } as const;

const NAME = /^[\p{L}\p{N}._@-]+$/u;

/** The trimmed name, or a USAGE error saying what is wrong with it. */
export function checkUsername(input: string): string {
  const name = input.trim();
  if (name === '') throw new FeedkeeperError('USAGE', 'a user name cannot be empty');
  if ([...name].length > USER_LIMITS.nameChars) {
    throw new FeedkeeperError('USAGE', `the user name "${name.slice(0, 20)}…" is longer than ${USER_LIMITS.nameChars} characters`, { details: { field: 'username' } });
  }
  if (!NAME.test(name)) {
    throw new FeedkeeperError('USAGE', `the user name ${JSON.stringify(name)} may hold only letters, digits and . _ @ -`, { details: { field: 'username' } });
  }
  return name;
}

/** USAGE unless the password is long enough (length is what makes a password strong; no composition rules). */
export function checkPassword(password: string): void {
  const length = [...password].length;
  if (length < USER_LIMITS.passwordMinChars) {
    throw new FeedkeeperError('USAGE', `the password is too weak: it has ${length} characters, at least ${USER_LIMITS.passwordMinChars} are needed`, { details: { field: 'password' } });
  }
  if (length > USER_LIMITS.passwordMaxChars) {
    throw new FeedkeeperError('USAGE', `the password is longer than ${USER_LIMITS.passwordMaxChars} characters`, { details: { field: 'password' } });
  }
}
