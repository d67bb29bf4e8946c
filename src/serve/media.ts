/**
 * GET /media/:sha256: an archived image, to a user who may open some article that uses it (the
 * store's reach test, the same as for the article; any other hash is NOT_FOUND, like one that
 * does not exist). Authenticated like republished feeds (session, Bearer or ?token=), since
 * `?images=local` feeds point here. The type is the sniffed one, never the server's; nosniff
 * keeps browsers from guessing otherwise; the bytes of a hash never change, so the answer is
 * cacheable for a year (privately: it needed a login). SVG gets a CSP of its own that allows no
 * script, no fetch and no frame, only inline styles, so even an SVG that slipped past
 * media/svg.ts does nothing when opened directly.
 */
import { Hono } from 'hono';
import { FeedkeeperError } from '../core/index.js';
import { isSha256, readMedia } from '../media/index.js';
import type { AppEnv, ServeDeps } from './deps.js';
import { entryScope } from './scope.js';

export const MEDIA_PATH = '/media/*';

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

/** Archived images of these entries as a rewrite: original URL → local path (or absolute, with `origin`). */
export async function localImageUrls(deps: ServeDeps, entryIds: readonly number[], origin = ''): Promise<Map<number, (url: string) => string | null>> {
  const found = await deps.store.media.localImages(entryIds);
  const out = new Map<number, (url: string) => string | null>();
  for (const [id, urls] of found) out.set(id, (url) => {
    const sha = urls.get(url);
    return sha === undefined ? null : `${origin}/media/${sha}`;
  });
  return out;
}
