/**
 * GET /media/:sha256: an archived image, to a user who may open some article that uses it (the
 * store's reach test, the same as for the article; any other hash is NOT_FOUND, like one that
 * does not exist). Authenticated like republished feeds (session, Bearer or ?token=), since
 * `?images=local` feeds point here. The type is the sniffed one, never the server's; nosniff
 * keeps browsers from guessing otherwise; the bytes of a hash never change, so the answer is
 * cacheable for a year (privately: it needed a login). SVG gets a CSP of its own that allows no
 * script, no fetch and no frame, only inline styles, so even an SVG that slipped past
 * media/svg.ts does nothing when opened directly.
 *
 * Feed readers fetch a feed's images without its credentials, so `?images=local` feeds carry
 * signed URLs: `?u=<user id>&s=<HMAC-SHA256(key, "user:sha256")>` (128 bits, base64url) with a
 * key kept in the data directory. A signature stands for that user and that image only, never
 * for the token that fetched the feed (which never appears in a document); the user must still
 * be enabled and reach an article using the image when it is fetched.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { FeedkeeperError } from '../core/index.js';
import { isSha256, readMedia } from '../media/index.js';
import type { AppEnv, ServeDeps } from './deps.js';
import { entryScope } from './scope.js';

export const MEDIA_PATH = '/media/*';

/** A signed `?u=&s=` URL signs the user in for this one image; anything else goes through `fallback` (feed authentication). */
export function mediaAuthentication(deps: ServeDeps, fallback: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const u = c.req.query('u');
    const s = c.req.query('s');
    const sha256 = c.req.path.slice('/media/'.length);
    if (u === undefined || s === undefined || deps.mediaKey === undefined) return fallback(c, next);
    const userId = /^[1-9][0-9]{0,15}$/.test(u) ? Number(u) : null;
    const user = userId === null || !isSha256(sha256) || !sameSignature(signMedia(deps.mediaKey, userId, sha256), s) ? null : await deps.store.users.get(userId);
    if (user === null || user.disabled) throw new FeedkeeperError('NOT_FOUND', `no image ${sha256}`);
    c.set('user', user);
    c.set('session', null);
    return next();
  };
}

function signMedia(key: Uint8Array, userId: number, sha256: string): string {
  return createHmac('sha256', key).update(`${userId}:${sha256}`).digest().subarray(0, 16).toString('base64url');
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function mediaRoutes(deps: ServeDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/media/:sha256{[0-9a-f]{64}}', async (c) => {
    const sha256 = c.req.param('sha256');
    const notFound = new FeedkeeperError('NOT_FOUND', `no image ${sha256}`);
    if (!isSha256(sha256) || deps.mediaDir === undefined) throw notFound;
    const file = await deps.store.media.reachable(entryScope(c.get('user')), sha256);
    if (file === null) throw notFound;
    const bytes = await readMedia(deps.mediaDir, sha256);
    if (bytes === null) {
      deps.logger.warn({ sha256, dir: deps.mediaDir }, 'an archived image is in the store but its file is missing');
      throw notFound;
    }
    c.header('Content-Type', file.mime);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'private, max-age=31536000, immutable');
    c.header('Content-Disposition', 'inline');
    if (file.mime === 'image/svg+xml') c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    return c.body(new Uint8Array(bytes).buffer);
  });
  return app;
}

/**
 * Archived images of these entries as a rewrite: original URL → local path, or, for a feed
 * (`signFor`: its reader), the absolute URL from `origin` signed for that user.
 */
export async function localImageUrls(deps: ServeDeps, entryIds: readonly number[], feed?: { origin: string; signFor: number }): Promise<Map<number, (url: string) => string | null>> {
  const found = await deps.store.media.localImages(entryIds);
  const out = new Map<number, (url: string) => string | null>();
  const link = (sha: string): string => {
    if (feed === undefined) return `/media/${sha}`;
    const signature = deps.mediaKey === undefined ? '' : `?u=${feed.signFor}&s=${signMedia(deps.mediaKey, feed.signFor, sha)}`;
    return `${feed.origin}/media/${sha}${signature}`;
  };
  for (const [id, urls] of found) out.set(id, (url) => {
    const sha = urls.get(url);
    return sha === undefined ? null : link(sha);
  });
  return out;
}
