/**
 * The `feedkeeper parse` contract, run in-process through runCli: pretty JSON for one input, one
 * JSON line per input with --jsonl, bad inputs reported on their own line without stopping the
 * others, exit codes 0 / 1 / 2, and URL inputs fetched through the same guard as ingest.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFeedkeeper } from '../../test/cli-harness.js';
import { startFixtureServer, type FixtureServer } from '../../test/fixture-server.js';

const RSS = 'src/parse/testdata/rss20-basic/input.xml';
const ATOM = 'src/parse/testdata/atom10-basic/input.xml';
const JSON_FEED = 'src/parse/testdata/json-feed-11/input.json';
const HTML_PAGE = 'src/parse/testdata/not-a-feed-html/input.xml';
const EMPTY = 'src/parse/testdata/empty/input.xml';
const LINE_KEYS = ['file', 'ok', 'error', 'feed', 'items', 'warnings'];

interface Line {
  file: string;
  ok: boolean;
  error: string | null;
  feed: Record<string, unknown> | null;
  items: Array<Record<string, unknown>>;
  warnings: Array<{ code: string }>;
}

interface Expected {
  feed: unknown;
  items: unknown[];
  warningCodes: string[];
}

function expectedOf(input: string): Expected {
  return JSON.parse(readFileSync(input.replace(/input\.\w+$/, 'expected.json'), 'utf8')) as Expected;
}

function jsonLines(stdout: string): Line[] {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Line);
}

// A feed with relative links and no channel link, so links can only resolve against the URL it came from.
const RELATIVE_FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>江北渡口通告</title><description>渡轮班次调整</description>
<item><title>二号渡轮春节加开夜班</title><link>2024/02/05/ferry.html</link></item>
<item><title>码头候船室翻新完成</title><link>../pier/waiting-room.html</link></item>
</channel></rss>`;

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
  server.route('/old/feed', (_req, res) => res.writeHead(302, { location: '/news/zh/feed.xml' }).end());
  server.route('/news/zh/feed.xml', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(RELATIVE_FEED));
});
afterAll(() => server.close());

describe('feedkeeper parse with one input', () => {
  it.each([RSS, ATOM, JSON_FEED])('%s prints {feed, items, warnings} as pretty JSON matching expected.json', async (input) => {
    const r = await runFeedkeeper(['parse', input]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^\{\n {2}"feed": \{\n/);
    const out = JSON.parse(r.stdout) as { feed: unknown; items: unknown[]; warnings: Array<{ code: string }> };
    expect(Object.keys(out)).toEqual(['feed', 'items', 'warnings']);
    const expected = expectedOf(input);
    expect(out.feed).toEqual(expected.feed);
    expect(out.items).toEqual(expected.items);
    expect([...new Set(out.warnings.map((w) => w.code))].sort()).toEqual(expected.warningCodes);
  });

  it('a single bad input prints nothing on stdout, the reason on stderr, and exits 1', async () => {
    const r = await runFeedkeeper(['parse', EMPTY]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${EMPTY}: got an empty body`);
  });
});

describe('feedkeeper parse --jsonl', () => {
  it('prints one line per input, in input order, with keys file, ok, error, feed, items, warnings', async () => {
    const inputs = [JSON_FEED, RSS, ATOM];
    const r = await runFeedkeeper(['parse', ...inputs, '--jsonl']);
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines.map((l) => l.file)).toEqual(inputs);
    for (const [i, line] of lines.entries()) {
      expect(Object.keys(line)).toEqual(LINE_KEYS);
      expect(line).toMatchObject({ ok: true, error: null });
      expect(line.items).toEqual(expectedOf(inputs[i] as string).items);
    }
  });

  it.each([
    ['a missing file', 'no-such-feed.xml', 'no such file: no-such-feed.xml'],
    ['an HTML page', HTML_PAGE, 'got an HTML page, not a feed'],
    ['an empty file', EMPTY, 'got an empty body, not a feed (FEED_EMPTY)'],
    ['a directory', 'src/parse/testdata', 'is a directory, not a feed file'],
  ])('%s gives ok:false with a clear error and does not stop the others', async (_case, bad, message) => {
    const r = await runFeedkeeper(['parse', RSS, bad, ATOM, '--jsonl']);
    expect(r.code).toBe(1);
    const [first, failed, last] = jsonLines(r.stdout);
    expect(first).toMatchObject({ file: RSS, ok: true });
    expect(failed).toEqual({ file: bad, ok: false, error: expect.stringContaining(message) as unknown, feed: null, items: [], warnings: [] });
    expect(Object.keys(failed ?? {})).toEqual(LINE_KEYS);
    expect(last).toMatchObject({ file: ATOM, ok: true });
  });

  it('parses 300 inputs in one call and prints 300 lines in order', async () => {
    const inputs = Array.from({ length: 300 }, (_, i) => [RSS, ATOM, JSON_FEED][i % 3] as string);
    const r = await runFeedkeeper(['parse', ...inputs, '--jsonl']);
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(300);
    expect(lines.map((l) => l.file)).toEqual(inputs);
    expect(lines.every((l) => l.ok)).toBe(true);
  });
});

describe('feedkeeper parse exit codes', () => {
  it.each([
    ['exit 0: every input parsed', [RSS, ATOM], 0, ''],
    ['exit 1: one input failed', [RSS, EMPTY], 1, ''],
    ['exit 2: no inputs', [], 2, "missing required argument 'file-or-url'"],
    ['exit 2: an unknown option', [RSS, '--bogus'], 2, "unknown option '--bogus'"],
    ['exit 2: --base-url that is not a URL', [RSS, '--base-url', 'notaurl'], 2, '--base-url: expected an absolute URL, got "notaurl"'],
  ])('%s', async (_case, args, code, stderr) => {
    const r = await runFeedkeeper(['parse', ...args, '--jsonl']);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(stderr);
    if (code === 2) expect(r.stdout).toBe('');
  });

  it('--base-url resolves relative links of a file', async () => {
    const r = await runFeedkeeper(['parse', 'src/parse/testdata/relative-links-feed-link/input.xml', '--base-url', 'https://feeds.city.example.cn/rss/news.xml']);
    expect(r.code).toBe(0);
    const expected = expectedOf('src/parse/testdata/relative-links-feed-link/input.xml');
    expect((JSON.parse(r.stdout) as Expected).items).toEqual(expected.items);
  });
});

describe('feedkeeper parse URL', () => {
  it('fetches a loopback URL with --allow-private-networks and resolves links against the final URL', async () => {
    const url = server.url('/old/feed');
    const r = await runFeedkeeper(['parse', url, '--jsonl', '--allow-private-networks']);
    expect(r.code).toBe(0);
    const [line] = jsonLines(r.stdout);
    expect(line).toMatchObject({ file: url, ok: true, feed: { title: '江北渡口通告' } });
    expect(line?.items.map((i) => i.link)).toEqual([server.url('/news/zh/2024/02/05/ferry.html'), server.url('/news/pier/waiting-room.html')]);
  });

  it('refuses a loopback URL without --allow-private-networks, saying so', async () => {
    const before = server.requests.length;
    const r = await runFeedkeeper(['parse', server.url('/news/zh/feed.xml'), RSS, '--jsonl']);
    expect(r.code).toBe(1);
    const [refused, fine] = jsonLines(r.stdout);
    expect(refused?.ok).toBe(false);
    expect(refused?.error).toMatch(/refusing to connect to 127\.0\.0\.1 \(loopback\).*--allow-private-networks/);
    expect(fine?.ok).toBe(true);
    expect(server.requests.length).toBe(before);
  });
});
