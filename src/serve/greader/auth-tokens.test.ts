import { describe, expect, it } from 'vitest';
import { actionToken, authToken, BAD_AUTHENTICATION, clientLoginBody, googleLoginKey, isActionToken } from './auth-tokens.js';

const KEY = '0cc175b9c0f1b6a831c399e269772661';
const NOW = Date.UTC(2024, 2, 4, 8, 30, 0);
const DAY = 86_400_000;

describe('ClientLogin', () => {
  it('answers the three lines every client parses, or JSON when asked', () => {
    const auth = authToken('mei', KEY);
    expect(clientLoginBody(auth, 'text')).toEqual({ type: 'text/plain; charset=utf-8', body: `SID=mei/${KEY}\nLSID=mei/${KEY}\nAuth=mei/${KEY}\n` });
    expect(JSON.parse(clientLoginBody(auth, 'json').body)).toEqual({ SID: auth, LSID: auth, Auth: auth });
    expect(BAD_AUTHENTICATION).toBe('Error=BadAuthentication\n');
  });
});

describe('the GoogleLogin header', () => {
  it.each([
    ['the usual form', `GoogleLogin auth=mei/${KEY}`, KEY],
    ['another case and spacing', `googlelogin   AUTH=mei/${KEY.toUpperCase()} `, KEY],
    ['a username with a slash', `GoogleLogin auth=a/b/${KEY}`, KEY],
    ['the bare key', `GoogleLogin auth=${KEY}`, KEY],
  ])('%s', (_case, header, key) => {
    expect(googleLoginKey(header)).toBe(key);
  });

  it.each([
    ['a bearer token', 'Bearer fk_abc'],
    ['no token', 'GoogleLogin auth='],
    ['a short key', 'GoogleLogin auth=mei/abc'],
  ])('%s is malformed', (_case, header) => {
    expect(googleLoginKey(header)).toBe('malformed');
  });

  it('is absent without the header', () => {
    expect(googleLoginKey(undefined)).toBeNull();
    expect(googleLoginKey('  ')).toBeNull();
  });
});

describe('the T token', () => {
  it('is accepted the day it is issued and the next, then no longer', () => {
    const t = actionToken(KEY, NOW);
    expect(t).toHaveLength(57);
    expect(isActionToken(t, KEY, NOW)).toBe(true);
    expect(isActionToken(t, KEY, NOW + DAY)).toBe(true);
    expect(isActionToken(t, KEY, NOW + 2 * DAY)).toBe(false);
  });

  it('belongs to one key and is never a guess', () => {
    const t = actionToken(KEY, NOW);
    expect(isActionToken(t, '92eb5ffee6ae2fec3ad71c777531578f', NOW)).toBe(false);
    expect(isActionToken('', KEY, NOW)).toBe(false);
    expect(isActionToken(t.slice(0, 40), KEY, NOW)).toBe(false);
  });
});
