import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiPasswordSecrets, feverKey, hashFeverKey, newApiPassword } from './api-password.js';
import { verifyPassword } from './passwords.js';

const CHEAP = { N: 1024, r: 8, p: 1 };

describe('API passwords', () => {
  it('are random, long and typeable', () => {
    const a = newApiPassword();
    expect(a).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(newApiPassword()).not.toBe(a);
  });

  it('give the Fever key clients compute: md5 of "username:password"', () => {
    // md5("mei:open sesame"), computed independently of feverKey
    const expected = createHash('md5').update('mei:open sesame').digest('hex');
    expect(feverKey('mei', 'open sesame')).toBe(expected);
    expect(hashFeverKey(expected.toUpperCase())).toBe(hashFeverKey(expected));
    expect(hashFeverKey(expected)).not.toContain(expected);
  });

  it('store a scrypt hash that verifies and a Fever key hash, never the password', async () => {
    const secrets = await apiPasswordSecrets('mei', 'open sesame', CHEAP);
    expect(await verifyPassword('open sesame', secrets.passwordHash)).toBe(true);
    expect(await verifyPassword('open sesam', secrets.passwordHash)).toBe(false);
    expect(secrets.feverKeyHash).toBe(hashFeverKey(feverKey('mei', 'open sesame')));
    expect(JSON.stringify(secrets)).not.toContain('open sesame');
  });
});
