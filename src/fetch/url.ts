/**
 * URL handling for fetch: which URLs we accept (http and https only), how a redirect's Location is
 * resolved, how URL credentials become a Basic Authorization header, and how a URL is shown in
 * messages (password masked). Messages never print a password; results keep the URL as given.
 */
import { FeedkeeperError } from '../core/errors.js';

/** Parses a URL the caller asked for; throws FETCH_BAD_URL unless it is an absolute http(s) URL. */
export function parseFetchUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch (cause) {
    throw new FeedkeeperError('FETCH_BAD_URL', `fetch ${JSON.stringify(input)}: not a valid absolute URL`, { cause });
  }
  assertHttpScheme(url, `fetch ${redactUrl(url)}`);
  return url;
}

/** Resolves a Location header against the URL that answered with it; throws FETCH_BAD_URL when unusable. */
export function resolveLocation(location: string, base: URL, target: string): URL {
  let url: URL;
  try {
    url = new URL(location, base);
  } catch (cause) {
    throw new FeedkeeperError('FETCH_BAD_URL', `fetch ${target}: redirect Location ${JSON.stringify(location)} is not a valid URL`, {
      cause,
    });
  }
  assertHttpScheme(url, `fetch ${target}: redirect to ${redactUrl(url)}`);
  return url;
}

function assertHttpScheme(url: URL, prefix: string): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FeedkeeperError('FETCH_BAD_URL', `${prefix}: expected an http or https URL, got ${url.protocol}`);
  }
}

/** The URL as shown to people: any password replaced by `***`. */
export function redactUrl(url: URL | string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.toString());
  } catch {
    return String(url); // not a URL at all, so there is no password to hide
  }
  if (parsed.password !== '') parsed.password = '***';
  return parsed.href;
}

/** `Basic …` for a URL with a user name or password, else null. undici ignores URL credentials by itself. */
export function basicAuthorization(url: URL): string | null {
  if (url.username === '' && url.password === '') return null;
  const pair = `${safeDecode(url.username)}:${safeDecode(url.password)}`;
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part; // a stray % that is not an escape: send it as written
  }
}

/** The URL without its fragment, for loop detection (fragments never reach the server). */
export function withoutFragment(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = '';
  return copy.href;
}

/** `3`, `0.3`, `1.25`: milliseconds as seconds for messages. */
export function formatSeconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}
