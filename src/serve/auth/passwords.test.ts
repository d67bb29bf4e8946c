import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.js';

const CHEAP = { N: 1024, r: 8, p: 1 };

describe('passwords', () => {
  it('verify the password they were made from, and no other', async () => {
    const stored = await hashPassword('海港 ferry 2024!', CHEAP);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('海港 ferry 2024!', stored)).toBe(true);
    expect(await verifyPassword('海港 ferry 2024?', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salt every hash, so one password never gives the same string twice', async () => {
    expect(await hashPassword('same password', CHEAP)).not.toBe(await hashPassword('same password', CHEAP));
  });

  it('compare Unicode passwords in NFC, so a composed and a decomposed é are one password', async () => {
    const stored = await hashPassword('caf\u00e9 latte', CHEAP);
    expect(await verifyPassword('cafe\u0301 latte', stored)).toBe(true);
  });

  it.each([
    ['another scheme', 'bcrypt$10$abc$def'],
    ['missing parts', 'scrypt$1024$8'],
    ['a non-numeric cost', 'scrypt$lots$8$1$c2FsdA$aGFzaA'],
    ['empty', ''],
  ])('refuse a stored hash with %s instead of throwing', async (_case, stored) => {
    expect(await verifyPassword('anything', stored)).toBe(false);
  });

  it('refuse every password, the empty one too, for a user without one (signed up with OpenID Connect)', async () => {
    expect(await verifyPassword('', '')).toBe(false);
    expect(await verifyPassword('scrypt', '')).toBe(false);
  });

  it('default to OWASP scrypt parameters (N = 2^17, r = 8, p = 1)', async () => {
    const stored = await hashPassword('a long enough password');
    expect(stored.split('$').slice(0, 4)).toEqual(['scrypt', '131072', '8', '1']);
    expect(await verifyPassword('a long enough password', stored)).toBe(true);
  });
});
