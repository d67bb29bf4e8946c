/**
 * Re-checks end to end: a loopback news site whose pages change while a fake clock moves, the
 * real fetcher, extraction, cleaning and SQLite store. Stories leave the feed and are still
 * watched; page noise is no edit, one character is; removals of each kind are confirmed by a
 * second check hours later and never by an outage; a return is recorded; the host budget holds.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../test/fixture-server.js';
import { silentLogger } from '../core/index.js';
import { loadRules } from '../extract/index.js';
import { createFetcher, type Fetcher } from '../fetch/index.js';
import { refreshFeed, type IngestDeps } from '../ingest/index.js';
import { parseWatchPlan } from '../schedule/index.js';
import type { Feed, Store } from '../store/index.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { recheckArticle, type WatchDeps } from './index.js';
import { NewsSite, story, type Fate } from './testdata/news-site.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let now = Date.UTC(2024, 1, 1, 8);
let server: FixtureServer;
let site: NewsSite;
let store: Store;
let fetcher: Fetcher;
let ingest: IngestDeps;
let deps: WatchDeps;
let feed: Feed;

beforeEach(async () => {
  now = Date.UTC(2024, 1, 1, 8);
  server = await startFixtureServer();
  site = new NewsSite(server);
  store = await openSqliteStore({ file: ':memory:' });
  fetcher = createFetcher({ userAgent: 'feedkeeper-test', timeoutMs: 2000, connectTimeoutMs: 1000, maxBytes: 256 * 1024, allowPrivateNetworks: true, globalConcurrency: 4 });
  const archiveDir = join(await mkdtemp(join(tmpdir(), 'fk-watch-')), 'archive');
  const clock = { now: () => now };
  const plan = parseWatchPlan('1h,6h,1d,3d,7d,30d');
  ingest = { store, fetcher, stages: { siteRules: loadRules([]) }, clock, logger: silentLogger, archiveDir, bounds: { minIntervalMs: 600_000, maxIntervalMs: 43_200_000 }, random: () => 0.5, watchPlan: plan };
  deps = { store, fetcher, stages: ingest.stages, clock, logger: silentLogger, archiveDir, watch: { plan, confirmMs: 6 * HOUR, hostDailyBudget: 1000 } };
  feed = await store.feeds.add({ url: server.url('/feed.xml'), nextCheckAt: now });
});

afterEach(async () => {
  await fetcher.close();
  await store.close();
  await server.close();
});

/** Moves the clock and runs every re-check that is due, as the scheduler and queue would. */
async function advance(ms: number): Promise<string[]> {
  now += ms;
  const outcomes: string[] = [];
  for (const id of await store.watch.due(now, 1000)) outcomes.push((await recheckArticle(deps, id)).outcome);
  return outcomes;
}

async function onlyArticle() {
  const ids = await store.watch.due(Number.MAX_SAFE_INTEGER, 10);
  expect(ids).toHaveLength(1);
  return ids[0] as number;
}

async function entry(articleId: number) {
  const e = await store.entries.get({ userId: 0, archive: true }, articleId);
  if (e === null) throw new Error(`no entry ${articleId}`);
  return e;
}

describe('re-checks after the item left the feed', () => {
  it('enrolls new articles an hour after they appear, and ignores page noise', async () => {
    const s = site.add(story('a1'));
    const refreshed = await refreshFeed(ingest, feed.id);
    expect(refreshed).toMatchObject({ status: 'ok', newArticles: 1 });
    const id = await onlyArticle();
    const watched = await store.watch.get(id);
    expect(watched?.nextCheckAt).toBe(now + HOUR);
    expect(watched?.latest.fromPage).toBe(true);

    s.inFeed = false;
    expect(await advance(30 * 60_000)).toEqual([]); // not due yet
    expect(await advance(30 * 60_000)).toEqual(['unchanged']);
    s.noise = 1; // share bar, ad, related links, "N minutes ago", view counter all change
    expect(await advance(5 * HOUR)).toEqual(['unchanged']);
    s.noise = 2;
    expect(await advance(18 * HOUR)).toEqual(['unchanged']);
    expect((await entry(id)).revisionCount).toBe(1);
    expect(await store.watch.changes({ scope: { userId: 0, archive: true } }, { limit: 10, cursor: null })).toEqual({ changes: [], nextCursor: null });
  });

  it('asks with the page validators and takes a 304 as unchanged', async () => {
    site.add(story('a2'));
    await refreshFeed(ingest, feed.id);
    const id = await onlyArticle();
    expect(await advance(HOUR)).toEqual(['unchanged']);
    expect(await advance(5 * HOUR)).toEqual(['unchanged (304)']);
    const asked = server.requests.filter((r) => r.path.endsWith('a2.html')).at(-1);
    expect(asked?.headers['if-none-match']).toMatch(/^"[0-9a-f]{16}"$/);
    expect((await store.watch.get(id))?.checks).toBe(2);
  });

  it('keeps a one-character edit as a re-check revision, with its record file and an event', async () => {
    const s = site.add(story('a3'));
    await refreshFeed(ingest, feed.id);
    const id = await onlyArticle();
    s.inFeed = false;
    await advance(HOUR);
    s.paragraphs[3] = (s.paragraphs[3] ?? '').replace('两亿元', '三亿元');
    expect(await advance(5 * HOUR)).toEqual(['edited (text)']);
    const e = await entry(id);
    expect(e.revisionCount).toBe(2);
    expect(e.revisions.map((r) => r.source)).toEqual(['feed', 'recheck']);
    expect(e.contentHtml).toContain('三亿元');
    const v0 = await store.entries.revision({ userId: 0, archive: true }, id, 0);
    expect(v0?.cleanText).toContain('两亿元');
    const files = await readdir(join(deps.archiveDir, String(feed.id), '2024', '02'));
    expect(files).toHaveLength(2);
    const changes = await store.watch.changes({ scope: { userId: 0, archive: true } }, { limit: 10, cursor: null });
    expect(changes.changes).toMatchObject([{ articleId: id, kind: 'edited', revision: 1, source: 'recheck' }]);

    // The feed still shows its own (unchanged) item: a refresh must not flip the article back.
    s.inFeed = true;
    expect(await refreshFeed(ingest, feed.id)).toMatchObject({ newArticles: 0, newRevisions: 0 });
    expect((await entry(id)).revisionCount).toBe(2);
    // And the next check after the noise changes finds nothing new.
    s.noise = 5;
    expect(await advance(DAY)).toEqual(['unchanged']);
  });

  it('queues the images of a re-check revision when images are kept, and not when its feed keeps them remote', async () => {
    const s = site.add(story('img1'));
    await refreshFeed(ingest, feed.id);
    const id = await onlyArticle();
    const withImages = { ...deps, images: 'keep' as const };
    now += HOUR;
    await recheckArticle(withImages, id); // the first page check is the baseline
    now += 5 * HOUR;
    s.paragraphs[3] = `${s.paragraphs[3] ?? ''}见下图。<img src="https://img.example.org/new-chart.png" alt="图表">`;
    expect((await recheckArticle(withImages, id)).newRevision).toBe(true);
    expect(await store.media.pending(10)).toEqual([id]);
    expect((await store.media.target(id))?.cleanHtml).toContain('https://img.example.org/new-chart.png');
    await store.media.record({ articleId: id, revision: 1 }, [], [], now);
    await store.feeds.update(feed.id, { images: 'off' });
    now += DAY;
    s.paragraphs[4] = `${s.paragraphs[4] ?? ''}另见一图。<img src="https://img.example.org/second.png" alt="图">`;
    expect((await recheckArticle(withImages, id)).newRevision).toBe(true);
    expect(await store.media.pending(10)).toEqual([]);
  });

  it('catches a title change on the page', async () => {
    const s = site.add(story('a4'));
    await refreshFeed(ingest, feed.id);
    const id = await onlyArticle();
    await advance(HOUR);
    s.title = '新公交计划推迟公布 a4';
    expect(await advance(5 * HOUR)).toEqual(['edited (title)']);
    expect((await entry(id)).title).toBe('新公交计划推迟公布 a4');
  });
});

describe('takedowns', () => {
  const kinds: Array<[Fate, string]> = [
    ['not-found', 'not-found'],
    ['gone', 'gone'],
    ['front', 'redirected'],
    ['section', 'redirected'],
    ['soft-404', 'no-article'],
    ['login', 'login'],
  ];
  it.each(kinds)('%s is a removal once a second check hours later agrees, and a return is recorded', async (fate, reason) => {
    const s = site.add(story(`t-${fate}`));
    await refreshFeed(ingest, feed.id);
    const id = await onlyArticle();
    s.inFeed = false;
    await advance(HOUR);
    s.fate = fate;
    const firstSeen = now + 5 * HOUR;
    const [suspect] = await advance(5 * HOUR);
    expect(suspect).toMatch(/^suspect: /);
    expect((await entry(id)).removedAt).toBeNull();
    expect((await store.watch.get(id))?.nextCheckAt).toBe(firstSeen + 6 * HOUR);
    const [confirmed] = await advance(6 * HOUR);
    expect(confirmed).toMatch(/^removed: /);
    expect((await entry(id)).removedAt).toBe(firstSeen);
    const events = await store.watch.events({ userId: 0, archive: true }, id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'removed', evidence: { reason, first: { reason, at: firstSeen }, confirmed: { reason } } });

    s.fate = 'there';
    const next = (await store.watch.get(id))?.nextCheckAt ?? 0;
    const [back] = await advance(next - now);
    expect(back).toBe('restored');
    expect((await entry(id)).removedAt).toBeNull();
    expect((await store.watch.events({ userId: 0, archive: true }, id)).map((e) => e.kind)).toEqual(['removed', 'restored']);
    expect((await entry(id)).revisionCount).toBe(1);
  });

  it('a removal seen once and back at the confirming check is a blip, not an event', async () => {
    const s = site.add(story('blip'));
    await refreshFeed(ingest, feed.id);
    const id = await onlyArticle();
    s.fate = 'not-found';
    expect(await advance(HOUR)).toEqual([expect.stringMatching(/^suspect/)]);
    s.fate = 'there';
    expect(await advance(6 * HOUR)).toEqual(['unchanged']);
    expect(await store.watch.events({ userId: 0, archive: true }, id)).toEqual([]);
    expect((await store.watch.get(id))?.state).toBe('ok');
  });

  it('outages and 429s never count as removal; a 429 holds the whole host off', async () => {
    const s = site.add(story('w1'));
    const other = site.add(story('w2'));
    await refreshFeed(ingest, feed.id);
    s.fate = 'outage';
    other.fate = 'slow-down';
    const outcomes = await advance(HOUR);
    expect(outcomes.sort()).toEqual(['transient: HTTP 429', 'transient: HTTP 503']);
    // The 503 retries in 15 minutes, but the 429 asked the host for 2 hours: nothing is sent before then.
    const sent = server.requests.length;
    expect(await advance(15 * 60_000)).toEqual([expect.stringMatching(/asked to slow down/)]);
    expect(server.requests.length).toBe(sent);
    for (let i = 0; i < 8; i++) await advance(3 * HOUR);
    expect(server.requests.length).toBeGreaterThan(sent);
    const ids = await store.watch.due(Number.MAX_SAFE_INTEGER, 10);
    expect(ids).toHaveLength(2);
    for (const id of ids) {
      expect((await store.watch.get(id))?.state).toBe('ok');
      expect(await store.watch.events({ userId: 0, archive: true }, id)).toEqual([]);
      expect((await entry(id)).removedAt).toBeNull();
    }
  });

  it('spends at most the daily budget per host and moves the rest to the next day', async () => {
    deps = { ...deps, watch: { ...deps.watch, hostDailyBudget: 2 } };
    for (const slug of ['b1', 'b2', 'b3']) site.add(story(slug));
    await refreshFeed(ingest, feed.id);
    const outcomes = await advance(HOUR);
    expect(outcomes.filter((o) => o === 'unchanged')).toHaveLength(2);
    expect(outcomes.filter((o) => o.startsWith('waiting:'))).toHaveLength(1);
    const pages = server.requests.filter((r) => /\/b\d\.html$/.test(r.path));
    // Three page fetches at refresh (full text), two re-checks.
    expect(pages).toHaveLength(5);
    const waiting = (await store.watch.due(Number.MAX_SAFE_INTEGER, 10)).length;
    expect(waiting).toBe(3);
  });
});

describe('pages that misbehave', () => {
  it('a huge page, a redirect loop and a page that never finishes are recorded, never a removal, and the schedule goes on', async () => {
    deps = { ...deps, fetcher: createFetcher({ userAgent: 'feedkeeper-test', timeoutMs: 300, connectTimeoutMs: 300, maxBytes: 64 * 1024, maxRedirects: 3, allowPrivateNetworks: true, globalConcurrency: 4 }) };
    try {
      const stories = { huge: site.add(story('huge')), loop: site.add(story('loop')), hang: site.add(story('hang')) };
      await refreshFeed(ingest, feed.id);
      stories.huge.fate = 'huge';
      stories.loop.fate = 'loop';
      stories.hang.fate = 'hang';
      const outcomes = (await advance(HOUR)).sort();
      expect(outcomes).toEqual([
        expect.stringMatching(/^error: .*(too large|FETCH_TOO_LARGE)/),
        expect.stringMatching(/^error: .*FETCH_TOO_MANY_REDIRECTS/),
        expect.stringMatching(/^transient: .*FETCH_TIMEOUT/),
      ]);
      for (const id of await store.watch.due(Number.MAX_SAFE_INTEGER, 10)) {
        const t = await store.watch.get(id);
        expect(t?.state).toBe('ok');
        expect(t?.nextCheckAt ?? 0).toBeGreaterThan(now);
      }
    } finally {
      await deps.fetcher.close();
    }
  });

  it('reads a page served in GBK like any other', async () => {
    const s = site.add(story('gbk'));
    await refreshFeed(ingest, feed.id);
    const id = await onlyArticle();
    s.fate = 'gbk';
    expect(await advance(HOUR)).toEqual(['unchanged']);
    s.paragraphs[0] = (s.paragraphs[0] ?? '').replace('十二条', '十三条');
    expect(await advance(5 * HOUR)).toEqual(['edited (text)']);
    expect((await entry(id)).contentHtml).toContain('十三条');
  });
});

describe('schedule', () => {
  it('a feed set to "off" stops re-checks; the plan ends after its last step', async () => {
    site.add(story('s1'));
    await refreshFeed(ingest, feed.id);
    const id = await onlyArticle();
    await store.feeds.update(feed.id, { watch: '1h,2h' });
    expect(await advance(HOUR)).toEqual(['unchanged']);
    expect(await advance(HOUR)).toEqual(['unchanged (304)']);
    expect((await store.watch.get(id))?.nextCheckAt).toBeNull();

    site.add(story('s2'));
    await store.feeds.update(feed.id, { watch: 'off', nextCheckAt: now });
    await refreshFeed(ingest, feed.id);
    expect(await store.watch.due(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
  });

  it('a feed that carries the whole text takes the first page check as the baseline', async () => {
    await store.feeds.update(feed.id, { fulltext: 'never' });
    const s = site.add(story('f1'));
    await refreshFeed(ingest, feed.id);
    const id = await onlyArticle();
    expect((await store.watch.get(id))?.latest.fromPage).toBe(false);
    expect(await advance(HOUR)).toEqual(['baseline']);
    s.paragraphs.push('本报记者将继续关注此事。');
    s.noise = 1;
    expect(await advance(5 * HOUR)).toEqual(['edited (text)']);
  });
});
