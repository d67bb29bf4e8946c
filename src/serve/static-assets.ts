/**
 * The reader's stylesheet and script, read once when the app is made and served from memory with
 * an ETag. They live in src/serve/static/ as plain files (the one script is browser JavaScript, no
 * build step); from dist/ the same folder is found through the repository root.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { AppEnv } from './deps.js';

const ASSETS: Record<string, string> = {
  'app.css': 'text/css; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
};

function assetDir(): string {
  // src/serve/ under vitest, dist/src/serve/ after a build.
  for (const rel of ['./static/', '../../../src/serve/static/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(`${dir}app.css`)) return dir;
  }
  throw new Error('feedkeeper: cannot find the reader assets (src/serve/static/); is the repository complete?');
}

export function staticRoutes(): Hono<AppEnv> {
  const dir = assetDir();
  const files = new Map(
    Object.entries(ASSETS).map(([name, type]) => {
      const body = readFileSync(`${dir}${name}`);
      return [name, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` }] as const;
    }),
  );
  const app = new Hono<AppEnv>();
  app.get('/:name', (c) => {
    const file = files.get(c.req.param('name'));
    if (file === undefined) return c.notFound();
    c.header('ETag', file.etag);
    c.header('Cache-Control', 'no-cache');
    if (c.req.header('if-none-match') === file.etag) return c.body(null, 304);
    c.header('Content-Type', file.type);
    return c.body(new Uint8Array(file.body));
  });
  return app;
}
