/**
 * `import-opml` and `export-opml` in-process: the sample OPML (folders become tags), re-imports
 * that add nothing, and an export that another data folder imports back to the same subscriptions.
 * No feed is fetched here: the sample's feeds are real sites and tests stay on loopback.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { listFeeds, removeTempDirs, runFeedkeeper, tempDataDir, type ListedFeed } from '../../../test/cli-harness.js';

const SAMPLE = 'samples/news.opml';
let dataDir: string;
const fk = (...args: string[]) => runFeedkeeper([...args, '--data-dir', dataDir]);

beforeEach(async () => {
  dataDir = await tempDataDir();
});
afterAll(() => removeTempDirs());

/** What a subscription list must keep through OPML, sorted by URL. */
function essentials(feeds: ListedFeed[]): Array<{ url: string; title: string | null; tags: string[] }> {
  return feeds
    .map((f) => ({ url: f.url, title: f.titleOverride ?? f.title, tags: [...f.tags].sort() }))
    .sort((a, b) => a.url.localeCompare(b.url));
}

describe('feedkeeper import-opml', () => {
  it('subscribes to every feed of the sample, with folders as tags, and a rerun adds nothing', async () => {
    const first = await fk('import-opml', SAMPLE);
    expect(first).toMatchObject({ code: 0, stdout: `imported 12 feed(s) from ${SAMPLE}\n` });
    const feeds = await listFeeds(dataDir);
    expect(feeds.length).toBeGreaterThanOrEqual(10);
    const tagsOf = (url: string) => feeds.find((f) => f.url === url)?.tags;
    expect(tagsOf('https://feeds.bbci.co.uk/zhongwen/simp/rss.xml')).toEqual(['中文新闻']);
    expect(tagsOf('https://feeds.npr.org/1001/rss.xml')).toEqual(['World news']);
    expect(tagsOf('https://news.ycombinator.com/rss')).toEqual(['Tech']);
    expect(feeds.every((f) => f.title !== null && f.lastStatus === 'never')).toBe(true);

    const again = await fk('import-opml', SAMPLE);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`imported 0 feed(s) from ${SAMPLE}\n`);
    expect(again.stdout).toContain(`skipped ${feeds.length} already subscribed: https://www.rfi.fr/cn/rss, `);
    expect(await listFeeds(dataDir)).toHaveLength(feeds.length);
  });

  it('reports feeds listed twice in one file', async () => {
    const file = join(dataDir, 'twice.opml');
    const outline = '<outline type="rss" text="港口日报" xmlUrl="https://port.example.cn/rss.xml"/>';
    await writeFile(file, `<?xml version="1.0"?><opml version="2.0"><head/><body>${outline}${outline}</body></opml>`);
    const r = await fk('import-opml', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('imported 1 feed(s)');
    expect(r.stdout).toContain('skipped 1 listed twice in the file: https://port.example.cn/rss.xml');
  });

  it.each([
    ['a missing file', 'no-such.opml', 'no such file: no-such.opml'],
    ['a file that is not OPML', 'src/parse/testdata/rss20-basic/input.xml', 'NOT_OPML'],
  ])('exits 1 on %s', async (_case, file, message) => {
    const r = await fk('import-opml', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(await listFeeds(dataDir)).toEqual([]);
  });
});

describe('feedkeeper export-opml', () => {
  it('prints OPML that a fresh data folder imports back to the same feeds and tags', async () => {
    await fk('import-opml', SAMPLE);
    await fk('add', 'https://night.example.cn/feed.xml', '--no-check', '--tag', '夜间', '--tag', 'Tech');
    await fk('add', 'https://untitled.example.org/rss', '--no-check');
    await fk('tag', 'https://news.ycombinator.com/rss', 'daily');
    const exported = await fk('export-opml');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<opml version="2\.0">/);

    const file = join(dataDir, 'subscriptions.opml');
    await writeFile(file, exported.stdout);
    const fresh = await tempDataDir();
    const imported = await runFeedkeeper(['import-opml', file, '--data-dir', fresh]);
    expect(imported).toMatchObject({ code: 0, stdout: `imported 14 feed(s) from ${file}\n`, stderr: '' });
    expect(essentials(await listFeeds(fresh))).toEqual(essentials(await listFeeds(dataDir)));
  });

  it('writes to a file when one is named', async () => {
    await fk('import-opml', SAMPLE);
    const file = join(dataDir, 'out.opml');
    const r = await fk('export-opml', file);
    expect(r).toMatchObject({ code: 0, stdout: `wrote 12 subscription(s) to ${file}\n` });
    expect(await readFile(file, 'utf8')).toContain('xmlUrl="https://feeds.arstechnica.com/arstechnica/index"');
  });
});
