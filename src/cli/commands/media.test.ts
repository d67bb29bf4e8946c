/**
 * `feedkeeper set --images` and `feedkeeper media fetch` in-process against a loopback feed whose
 * article has an image: `fetch` only queues it, `media fetch` stores it under <data-dir>/media/
 * and prints what failed and why, and a feed set to `--images off` downloads nothing.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { removeTempDirs, runFeedkeeper, tempDataDir } from '../../../test/cli-harness.js';
import { startFixtureServer, type FixtureServer } from '../../../test/fixture-server.js';
import { gif, HTML_PAGE } from '../../media/testdata/images.js';

let server: FixtureServer;
let dataDir: string;
const fk = (...args: string[]) => runFeedkeeper([...args, '--data-dir', dataDir, '--allow-private-networks']);

beforeAll(async () => {
  server = await startFixtureServer();
  server.route('/pic.gif', (_req, res) => res.writeHead(200, { 'content-type': 'image/gif' }).end(gif(8, 8)));
  server.route('/fake.jpg', (_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(HTML_PAGE));
  server.route('/feed.xml', (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Pics</title><link>${server.url('/')}</link>` +
        `<item><title>Gallery</title><link>${server.url('/g.html')}</link><description><![CDATA[<p>The gallery reopened after a long winter, with new lighting in every room.</p>` +
        `<img src="${server.url('/pic.gif')}"><img src="${server.url('/fake.jpg')}">]]></description></item></channel></rss>`,
    ),
  );
});
beforeEach(async () => {
  dataDir = await tempDataDir();
});
afterAll(async () => {
  await server.close();
  await removeTempDirs();
});

describe('feedkeeper media', () => {
  it('fetch queues the images, media fetch stores them and names each failure', async () => {
    expect((await fk('add', server.url('/feed.xml'), '--no-check')).code).toBe(0);
    expect((await fk('fetch')).code).toBe(0);
    const run = await fk('media', 'fetch');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('images of 1 article(s): 1 stored, 1 failed');
    expect(run.stderr).toContain(`${server.url('/fake.jpg')}: refused: the server sent an HTML page, not an image (Content-Type: image/jpeg)`);
    expect((await readdir(join(dataDir, 'media'), { recursive: true })).filter((f) => /[0-9a-f]{64}$/.test(f))).toHaveLength(1);
    // Nothing left to do; asking again for the article re-checks it, and the known image is not fetched again.
    expect((await fk('media', 'fetch')).stdout).toContain('images of 0 article(s)');
    const before = server.requests.filter((r) => r.path === '/pic.gif').length;
    expect((await fk('media', 'fetch', '1')).stdout).toContain('1 stored');
    expect(server.requests.filter((r) => r.path === '/pic.gif').length).toBe(before);
  });

  it('set --images off keeps a feed’s images remote; keep, default and nonsense are checked', async () => {
    expect((await fk('add', server.url('/feed.xml'), '--no-check')).code).toBe(0);
    expect((await fk('set', '1', '--images', 'off')).code).toBe(0);
    expect((JSON.parse((await fk('list', '--json')).stdout) as Array<Record<string, unknown>>)[0]).toMatchObject({ images: 'off' });
    expect((await fk('fetch')).code).toBe(0);
    expect((await fk('media', 'fetch')).stdout).toContain('images of 0 article(s)');
    const bad = await fk('set', '1', '--images', 'maybe');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--images: expected keep, off or default, got "maybe"');
    expect((await fk('set', '1', '--images', 'default')).code).toBe(0);
    expect((JSON.parse((await fk('list', '--json')).stdout) as Array<Record<string, unknown>>)[0]).toMatchObject({ images: null });
  });
});
