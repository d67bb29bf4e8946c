/**
 * Google Reader's three credentials, as pure functions:
 * - ClientLogin answers `SID=`, `LSID=` and `Auth=` lines (JSON with `output=json`, which Read You
 *   asks for), or `Error=BadAuthentication` (always text: it is what every client parses).
 * - Every other call carries `Authorization: GoogleLogin auth=<Auth>`. The Auth token is
 *   `<username>/<Fever key>` (auth/api-password.ts says why one key serves both APIs); only the key
 *   after the last `/` is looked up.
 * - The `T` action token, from reader/api/0/token: an HMAC of the Auth key, so it needs no
 *   storage and dies with the API password. It does not expire by the clock as Google's did:
 *   NetNewsWire keeps the first one it gets for as long as it runs and never asks again. When a
 *   request sends one it must be right (401 with `X-Reader-Google-Bad-Token`, the header clients
 *   react to by fetching a new one); a request without one is accepted, since the Authorization
 *   header it came with is something no other site can make a browser send.
 */
import { createHmac } from 'node:crypto';
import { sameSecret } from '../auth/secrets.js';

const T_LENGTH = 57; // Google's length; some clients check it

export function authToken(username: string, feverKey: string): string {
  return `${username}/${feverKey}`;
}

export function clientLoginBody(auth: string, output: 'json' | 'text'): { type: string; body: string } {
  if (output === 'json') return { type: 'application/json; charset=utf-8', body: JSON.stringify({ SID: auth, LSID: auth, Auth: auth }) };
  return { type: 'text/plain; charset=utf-8', body: `SID=${auth}\nLSID=${auth}\nAuth=${auth}\n` };
}

export const BAD_AUTHENTICATION = 'Error=BadAuthentication\n';

/** The key of `Authorization: GoogleLogin auth=<token>`; null without that header, 'malformed' for another shape. */
export function googleLoginKey(header: string | undefined): string | null | 'malformed' {
  if (header === undefined || header.trim() === '') return null;
  const match = /^\s*GoogleLogin\s+auth=(\S+)\s*$/i.exec(header);
  if (match === null) return 'malformed';
  const token = match[1] as string;
  const key = token.slice(token.lastIndexOf('/') + 1);
  return /^[0-9a-f]{32}$/i.test(key) ? key.toLowerCase() : 'malformed';
}

export function actionToken(key: string): string {
  return createHmac('sha256', key).update('feedkeeper-T').digest('hex').slice(0, T_LENGTH).padEnd(T_LENGTH, '0');
}

export function isActionToken(t: string, key: string): boolean {
  return sameSecret(t.trim(), actionToken(key));
}
