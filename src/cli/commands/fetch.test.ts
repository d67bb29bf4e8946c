/**
 * `feedkeeper fetch` in-process against loopback feeds: the summary line, 304s counted as
 * unchanged on the second run, a failing feed that makes exit 1 without stopping the others, and
 * revisions when a feed changes an item it already published.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listFeeds, removeTempDirs, runFeedkeeper, serveNewsSite, tempDataDir } from '../../../test/cli-harness.js';
import { startFixtureServer, type FixtureServer } from '../../../test/fixture-server.js';

let server: FixtureServer;
let dataDir: string;
const fk = (...args: string[]) => runFeedkeeper([...args, '--data-dir', dataDir, '--allow-private-networks']);
const SUMMARY = /^feeds: (\d+) \((\d+) fetched, (\d+) unchanged \(304\), (\d+) errors\); new articles: (\d+); new revisions: (\d+)$/m;

/** The summary line's numbers: feeds, fetched, unchanged, errors, new articles, new revisions. */
function summaryOf(stdout: string): number[] {
  const m = SUMMARY.exec(stdout);
  if (!m) throw new Error(`no summary line in: ${stdout}`);
  return m.slice(1).map(Number);
}

// An English feed whose one story is corrected after the first fetch.
let storyBody = 'The council approved the new bridge on Monday.';
const revisedFeed = () => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Riverside Gazette</title><link>https://gazette.example.org/</link><description>Local news</description>
<item><title>Council approves bridge</title><link>https://gazette.example.org/2024/02/bridge.html</link><guid>bridge-2024</guid>
<pubDate>Mon, 05 Feb 2024 09:00:00 GMT</pubDate><description>${storyBody}</description></item>
</channel></rss>`;

beforeAll(async () => {
  server = await startFixtureServer();
  serveNewsSite(server);
  server.route('/gazette.xml', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(revisedFeed()));
});
beforeEach(async () => {
  dataDir = await tempDataDir();
});
afterAll(async () => {
  await server.close();
  await removeTempDirs();
});

describe('feedkeeper fetch', () => {
  it('prints the summary line and one plain line per feed on stderr', async () => {
    await fk('add', server.url('/rss.xml'));
    await fk('add', server.url('/atom.xml'));
    const r = await fk('fetch');
    expect(r.code).toBe(0);
    const [feeds, fetched, unchanged, errors, articles, revisions] = summaryOf(r.stdout);
    expect({ feeds, fetched, unchanged, errors, revisions }).toEqual({ feeds: 2, fetched: 2, unchanged: 0, errors: 0, revisions: 0 });
    expect(articles).toBeGreaterThan(3); // 3 from the RSS feed plus the Atom feed's entries
    expect(r.stderr).toContain('fetched 1 城东晨报: 3 new, 0 revised');
    expect(r.stderr).toMatch(/^fetched 2 .+: \d+ new, 0 revised$/m);
  });

  it('counts a feed that answers 304 to its ETag as unchanged on the second fetch', async () => {
    await fk('add', server.url('/rss.xml'));
    await fk('add', server.url('/atom.xml'));
    await fk('fetch');
    const r = await fk('fetch');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('feeds: 2 (1 fetched, 1 unchanged (304), 0 errors); new articles: 0; new revisions: 0\n');
    expect(r.stderr).toContain('not-modified 1 城东晨报');
    const conditional = server.requests.filter((q) => q.path === '/rss.xml' && q.headers['if-none-match'] === '"rss-v1"');
    expect(conditional.length).toBeGreaterThan(0);
    expect((await listFeeds(dataDir))[0]).toMatchObject({ lastStatus: 'not-modified', articleCount: 3 });
  });

  it('exits 1 and lists the error of a failing feed, still fetching the others', async () => {
    await fk('add', server.url('/rss.xml'));
    await fk('add', server.url('/removed.xml'), '--no-check');
    await fk('add', server.url('/atom.xml'));
    const r = await fk('fetch');
    expect(r.code).toBe(1);
    expect(summaryOf(r.stdout).slice(0, 4)).toEqual([3, 2, 0, 1]);
    expect(r.stdout).toContain(`\n  error: 2 ${server.url('/removed.xml')}: fetch ${server.url('/removed.xml')}: HTTP 404 Not Found`);
    const feeds = await listFeeds(dataDir);
    expect(feeds.map((f) => f.lastStatus)).toEqual(['ok', 'error', 'ok']);
  });

  it('fetches only the feeds named, by id or URL', async () => {
    await fk('add', server.url('/rss.xml'));
    await fk('add', server.url('/atom.xml'));
    const r = await fk('fetch', server.url('/atom.xml'));
    expect(summaryOf(r.stdout).slice(0, 2)).toEqual([1, 1]);
    expect((await listFeeds(dataDir)).map((f) => f.lastStatus)).toEqual(['never', 'ok']);
    expect(summaryOf((await fk('fetch', '1')).stdout).slice(0, 2)).toEqual([1, 1]);
  });

  it('exits 1 on a feed that is not subscribed, fetching nothing', async () => {
    const before = server.requests.length;
    const r = await fk('fetch', '9');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no subscription with id 9');
    expect(server.requests.length).toBe(before);
  });

  it('counts a changed item as a new revision', async () => {
    storyBody = 'The council approved the new bridge on Monday.';
    await fk('add', server.url('/gazette.xml'));
    expect(summaryOf((await fk('fetch')).stdout).slice(4)).toEqual([1, 0]);
    storyBody = 'The council approved the new bridge on Monday, by seven votes to two.';
    const r = await fk('fetch');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('feeds: 1 (1 fetched, 0 unchanged (304), 0 errors); new articles: 0; new revisions: 1\n');
  });
});
