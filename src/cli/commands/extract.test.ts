/**
 * The `feedkeeper extract` contract, run in-process: one JSON line per manifest line in order with
 * exactly the agreed keys, bad lines and missing files failing alone with their line number, site
 * rules applied, content cleaned, readable output for one page, a URL fetched and decoded from its
 * charset, and exit codes 0 / 1 / 2.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/cli-harness.js';
import { startFixtureServer, type FixtureServer } from '../../../test/fixture-server.js';
import { createFetcher, type Fetcher } from '../../fetch/index.js';
import type { App } from '../app.js';
import { UsageError, type CliIo } from '../io.js';
import { loadRules, type RuleSet } from '../../extract/index.js';
import { extractCommand, type ExtractOutcome } from './extract.js';

const KEYS = ['file', 'ok', 'error', 'title', 'byline', 'published', 'lang', 'lead_image', 'content', 'text'];
const page = (name: string) => `src/extract/testdata/${name}/page.html`;

type Line = ExtractOutcome;

let server: FixtureServer;
let fetcher: Fetcher;
let dir: string;
const shippedRules = (): RuleSet => {
  const rulesDir = join(repoRoot, 'src/extract/rules');
  return loadRules(readdirSync(rulesDir).filter((f) => f.endsWith('.json')).map((name) => ({ name, text: readFileSync(join(rulesDir, name), 'utf8') })));
};
const app = () => ({ fetcher: () => fetcher, siteRules: async () => shippedRules() }) as Partial<App> as App;

async function run(inputs: Parameters<typeof extractCommand>[1], opts: Parameters<typeof extractCommand>[2]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTty: false, env: {}, cwd: repoRoot,
    untilShutdown: () => new Promise<string>(() => {}),
  };
  const code = await extractCommand(app(), inputs, opts, io);
  const lines = opts.jsonl && stdout !== '' ? stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Line) : [];
  return { code, stdout, stderr, lines };
}

async function manifest(lines: string[]): Promise<string> {
  const path = join(dir, `manifest-${Math.random().toString(36).slice(2)}.jsonl`);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedkeeper-extract-'));
  server = await startFixtureServer();
  fetcher = createFetcher({ userAgent: 'feedkeeper-test', timeoutMs: 5000, connectTimeoutMs: 2000, maxBytes: 1_000_000, maxRedirects: 5, allowPrivateNetworks: true, perHostConcurrency: 2, globalConcurrency: 8 });
  const gbkPage = `<html><head><meta charset="gbk"><title>小镇图书馆开馆 - 测试报</title></head><body><h1>小镇图书馆开馆</h1><div class="c">${'<p>本报讯，小镇图书馆今天正式开馆，首批藏书两万册，市民可以免费办理借书证，开放时间为每天上午九时至晚上八时。</p>'.repeat(4)}</div></body></html>`;
  server.route('/gbk.html', (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=gbk' }).end(iconv.encode(gbkPage, 'gbk')));
});
afterAll(async () => {
  await server.close();
  await fetcher.close();
  await rm(dir, { recursive: true, force: true });
});

describe('feedkeeper extract --jsonl --manifest', () => {
  it('prints one line per input, in order, and fails bad lines alone with their line number', async () => {
    const path = await manifest([
      JSON.stringify({ file: page('en-wire-lazy-lead'), url: 'https://news.example.com/world/2024/03/05/harbour-strike-ends' }),
      '{"file": "broken',
      '',
      JSON.stringify({ file: page('rule-rfi-zh'), url: 'https://www.rfi.fr/cn/%E7%BB%8F%E8%B4%B8/20240305-eu-ev-subsidies' }),
      JSON.stringify({ file: page('zh-short-brief'), url: 'not a url' }),
      JSON.stringify({ file: 'src/extract/testdata/no-such-page.html', url: null }),
      JSON.stringify({ file: page('en-index-page'), url: 'https://daily.example.com/world' }),
      JSON.stringify({ file: page('zh-short-brief') }),
    ]);
    const r = await run([], { jsonl: true, manifest: path });
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(7);
    for (const line of r.lines) expect(Object.keys(line)).toEqual(KEYS);
    expect(r.lines.map((l) => l.ok)).toEqual([true, false, true, false, false, false, true]);
    expect(r.lines[0]).toMatchObject({ title: 'Dockworkers end 12-day strike at Port Halden', byline: 'Maria Okafor', published: '2024-03-05T13:20:00.000Z', lang: 'en-GB' });
    expect(r.lines[1]).toMatchObject({ file: null, error: expect.stringContaining('line 2: not JSON') });
    expect(r.lines[2]).toMatchObject({ title: '欧盟就新能源车补贴达成初步协议', byline: '黎安娜' }); // the shipped www.rfi.fr rule
    expect(r.lines[3]).toMatchObject({ file: page('zh-short-brief'), error: expect.stringContaining('line 5: url: expected an absolute http(s) URL or null') });
    expect(r.lines[4]?.error).toBe('no such file: src/extract/testdata/no-such-page.html');
    expect(r.lines[5]?.error).toMatch(/^no article content found: /);
    expect(r.lines[6]).toMatchObject({ ok: true, title: '南湖大桥今晚起封闭施工三个月', error: null });
  });

  it('outputs cleaned content with absolute URLs and its plain text, and exits 0 when every page has an article', async () => {
    const path = await manifest([JSON.stringify({ file: page('en-cdn-lazy-gallery'), url: 'https://travel.example.com/rail/night-trains-revival' })]);
    const r = await run([], { jsonl: true, manifest: path });
    expect(r.code).toBe(0);
    const [line] = r.lines;
    expect(line?.content).toContain('src="https://images.example-cdn.com/photo/a1b2c3?w=800"');
    expect(line?.content).not.toMatch(/<script|data-lazy-src|class=/);
    expect(line?.text?.split('\n\n')[0]).toMatch(/^Ten years ago, most of Europe's sleeper trains/);
    expect(line?.lead_image).toBe('https://images.example-cdn.com/photo/5d21c7?w=1600&fit=crop');
  });
});

describe('feedkeeper extract FILE_OR_URL', () => {
  it('prints a page for people: title, byline, date, then the text', async () => {
    const r = await run(page('zh-hant-broken-jsonld'), { jsonl: false });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Title: {6}港鐵東濱線延誤逾兩小時 數萬乘客受影響\nByline: {5}黃家明, 林美玲\nPublished: {2}2024-03-08T10:45:00.000Z\nLanguage: {3}zh-Hant-HK\n/);
    expect(r.stdout).toContain('\n\n港鐵東濱線今日傍晚發生信號故障');
  });

  it('fetches a URL and decodes it from its charset', async () => {
    const r = await run(server.url('/gbk.html'), { jsonl: true });
    expect(r.code).toBe(0);
    expect(r.lines[0]).toMatchObject({ ok: true, title: '小镇图书馆开馆' });
    expect(r.lines[0]?.text).toContain('首批藏书两万册');
  });

  it('exits 1 with the reason on stderr when the page has no article', async () => {
    const r = await run(page('zh-login-wall'), { jsonl: false });
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toMatch(/^feedkeeper extract: src\/extract\/testdata\/zh-login-wall\/page.html: no article content found: /);
  });

  it.each([
    ['nothing to extract', [], { jsonl: true }, 'expected a page file, a URL, or --manifest FILE'],
    ['a manifest that cannot be read', [], { jsonl: true, manifest: 'no/such/manifest.jsonl' }, '--manifest no/such/manifest.jsonl: cannot read it'],
  ])('is a usage error (exit 2) for %s', async (_case, inputs, opts, message) => {
    await expect(run(inputs, opts)).rejects.toThrow(UsageError);
    await expect(run(inputs, opts)).rejects.toThrow(message);
  });

  it('the shipped site rules are valid and cover the sample feeds’ six hosts', () => {
    expect(shippedRules().byHost.size).toBe(6);
  });
});
