/**
 * Conditional GET for republished feeds. The ETag is a strong validator: a hash of the exact body,
 * computed after rendering, so any change (a new article, a revision, other filters) changes it.
 * Last-Modified is the newest change among the items (build-feed.ts); it cannot see a revision of
 * an older article that carries no update time, which is why If-None-Match, when sent, decides
 * alone (RFC 9110 §13.2.2) and If-Modified-Since is only consulted without it.
 *
 * Cache-Control is `private, max-age=300`: feeds sit behind authentication, so no shared cache may
 * keep them, and five minutes is shorter than any feed's own poll interval. `Vary` names both
 * ways of signing in (a token header, a session cookie).
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';

const CACHE_CONTROL = 'private, max-age=300';
const VARY = 'Authorization, Cookie';

function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** Whether the client's copy is current: If-None-Match first, If-Modified-Since only without it. */
export function isNotModified(headers: { ifNoneMatch?: string | undefined; ifModifiedSince?: string | undefined }, etag: string, lastModified: number | null): boolean {
  if (headers.ifNoneMatch !== undefined) return matchesEtag(headers.ifNoneMatch, etag);
  if (headers.ifModifiedSince === undefined || lastModified === null) return false;
  const since = Date.parse(headers.ifModifiedSince);
  // HTTP dates have whole seconds; the stored time may not.
  return Number.isFinite(since) && Math.floor(lastModified / 1000) * 1000 <= since;
}

/** If-None-Match uses the weak comparison: `W/"x"` matches `"x"`; `*` matches any current body. */
function matchesEtag(header: string, etag: string): boolean {
  const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === etag);
}

/** The feed, or a 304 with the same validators and no body. */
export function feedResponse(c: Context, body: string, contentType: string, lastChange: number | null): Response {
  const etag = etagOf(body);
  c.header('ETag', etag);
  if (lastChange !== null) c.header('Last-Modified', new Date(lastChange).toUTCString());
  c.header('Cache-Control', CACHE_CONTROL);
  c.header('Vary', VARY);
  const notModified = isNotModified({ ifNoneMatch: c.req.header('if-none-match'), ifModifiedSince: c.req.header('if-modified-since') }, etag, lastChange);
  if (notModified) return c.body(null, 304);
  c.header('Content-Type', contentType);
  return c.body(body, 200);
}
