import { describe, expect, it } from 'vitest';
import { actionToken, authToken, BAD_AUTHENTICATION, clientLoginBody, googleLoginKey, isActionToken } from './auth-tokens.js';

const KEY = '0cc175b9c0f1b6a831c399e269772661';

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
  it('is the same for one key every time, so a client may keep it', () => {
    const t = actionToken(KEY);
    expect(t).toHaveLength(57);
    expect(actionToken(KEY)).toBe(t);
    expect(isActionToken(t, KEY)).toBe(true);
    expect(isActionToken(` ${t} `, KEY)).toBe(true);
  });

  it('belongs to one key and is never a guess', () => {
    const t = actionToken(KEY);
    expect(isActionToken(t, '92eb5ffee6ae2fec3ad71c777531578f')).toBe(false);
    expect(isActionToken('', KEY)).toBe(false);
    expect(isActionToken(t.slice(0, 40), KEY)).toBe(false);
  });
});
