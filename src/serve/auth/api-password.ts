/**
 * The API password: a second, per-user password for feed clients (Google Reader and Fever), so a
 * phone app never holds the web password, and a leaked one is replaced without touching the web
 * login. feedkeeper generates it (random, ~120 bits) and shows it once.
 *
 * Two forms are stored, never the password: its scrypt hash, which ClientLogin checks, and a
 * SHA-256 of its Fever key. Fever clients send `api_key = md5("<username>:<password>")` on every
 * call, so that key is what a request can be looked up by; the same key is the Google Reader
 * `Auth` token ClientLogin hands out (one per password: every device and every login gets the same
 * token, no token rows pile up, and a new API password ends them all). md5 is Fever's choice, not
 * ours; it is safe here only because the password is random, never a word a person picked.
 */
import { createHash } from 'node:crypto';
import type { Store, User } from '../../store/index.js';
import { hashPassword, type ScryptCost } from './passwords.js';
import { hashSecret, newPassword } from './secrets.js';

export interface ApiPasswordSecrets {
  passwordHash: string;
  feverKeyHash: string;
}

/** 24 characters of base64url without `-` and `_`, easy to type on a phone keyboard. */
export function newApiPassword(): string {
  return newPassword(18);
}

/** md5("<username>:<password>") in lower-case hex, as Fever clients compute it. */
export function feverKey(username: string, password: string): string {
  return createHash('md5').update(`${username}:${password}`, 'utf8').digest('hex');
}

/** What the store keeps of a Fever key (clients may send its hex in capitals). */
export function hashFeverKey(key: string): string {
  return hashSecret(key.trim().toLowerCase());
}

/** The enabled user whose API password this Fever key (or Google Reader Auth token) comes from, or null. */
export function userByFeverKey(store: Store, key: string): Promise<User | null> {
  return key.trim() === '' ? Promise.resolve(null) : store.users.byFeverKey(hashFeverKey(key));
}

export async function apiPasswordSecrets(username: string, password: string, cost?: ScryptCost): Promise<ApiPasswordSecrets> {
  return { passwordHash: await hashPassword(password, cost), feverKeyHash: hashFeverKey(feverKey(username, password)) };
}
