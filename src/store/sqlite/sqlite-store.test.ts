import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../core/index.js';
import { storeContract } from '../contract.js';
import { relevanceWindowContract } from '../relevance-window-contract.js';
import type { FeedFetchState, IncomingArticle } from '../store.js';
import { openSqliteStore } from './index.js';

storeContract('sqlite', () => openSqliteStore({ file: ':memory:' }));

const T0 = Date.UTC(2024, 1, 2, 8, 0, 0);
const STATE: FeedFetchState = { status: 'ok', fetchedAt: T0, error: null, consecutiveFailures: 0, nextCheckAt: T0 + 60_000, scheduleReason: 'ttl' };

function article(key: string, title = `Night market reopens on Pier Road (${key})`): IncomingArticle {
  const html = `<p>${title}: stalls return after the winter repairs.</p>`;
  return { key, title, link: `https://pier.example.net/${key}`, author: null, publishedAt: T0, updatedAt: null, summary: null, html, categories: [], contentHash: `${title}|${html}`, recordId: createHash('sha256').update(key).digest('hex').slice(0, 16) };
}

function recordingLogger(lines: { obj: object; msg?: string | undefined }[]): Logger {
  const log = (obj: object, msg?: string) => {
    lines.push({ obj, msg });
  };
  const logger: Logger = { debug: log, info: log, warn: log, error: log, child: () => logger };
  return logger;
}

describe('sqlite store on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'feedkeeper-sqlite-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its data across close and reopen, and runs each migration once', async () => {
    const file = join(dir, 'feedkeeper.db');
    const firstLog: { obj: object; msg?: string | undefined }[] = [];
    const first = await openSqliteStore({ file, logger: recordingLogger(firstLog) });
    const feed = await first.feeds.add({ url: 'https://pier.example.net/rss' });
    const mei = await first.users.create({ username: 'mei', passwordHash: 'scrypt$1', isAdmin: true });
    const subscription = await first.subscriptions.add(mei.id, feed.id, { titleOverride: 'Pier', tags: ['夜市', 'food'] });
    await first.articles.applyRefresh(feed.id, [article('n1'), article('n2')], STATE);
    await first.articles.applyRefresh(feed.id, [article('n1', 'Night market opening delayed')], STATE);
    await first.close();
    expect(firstLog.filter((line) => line.msg === 'database migrated').map((line) => line.obj)).toEqual([{ migration: '001-initial' }, { migration: '002-record-ids-and-clean' }, { migration: '003-search-index' }, { migration: '004-reader' }, { migration: '005-counts' }, { migration: '006-users' }, { migration: '007-oidc' }, { migration: '008-api-passwords' }, { migration: '009-watch' }, { migration: '010-webhooks' }, { migration: '011-revision-chain' }, { migration: '012-media' }, { migration: '013-search-rank-lead' }, { migration: '014-packed-texts' }, { migration: '015-maintenance-runs' }]);

    const againLog: { obj: object; msg?: string | undefined }[] = [];
    const again = await openSqliteStore({ file, logger: recordingLogger(againLog) });
    expect(againLog.filter((line) => line.msg === 'database migrated')).toEqual([]);
    expect(await again.feeds.get(feed.id)).toEqual({ ...feed, lastStatus: 'ok', lastFetchAt: T0, nextCheckAt: T0 + 60_000, scheduleReason: 'ttl' });
    expect(await again.articles.count()).toEqual({ articles: 2, revisions: 3 });
    expect(await again.subscriptions.get(mei.id, feed.id)).toEqual({ ...subscription, ...(await again.feeds.get(feed.id)), articleCount: 2 });
    expect(await again.entries.unreadCounts(mei.id)).toEqual(new Map([[0, 2], [feed.id, 2]]));
    await again.close();
    await again.close(); // closing twice is harmless
  });

  it('creates missing folders, journals in WAL mode and records its migrations in a version table', async () => {
    const file = join(dir, 'nested', 'deeper', 'feedkeeper.db');
    const store = await openSqliteStore({ file });
    await store.close();
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.prepare('select name from kysely_migration order by name').pluck().all()).toEqual(['001-initial', '002-record-ids-and-clean', '003-search-index', '004-reader', '005-counts', '006-users', '007-oidc', '008-api-passwords', '009-watch', '010-webhooks', '011-revision-chain', '012-media', '013-search-rank-lead', '014-packed-texts', '015-maintenance-runs']);
    } finally {
      raw.close();
    }
  });

  it.each([
    ['its parent is a regular file', (d: string) => (writeFileSync(join(d, 'blocker'), 'x'), join(d, 'blocker', 'fk.db')), 'is a regular file, not a directory'],
    ['a folder above it is a regular file', (d: string) => (writeFileSync(join(d, 'blocker'), 'x'), join(d, 'blocker', 'sub', 'fk.db')), 'is a regular file, not a directory'],
    ['the path is a directory', (d: string) => (mkdirSync(join(d, 'dir.db')), join(d, 'dir.db')), 'cannot open the file'],
    ['the file is not a database', (d: string) => (writeFileSync(join(d, 'notes.db'), 'Shopping list: rice, tea, 青菜. '.repeat(40)), join(d, 'notes.db')), 'not a SQLite database'],
  ])('opening fails with a clear STORE_IO error when %s', async (_case, makePath, fragment) => {
    const file = makePath(dir);
    const err: unknown = await openSqliteStore({ file }).then(
      () => new Error('expected openSqliteStore to fail'),
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ name: 'FeedkeeperError', code: 'STORE_IO' });
    expect((err as Error).message).toContain(`database ${file}: `);
    expect((err as Error).message).toContain(fragment);
  });

  it('a write blocked by another process fails with STORE_LOCKED, and works once the lock is gone', async () => {
    const file = join(dir, 'feedkeeper.db');
    const store = await openSqliteStore({ file, busyTimeoutMs: 50 });
    const other = new Database(file);
    try {
      other.exec('begin immediate');
      const err: unknown = await store.feeds.add({ url: 'https://pier.example.net/rss' }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'STORE_LOCKED', message: expect.stringContaining(`database ${file}: another process is writing`) });
      expect(await store.feeds.list()).toEqual([]); // WAL: reads go on while another process writes
      other.exec('rollback');
      expect((await store.feeds.add({ url: 'https://pier.example.net/rss' })).url).toBe('https://pier.example.net/rss');
    } finally {
      other.close();
      await store.close();
    }
  });

  it('a failure in the middle of a refresh rolls back every row of it', async () => {
    const file = join(dir, 'feedkeeper.db');
    const store = await openSqliteStore({ file });
    const feed = await store.feeds.add({ url: 'https://pier.example.net/rss' });
    await store.articles.applyRefresh(feed.id, [article('kept')], STATE);
    const before = { feed: await store.feeds.get(feed.id), count: await store.articles.count() };
    // A trigger fails the third insert, after an article, a revision and a link have been written.
    const other = new Database(file);
    other.exec(`create trigger fail_on_boom before insert on revisions when new.title = 'boom'
                begin select raise(abort, 'forced failure for the rollback test'); end`);
    other.close();

    const batch = [article('fresh'), article('kept', 'Night market reopening moved to Friday'), article('bad', 'boom')];
    await expect(store.articles.applyRefresh(feed.id, batch, { ...STATE, etag: '"x"', fetchedAt: T0 + 1 })).rejects.toThrow('forced failure');
    expect(await store.articles.count()).toEqual(before.count);
    expect(await store.feeds.get(feed.id)).toEqual(before.feed);
    expect((await store.feeds.list())[0]?.articleCount).toBe(1);
    // The connection is usable afterwards: no transaction was left open.
    const next = await store.articles.applyRefresh(feed.id, [article('fresh')], STATE);
    expect(next.newArticles).toBe(1);
    await store.close();
  });
});

relevanceWindowContract('sqlite', (relevanceWindow) => openSqliteStore({ file: ':memory:', relevanceWindow }));

describe('sqlite store: a schema newer than the code', () => {
  it('is refused, naming the file and the migrations this code does not know', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedkeeper-sqlite-'));
    try {
      const file = join(dir, 'feedkeeper.db');
      await (await openSqliteStore({ file })).close();
      const raw = new Database(file);
      raw.exec(`insert into kysely_migration (name, timestamp) values ('990-from-the-future', '2026-12-01T00:00:00Z')`);
      raw.close();
      const err: unknown = await openSqliteStore({ file }).then(() => new Error('expected the open to fail'), (e: unknown) => e);
      expect(err).toMatchObject({ name: 'FeedkeeperError', code: 'STORE_IO', details: { unknownMigrations: ['990-from-the-future'] } });
      expect((err as Error).message).toBe(`database ${file}: its schema is newer than this feedkeeper knows (migrations 990-from-the-future); run the feedkeeper that wrote it, or a newer one`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
