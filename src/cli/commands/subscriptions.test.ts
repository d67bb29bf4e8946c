/**
 * `list`, `tag`, `set` and `remove` in-process on a data folder holding loopback feeds.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listFeeds, removeTempDirs, runFeedkeeper, serveNewsSite, tempDataDir } from '../../../test/cli-harness.js';
import { startFixtureServer, type FixtureServer } from '../../../test/fixture-server.js';

let server: FixtureServer;
let dataDir: string;
const fk = (...args: string[]) => runFeedkeeper([...args, '--data-dir', dataDir, '--allow-private-networks']);

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

describe('feedkeeper list', () => {
  it('says how to subscribe when there are no subscriptions', async () => {
    const r = await fk('list');
    expect(r).toMatchObject({ code: 0, stdout: 'no subscriptions yet: `feedkeeper add URL` or `feedkeeper import-opml FILE`\n' });
    expect(await listFeeds(dataDir)).toEqual([]);
  });

  it('shows status, error and article count, as a table and as JSON', async () => {
    await fk('add', server.url('/rss.xml'));
    await fk('add', server.url('/gone.xml'), '--no-check');
    await fk('fetch');

    const table = await fk('list');
    expect(table.code).toBe(0);
    const [header, , ok, failed] = table.stdout.split('\n');
    expect(header?.split(/\s+/).filter(Boolean)).toEqual(['id', 'title', 'status', 'last', 'fetch', 'next', 'articles', 'tags', 'error']);
    expect(ok).toMatch(/^\s+1 {2}城东晨报\s+ok\s+now\s+in \d+ (min|h) .*\s3$/);
    expect(failed).toMatch(/^\s+2 {2}http:\/\/127\.0\.0\.1:\d+\/gone\.xml\s+error\s+now\s+.*\s0\s+fetch http:.*404/);

    const [first, second] = await listFeeds(dataDir);
    const now = Date.now();
    expect(first).toMatchObject({ lastStatus: 'ok', lastError: null, articleCount: 3 });
    expect(second).toMatchObject({ lastStatus: 'error', lastError: expect.stringContaining('HTTP 404') as unknown, articleCount: 0 });
    for (const f of [first, second]) expect(f?.nextCheckAt).toBeGreaterThan(now);
  });
});

describe('feedkeeper tag', () => {
  it('adds tags once each and removes them with --remove', async () => {
    await fk('add', server.url('/rss.xml'));
    expect((await fk('tag', '1', '本地', 'morning', '本地')).stdout).toBe('城东晨报: tags 本地, morning\n');
    expect((await fk('tag', server.url('/rss.xml'), 'evening')).stdout).toBe('城东晨报: tags 本地, morning, evening\n');
    expect((await fk('tag', '1', 'morning', 'evening', '--remove')).stdout).toBe('城东晨报: tags 本地\n');
    expect((await listFeeds(dataDir))[0]?.tags).toEqual(['本地']);
  });

  it.each([
    ['an unknown feed id', ['tag', '42', 'x'], 1, 'no subscription with id 42'],
    ['an unknown feed URL', ['tag', 'https://nowhere.example/feed', 'x'], 1, 'no subscription for https://nowhere.example/feed'],
    ['only blank tags', ['tag', '1', ' '], 2, 'name at least one tag'],
  ])('fails on %s', async (_case, args, code, message) => {
    await fk('add', server.url('/rss.xml'));
    const r = await fk(...args);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
  });
});

describe('feedkeeper set', () => {
  it('--disable keeps the feed but stops fetching it; --enable brings it back', async () => {
    await fk('add', server.url('/rss.xml'));
    expect(await fk('set', '1', '--disable')).toMatchObject({ code: 0, stdout: 'updated 1 城东晨报\n' });
    expect((await listFeeds(dataDir))[0]?.enabled).toBe(false);
    expect((await fk('list')).stdout).toMatch(/1 {2}城东晨报\s+disabled\s+never\s+—/);
    expect((await fk('fetch')).stdout).toContain('feeds: 0 (');
    await fk('set', '1', '--enable');
    expect((await fk('fetch')).stdout).toContain('feeds: 1 (1 fetched');
  });

  it('stores intervals, title and full-text mode', async () => {
    await fk('add', server.url('/rss.xml'));
    const r = await fk('set', '1', '--min-interval', '15', '--max-interval', '90', '--title', '晨报', '--fulltext', 'always');
    expect(r).toMatchObject({ code: 0, stdout: 'updated 1 晨报\n' });
    expect((await listFeeds(dataDir))[0]).toMatchObject({ titleOverride: '晨报', minIntervalMs: 900_000, maxIntervalMs: 5_400_000, fulltext: 'always' });
  });

  it.each([
    ['min above max', ['--min-interval', '30', '--max-interval', '20'], '--min-interval (30 min) is above --max-interval (20 min)'],
    ['nothing to change', [], 'nothing to change: give --title'],
    ['a zero interval', ['--min-interval', '0'], '--min-interval: expected whole minutes from 1 to 10080 (or "default"), got "0"'],
    ['a title longer than the reader and the API allow', ['--title', '港'.repeat(201)], '--title: expected at most 200 characters, got 201'],
    ['a fractional interval', ['--max-interval', '1.5'], '--max-interval: expected whole minutes'],
    ['an unknown full-text mode', ['--fulltext', 'sometimes'], '--fulltext: expected auto, always or never, got "sometimes"'],
    ['--enable with --disable', ['--enable', '--disable'], '--enable and --disable contradict each other'],
  ])('exits 2 on %s, changing nothing', async (_case, args, message) => {
    await fk('add', server.url('/rss.xml'));
    const r = await fk('set', '1', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect((await listFeeds(dataDir))[0]).toMatchObject({ enabled: true, minIntervalMs: null, maxIntervalMs: null });
  });
});

describe('feedkeeper remove', () => {
  it('unsubscribes and keeps the archived articles, which export still writes', async () => {
    await fk('add', server.url('/rss.xml'));
    expect((await fk('fetch')).stdout).toContain('new articles: 3');
    const r = await fk('remove', server.url('/rss.xml'));
    expect(r).toMatchObject({ code: 0, stdout: 'removed subscription 1 城东晨报; its archived articles are kept (nobody else subscribes, so it is no longer fetched)\n' });
    expect(await listFeeds(dataDir)).toEqual([]);

    const out = join(dataDir, 'export');
    expect((await fk('export', out)).stdout).toBe(`exported 3 record(s) to ${out}\n`);
    const files = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.txt'));
    expect(files).toHaveLength(3);
  });

  it('exits 1 on a feed that is not subscribed', async () => {
    const r = await fk('remove', '7');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no subscription with id 7 of user "admin" (see `feedkeeper list`)');
  });
});
