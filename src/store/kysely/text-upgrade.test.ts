/**
 * Migration 014's conversion on a small archive on disk: an archive stored by this version is
 * turned back into the pre-014 row layout (texts in their own columns, the feed's summary in
 * articles), then converted in place, interrupted after its first batch and resumed, with every
 * read through the store giving the same answers before, during and after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseQuery } from '../../search/index.js';
import { contractArticle } from '../contract-article.js';
import type { IncomingArticle, Store } from '../store.js';
import { openSqliteStore } from '../sqlite/sqlite-store.js';
import { openPostgresStore } from '../postgres/index.js';
import { havePostgres, startPostgres, type PostgresServer } from '../../../test/postgres-server.js';
import { postgresToPre014Layout, sqliteToPre014Layout } from '../../../test/pre-014-layout.js';

const ARTICLES = 150;
const REVISIONS = 3;
const FETCH = { status: 'ok', fetchedAt: 1, nextCheckAt: 2, consecutiveFailures: 0, error: null, etag: null, lastModified: null, scheduleReason: 'test' } as const;


/** Article n's revision r: Chinese and English text, some with a summary, some whose clean HTML is their HTML, some from a page. */
function version(n: number, r: number): IncomingArticle {
  const body = `<p>第${n}号新闻，第${r}版：港口新航线本周开通，货运量预计增长${n % 7}成。</p><p>Harbour line ${n}, version ${r}, opens this week.</p>`;
  const base = contractArticle({ key: `k${n}`, html: n % 3 === 0 ? body : `${body}<div class="share">分享</div>`, title: `港口航线 ${n}`, publishedAt: Date.UTC(2024, 0, 1) + n * 60_000 });
  return {
    ...base,
    summary: n % 2 === 0 ? `港口新航线开通（${n}）` : null,
    clean: { html: body, text: `第${n}号新闻，第${r}版：港口新航线本周开通。 Harbour line ${n}, version ${r}, opens this week.`, firedRules: n % 3 === 0 ? [] : ['share'] },
    fullHtml: n % 5 === 0 ? `<article>${body}<p>页面全文 ${n}</p></article>` : null,
  };
}

interface Seen {
  list: Array<{ id: number; summary: string | null }>;
  revisions: unknown[];
  entries: unknown[];
  hits: Array<{ id: number; text: string }>;
}

async function everything(store: Store, userId: number): Promise<Seen> {
  const page = await store.entries.list({ userId }, { limit: 500, cursor: null, withContent: true });
  const scope = { userId, archive: true };
  const revisions = [];
  const entries = [];
  for (const e of page.entries) {
    entries.push(await store.entries.get(scope, e.id));
    for (let r = 0; r < REVISIONS; r++) revisions.push(await store.entries.revision(scope, e.id, r));
  }
  const found = await store.search.search(parseQuery('航线'), { scope, limit: 20, cursor: null, sort: 'date' });
  return { list: page.entries.map((e) => ({ id: e.id, summary: e.summary, content: e.contentHtml })), revisions, entries, hits: found.hits.map((h) => ({ id: h.articleId, text: h.text })) };
}

interface Backend {
  open(): Promise<Store>;
  toPre014Layout(): Promise<void>;
  /** The rows left unconverted, and articles without their excerpt or with the feed's summary. */
  leftovers(): Promise<{ revisions: number; summaries: number; noExcerpt: number }>;
}

const LEFTOVERS = {
  revisions: "select count(*) as n from revisions where texts is null or html != '' or coalesce(full_html, clean_html, clean_text, summary) is not null",
  summaries: 'select count(*) as n from articles where summary is not null',
  noExcerpt: 'select count(*) as n from articles where excerpt is null',
};

/** Stores an archive, turns it back into the pre-014 layout, converts it with one interruption and checks every read against the original. */
async function convertsInPlace(backend: Backend): Promise<void> {
  let store = await backend.open();
  const { id: userId } = await store.users.create({ username: 'admin', passwordHash: '', isAdmin: true });
  const feed = await store.feeds.add({ url: 'https://harbour.example/rss' });
  await store.subscriptions.add(userId, feed.id);
  for (let r = 0; r < REVISIONS; r++) {
    await store.articles.applyRefresh(feed.id, Array.from({ length: ARTICLES }, (_, i) => version(i + 1, r)), { ...FETCH, fetchedAt: 10 + r });
  }
  expect(await store.textUpgrade.pending()).toBeNull();
  const stored = await everything(store, userId);
  expect(stored.list).toHaveLength(ARTICLES);
  expect(stored.list.find((e) => e.id === 2)?.summary).toBe('港口新航线开通（2）');
  expect(stored.list.find((e) => e.id === 1)?.summary).toMatch(/^第1号新闻，第2版/);
  await store.close();

  await backend.toPre014Layout();
  expect(await backend.leftovers()).toEqual({ revisions: ARTICLES * REVISIONS, summaries: ARTICLES / 2, noExcerpt: ARTICLES });
  store = await backend.open();
  // The older layout reads the same.
  expect(await everything(store, userId)).toEqual(stored);
  expect(await store.textUpgrade.pending()).toEqual({ total: ARTICLES * REVISIONS, done: 0 });

  // Interrupted once its first batch is stored (the progress callback is called after each commit).
  const interrupted = store.textUpgrade.run(() => {
    throw new Error('power cut');
  });
  await expect(interrupted).rejects.toThrow('power cut');
  expect((await store.textUpgrade.pending())?.done).toBe(200);
  expect(await everything(store, userId)).toEqual(stored);
  await store.close();

  store = await backend.open();
  const seen: number[] = [];
  expect(await store.textUpgrade.run((p) => seen.push(p.done))).toBe(ARTICLES * REVISIONS - 200);
  expect(seen).toEqual([400, 450]);
  expect(await store.textUpgrade.pending()).toBeNull();
  expect(await store.textUpgrade.run()).toBe(0);
  expect(await everything(store, userId)).toEqual(stored);
  await store.close();
  expect(await backend.leftovers()).toEqual({ revisions: 0, summaries: 0, noExcerpt: 0 });
}

describe('the pack-texts conversion (migration 014) on SQLite', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'feedkeeper-text-upgrade-'));
    file = join(dir, 'feedkeeper.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('converts an older archive in place, resumes after an interruption, and every read stays the same', async () => {
    await convertsInPlace({
      open: () => openSqliteStore({ file }),
      toPre014Layout: () => sqliteToPre014Layout(file),
      leftovers: async () => {
        const db = new Database(file, { readonly: true });
        try {
          const n = (q: string) => Number(db.prepare(q).pluck().get());
          return { revisions: n(LEFTOVERS.revisions), summaries: n(LEFTOVERS.summaries), noExcerpt: n(LEFTOVERS.noExcerpt) };
        } finally {
          db.close();
        }
      },
    });
  });
});

const withPostgres = havePostgres();

describe.skipIf(!withPostgres)('the pack-texts conversion (migration 014) on PostgreSQL', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  }, 30_000);

  it('converts an older archive in place, resumes after an interruption, and every read stays the same', async () => {
    const url = await server.createDatabase();
    await convertsInPlace({
      open: () => openPostgresStore({ url, poolSize: 2 }),
      toPre014Layout: () => postgresToPre014Layout(url),
      leftovers: async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const n = async (q: string) => Number((await client.query<{ n: string }>(q)).rows[0]?.n);
          return { revisions: await n(LEFTOVERS.revisions), summaries: await n(LEFTOVERS.summaries), noExcerpt: await n(LEFTOVERS.noExcerpt) };
        } finally {
          await client.end();
        }
      },
    });
  }, 120_000);
});
