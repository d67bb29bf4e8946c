/**
 * Secrets handed to browsers and programs (session cookies, API tokens, CSRF tokens): 32 random
 * bytes, base64url. The store keeps only a SHA-256 of session and API secrets, so a copied
 * database does not log anyone in. SHA-256 (not scrypt) is right here: the secrets are random,
 * not guessable words, and they are checked on every request.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** API tokens start with this, so a leaked one is recognisable in logs and by secret scanners. */
const TOKEN_PREFIX = 'fk_';

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function newApiToken(): string {
  return `${TOKEN_PREFIX}${newSecret()}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A readable password for a first start without FEEDKEEPER_ADMIN_PASSWORD (~100 bits). */
export function newPassword(bytes = 15): string {
  return randomBytes(bytes).toString('base64url').replace(/[-_]/g, 'x');
}
