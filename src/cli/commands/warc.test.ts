/**
 * `warc export` and `warc import` end to end: a loopback news site fetched by `feedkeeper`, its
 * captures exported and read back by node-warc; a site mirrored by Debian's wget and imported.
 */
import { execFile } from 'node:child_process';
import { readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeTempDirs, runFeedkeeper, tempDataDir } from '../../../test/cli-harness.js';
import { startFixtureServer } from '../../../test/fixture-server.js';
import type { FixtureServer } from '../../../test/fixture-server.js';
import { readWarcIndependently } from '../../../test/warc-check.js';
import { silentLogger } from '../../core/index.js';
import { openWarcArchive } from '../../warc/index.js';

const run = promisify(execFile);
let server: FixtureServer;
afterAll(removeTempDirs);
beforeEach(async () => {
  server = await startFixtureServer();
  const page = (title: string, text: string): string =>
    `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>${`<p>${text}</p>`.repeat(12)}</article>` +
    '<p><a href="/news/2.html">next</a></p></body></html>';
  server.route('/feed.xml', (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>河畔日报</title><link>${server.url('/')}</link>` +
        `<item><title>渡口重开</title><link>${server.url('/news/1.html')}</link><guid>${server.url('/news/1.html')}</guid><description>短讯</description></item>` +
        '</channel></rss>',
    ),
  );
  server.route('/news/1.html', (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('渡口重开', '停航三年的老渡口今天重新开放，第一班船载着四十位乘客过河。')));
  server.route('/news/2.html', (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('Ferry timetable', 'Boats leave every half hour from the east pier.')));
  server.route('/', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<a href="/news/1.html">one</a> <a href="/news/2.html">two</a>'));
});
afterEach(() => server.close());

const fk = (dataDir: string, ...args: string[]) => runFeedkeeper(['--data-dir', dataDir, '--allow-private-networks', ...args]);

async function subscribeAndFetch(dataDir: string): Promise<void> {
  expect((await fk(dataDir, 'add', server.url('/feed.xml'), '--no-check')).code).toBe(0);
  expect((await fk(dataDir, 'set', '1', '--fulltext', 'always')).code).toBe(0);
  const fetched = await fk(dataDir, 'fetch');
  expect(fetched.code, fetched.stderr).toBe(0);
}

describe('warc export', () => {
  it('writes the feed and its article page as a WARC another reader accepts, digests and all', async () => {
    const dataDir = await tempDataDir();
    await subscribeAndFetch(dataDir);
    const out = join(dataDir, 'feed.warc.gz');
    const exported = await fk(dataDir, 'warc', 'export', '--feed', '1', '--out', out);
    expect(exported.code, exported.stderr).toBe(0);
    const records = await readWarcIndependently(out);
    const responses = records.filter((r) => r.warcType === 'response');
    expect(responses.map((r) => r.warcTargetURI).sort()).toEqual([server.url('/feed.xml'), server.url('/news/1.html')]);
    expect(records.filter((r) => r.warcType === 'request')).toHaveLength(2);
    expect(responses.find((r) => r.warcTargetURI === server.url('/news/1.html'))?.payload.toString()).toContain('停航三年的老渡口');

    const article = join(dataDir, 'article.warc.gz');
    expect((await fk(dataDir, 'warc', 'export', '--article', '1', '--out', article)).code).toBe(0);
    expect((await readWarcIndependently(article)).filter((r) => r.warcType === 'response').map((r) => r.warcTargetURI)).toEqual([server.url('/news/1.html')]);

    const recent = join(dataDir, 'recent.warc.gz');
    expect((await fk(dataDir, 'warc', 'export', '--since', '2000-01-01', '--out', recent)).code).toBe(0);
    expect((await readWarcIndependently(recent)).filter((r) => r.warcType === 'response')).toHaveLength(2);
    const future = await fk(dataDir, 'warc', 'export', '--since', '2999-01-01', '--out', recent);
    expect([future.code, future.stdout]).toEqual([1, `wrote 0 record(s) of 0 capture(s) to ${recent}\n`]);
  });

  it('keeps a second fetch of an unchanged page and a 304 feed as revisits, not copies', async () => {
    const dataDir = await tempDataDir();
    let etag = 0;
    server.route('/feed.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"f1"' && etag++ > 0) return res.writeHead(304, { etag: '"f1"' }).end();
      return res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"f1"' }).end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>河畔日报</title><item><title>渡口重开</title><link>${server.url('/news/1.html')}</link></item></channel></rss>`,
      );
    });
    await subscribeAndFetch(dataDir);
    expect((await fk(dataDir, 'fetch')).code).toBe(0);
    expect((await fk(dataDir, 'fetch')).code).toBe(0);
    const archive = await openWarcArchive({ dir: join(dataDir, 'warc'), maxFileBytes: 1024 ** 2, logger: silentLogger });
    const feed = archive.captures(server.url('/feed.xml'));
    expect(feed.map((c) => `${c.type} ${c.status}`)).toEqual(['response 200', 'revisit 200', 'revisit 304']);
    expect(feed.every((c) => c.digest === feed[0]?.digest)).toBe(true);
    await archive.close();
  });

  it('refuses to guess which captures are meant', async () => {
    const dataDir = await tempDataDir();
    const result = await fk(dataDir, 'warc', 'export', '--out', join(dataDir, 'x.warc.gz'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('give exactly one of --article ID, --feed ID, --since DATE');
  });
});

describe('warc import', () => {
  async function mirrorWithWget(dir: string): Promise<string> {
    const base = join(dir, 'mirror');
    await run('wget', ['--quiet', '--recursive', '--level=1', '--no-proxy', `--warc-file=${base}`, '--no-warc-keep-log', '--directory-prefix', join(dir, 'files'), server.url('/')], { cwd: dir }).catch(
      (err: { code?: number }) => {
        if (err.code !== 8) throw err; // 8: some page answered 404 (robots.txt); the WARC is written anyway
      },
    );
    return `${base}.warc.gz`;
  }

  it('brings in what Debian’s wget archived, findable by URL through the index, once', async () => {
    const dataDir = await tempDataDir();
    const file = await mirrorWithWget(dataDir);
    const imported = await fk(dataDir, 'warc', 'import', file);
    expect(imported.code, imported.stderr).toBe(0);
    const again = await fk(dataDir, 'warc', 'import', file);
    expect(again.stdout).toMatch(/imported \d+ record\(s\), skipped [1-9]\d* already stored/);
    const archive = await openWarcArchive({ dir: join(dataDir, 'warc'), maxFileBytes: 1024 ** 2, logger: silentLogger });
    const captures = archive.captures(server.url('/news/2.html'));
    expect(captures).toHaveLength(1);
    expect(captures[0]?.status).toBe(200);
    const bytes = await readFile(join(dataDir, 'warc', captures[0]?.filename ?? ''));
    const one = join(dataDir, 'one.warc.gz');
    await writeFile(one, bytes.subarray(captures[0]?.offset, (captures[0]?.offset ?? 0) + (captures[0]?.length ?? 0)));
    const [record] = await readWarcIndependently(one);
    expect(record?.payload.toString()).toContain('Boats leave every half hour');
    expect(archive.captures(server.url('/news/1.html'))).toHaveLength(1);
    await archive.close();
  });

  it('refuses a file that is not a WARC, or one cut short, naming file and offset, and keeps what was stored', async () => {
    const dataDir = await tempDataDir();
    const file = await mirrorWithWget(dataDir);
    expect((await fk(dataDir, 'warc', 'import', file)).code).toBe(0);
    const index = await readFile(join(dataDir, 'warc', 'index.cdxj'), 'utf8');

    const notWarc = join(dataDir, 'notes.txt');
    await writeFile(notWarc, 'these are my notes, not an archive\n');
    const refused = await fk(dataDir, 'warc', 'import', notWarc);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${notWarc}: not a WARC record (no "WARC/" version line) at offset 0`);

    const cut = join(dataDir, 'cut.warc.gz');
    await writeFile(cut, await readFile(file));
    await truncate(cut, (await stat(cut)).size - 200);
    const cutResult = await fk(dataDir, 'warc', 'import', cut);
    expect(cutResult.code).toBe(1);
    expect(cutResult.stderr).toMatch(new RegExp(`${cut.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: gzip .* at offset \\d+`));

    expect(await readFile(join(dataDir, 'warc', 'index.cdxj'), 'utf8')).toBe(index);
    const archive = await openWarcArchive({ dir: join(dataDir, 'warc'), maxFileBytes: 1024 ** 2, logger: silentLogger });
    expect(archive.captures(server.url('/news/2.html'))).toHaveLength(1);
    await archive.close();
  });
});
