/**
 * `feedkeeper add URL` in-process against a loopback news site: a feed, a page that links to two
 * feeds, a feed behind a permanent redirect, a duplicate, a non-http URL and --no-check.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listFeeds, removeTempDirs, runFeedkeeper, serveNewsSite, tempDataDir } from '../../../test/cli-harness.js';
import { startFixtureServer, type FixtureServer } from '../../../test/fixture-server.js';

let server: FixtureServer;
let dataDir: string;
const add = (...args: string[]) => runFeedkeeper(['add', ...args, '--data-dir', dataDir, '--allow-private-networks']);

beforeAll(async () => {
  server = await startFixtureServer();
  serveNewsSite(server);
});
beforeEach(async () => {
  dataDir = await tempDataDir();
});
afterAll(async () => {
  await server.close();
  await removeTempDirs();
});

describe('feedkeeper add', () => {
  it('subscribes to a feed after fetching it once', async () => {
    const r = await add(server.url('/rss.xml'));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain(`subscribed: 1 城东晨报 <${server.url('/rss.xml')}> (3 items in the feed now)\n`);
    expect(r.stdout).not.toContain('is a page');
    expect(await listFeeds(dataDir)).toMatchObject([{ id: 1, url: server.url('/rss.xml'), title: '城东晨报', lastStatus: 'never' }]);
  });

  it('on a page linking to two feeds, subscribes to the first and names the second', async () => {
    const page = server.url('/site/');
    const r = await add(page);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`subscribed: 1 城东晨报 <${server.url('/rss.xml')}>`);
    expect(r.stdout).toContain(`${page} is a page, not a feed; chose the feed it links to first`);
    expect(r.stdout).toContain(`also offered: ${server.url('/atom.xml')} (Atom)`);
    expect((await listFeeds(dataDir)).map((f) => f.url)).toEqual([server.url('/rss.xml')]);
  });

  it('behind a permanent redirect, subscribes to the new URL without calling it a page', async () => {
    const r = await add(server.url('/moved.xml'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`subscribed: 1 城东晨报 <${server.url('/rss.xml')}>`);
    expect(r.stdout).not.toContain('is a page');
  });

  it('refuses a duplicate with exit 1, naming the existing subscription', async () => {
    await add(server.url('/rss.xml'));
    const r = await add(server.url('/rss.xml'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`already subscribed to ${server.url('/rss.xml')} (feed 1, "城东晨报")`);
    expect(await listFeeds(dataDir)).toHaveLength(1);
  });

  it('refuses a page whose first feed is already subscribed (the page resolves to the same feed)', async () => {
    await add(server.url('/rss.xml'));
    const r = await add(server.url('/site/'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('already subscribed');
  });

  it.each([
    ['ftp URL', 'ftp://news.example.cn/feed.xml', 'only http and https feeds can be subscribed to'],
    ['file URL', 'file:///etc/hosts', 'only http and https feeds can be subscribed to'],
    ['not a URL', 'news.example.cn/feed.xml', 'expected a feed or site URL starting with http:// or https://'],
  ])('exits 2 on a %s', async (_case, url, message) => {
    const r = await add(url);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(await listFeeds(dataDir)).toEqual([]);
  });

  it('exits 1 when the URL is neither a feed nor a page linking to one', async () => {
    const r = await add(server.url('/nothing-here.xml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('HTTP 404');
    expect(await listFeeds(dataDir)).toEqual([]);
  });

  it('--no-check subscribes without fetching, with --title and --tag applied', async () => {
    const url = server.url('/not-yet-published.xml');
    const before = server.requests.length;
    const r = await add(url, '--no-check', '--title', '夜班新闻', '--tag', 'night', '--tag', 'local', '--tag', 'night');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`subscribed: 1 夜班新闻 <${url}> (not checked)`);
    expect(server.requests.length).toBe(before);
    expect(await listFeeds(dataDir)).toMatchObject([{ url, title: null, titleOverride: '夜班新闻', tags: ['night', 'local'] }]);
  });
});
