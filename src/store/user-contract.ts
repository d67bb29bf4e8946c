/**
 * The people of a shared archive, as part of the store contract (storeContract runs it for every
 * backend): user names unique without letter case and checked like core/user-limits.ts says, the
 * rule that an enabled admin always remains, disabled users locked out at once (sessions and
 * tokens), removal that takes a user's own data and never an article, reader settings with their
 * bounds, and the failed sign-ins the limiter keeps in the store. Tests never assume particular ids.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../core/index.js';
import type { FeedFetchState, IncomingArticle, Store, User } from './store.js';

const T0 = Date.UTC(2024, 4, 6, 10, 0, 0);
const HOUR = 3_600_000;
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const DEFAULTS = { language: null, timeZone: null, pageSize: 50, sort: 'newest' } as const;

function note(key: string): IncomingArticle {
  const title = `Library hours extended (${key})`;
  const html = `<p>The library on ${key} street stays open until nine.</p>`;
  return {
    key, title, link: `https://library.example.net/${key}`, author: null, publishedAt: T0, updatedAt: null, summary: null, html, categories: [],
    contentHash: sha(`${title}\n${html}`), recordId: sha(key).slice(0, 16), clean: { html, text: `The library on ${key} street stays open until nine.`, firedRules: [] },
  };
}

const fetched: FeedFetchState = { status: 'ok', fetchedAt: T0, error: null, consecutiveFailures: 0, nextCheckAt: T0 + HOUR, scheduleReason: 'ttl' };

async function expectFailure(promise: Promise<unknown>, code: ErrorCode, fragment?: string): Promise<void> {
  const err: unknown = await promise.then(() => new Error('expected a failure, but it succeeded'), (e: unknown) => e);
  expect(err).toMatchObject({ name: 'FeedkeeperError', code });
  if (fragment !== undefined) expect((err as Error).message).toContain(fragment);
}

export function userContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}: users`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });
    const create = (username: string, isAdmin = false): Promise<User> => store.users.create({ username, passwordHash: `scrypt$${username}`, isAdmin });

    describe('names', () => {
      it('are unique without letter case, kept as given, and found in any case', async () => {
        const mei = await create('Mei');
        expect(mei.username).toBe('Mei');
        for (const taken of ['Mei', 'mei', 'MEI', ' mei ']) {
          await expectFailure(create(taken), 'CONFLICT', '"Mei"');
        }
        expect(await store.users.count()).toBe(1);
        for (const asked of ['Mei', 'mei', 'MEI']) expect(await store.users.byName(asked), asked).toEqual({ ...mei, passwordHash: 'scrypt$Mei' });
        expect(await store.users.byName('me')).toBeNull();
        expect(await store.users.byName('meii')).toBeNull();
      });

      it('may be in any script, or an e-mail address, and are found by the name in any case', async () => {
        for (const username of ['王小明', 'Émile', 'mei.lin@example.org', 'o_k-1', 'a'.repeat(64)]) {
          const user = await create(username);
          expect(user.username).toBe(username);
          expect((await store.users.byName(username))?.id, username).toBe(user.id);
        }
        expect((await store.users.byName('ÉMILE'))?.username).toBe('Émile');
        // Letter case is folded in every script, not only in ASCII.
        expect((await store.users.byName('émile'))?.username).toBe('Émile');
        await expectFailure(create('émile'), 'CONFLICT', '"Émile"');
        expect((await store.users.byName('MEI.LIN@EXAMPLE.ORG'))?.username).toBe('mei.lin@example.org');
        await expectFailure(create('Mei.Lin@Example.org'), 'CONFLICT');
      });

      it('are trimmed', async () => {
        const tom = await create('  tom ');
        expect(tom.username).toBe('tom');
        expect((await store.users.byName('tom'))?.id).toBe(tom.id);
      });

      it.each([
        ['empty', ''],
        ['only spaces', '   '],
        ['longer than 64 characters', 'a'.repeat(65)],
        ['longer than 64 CJK characters', '港'.repeat(65)],
        ['with a space inside', 'mei lin'],
        ['with a slash', 'mei/lin'],
        ['with markup', '<b>mei</b>'],
        ['with a quote', 'mei"'],
      ])('%s is a USAGE error and creates nobody', async (_case, username) => {
        await expectFailure(create(username), 'USAGE');
        expect(await store.users.count()).toBe(0);
      });
    });

    it('list gives every user by id, with their role, state and settings', async () => {
      const admin = await create('admin', true);
      const mei = await create('mei');
      await store.users.setDisabled(mei.id, true);
      await store.users.updateSettings(admin.id, { language: 'zh' });
      expect(await store.users.list()).toEqual([
        { ...admin, settings: { ...DEFAULTS, language: 'zh' } },
        { ...mei, disabled: true },
      ]);
      expect(admin).toMatchObject({ isAdmin: true, disabled: false, settings: DEFAULTS });
      expect(await store.users.get(mei.id)).toMatchObject({ disabled: true, isAdmin: false });
    });

    describe('the last enabled admin', () => {
      it('cannot be disabled, demoted or removed (CONFLICT), and stays as it was', async () => {
        const admin = await create('admin', true);
        const mei = await create('mei');
        await expectFailure(store.users.setDisabled(admin.id, true), 'CONFLICT', 'last enabled admin');
        await expectFailure(store.users.setAdmin(admin.id, false), 'CONFLICT', 'last enabled admin');
        await expectFailure(store.users.remove(admin.id), 'CONFLICT', 'last enabled admin');
        expect(await store.users.get(admin.id)).toEqual(admin);
        // Anyone else is free to go.
        expect(await store.users.setDisabled(mei.id, true)).toMatchObject({ disabled: true });
        await store.users.remove(mei.id);
        expect(await store.users.list()).toEqual([admin]);
      });

      it('can once another admin is enabled; a disabled admin does not count', async () => {
        const first = await create('first', true);
        const second = await create('second', true);
        await store.users.setDisabled(second.id, true);
        await expectFailure(store.users.setAdmin(first.id, false), 'CONFLICT');
        await expectFailure(store.users.remove(first.id), 'CONFLICT');
        await store.users.setDisabled(second.id, false);
        expect(await store.users.setAdmin(first.id, false)).toMatchObject({ id: first.id, isAdmin: false });
        await expectFailure(store.users.setDisabled(second.id, true), 'CONFLICT');
        expect(await store.users.setAdmin(first.id, true)).toMatchObject({ isAdmin: true });
        expect(await store.users.setDisabled(second.id, true)).toMatchObject({ disabled: true, isAdmin: true });
        expect(await store.users.setAdmin(second.id, false)).toMatchObject({ disabled: true, isAdmin: false });
        await store.users.setAdmin(second.id, true);
        await store.users.setDisabled(second.id, false);
        await store.users.remove(first.id);
        expect((await store.users.list()).map((u) => u.username)).toEqual(['second']);
        await expectFailure(store.users.remove(second.id), 'CONFLICT');
      });
    });

    it('a disabled user is signed out at once: sessions end, tokens stop working until enabled again', async () => {
      await create('admin', true);
      const mei = await create('mei');
      const tom = await create('tom');
      const session = { idHash: sha('mei-cookie'), userId: mei.id, csrfToken: 'c1', createdAt: T0, expiresAt: T0 + 9 * HOUR };
      await store.sessions.create(session);
      await store.sessions.create({ ...session, idHash: sha('tom-cookie'), userId: tom.id });
      const token = await store.tokens.create({ userId: mei.id, name: 'phone', tokenHash: sha('mei-token') });
      await store.tokens.create({ userId: tom.id, name: 'phone', tokenHash: sha('tom-token') });
      expect(await store.sessions.get(session.idHash, T0)).toEqual({ session, user: mei });

      const disabled = await store.users.setDisabled(mei.id, true);
      expect(disabled).toEqual({ ...mei, disabled: true });
      expect(await store.sessions.get(session.idHash, T0)).toBeNull();
      expect(await store.tokens.findByHash(sha('mei-token'))).toBeNull();
      expect(await store.sessions.removeForUser(mei.id)).toBe(0); // already ended
      // Tom is not touched.
      expect((await store.sessions.get(sha('tom-cookie'), T0))?.user.id).toBe(tom.id);
      expect((await store.tokens.findByHash(sha('tom-token')))?.user.id).toBe(tom.id);
      // The user still exists, with a password hash, for an admin to enable again.
      expect(await store.users.byName('mei')).toMatchObject({ id: mei.id, disabled: true });

      const enabled = await store.users.setDisabled(mei.id, false);
      expect(enabled).toEqual(mei);
      expect(await store.sessions.get(session.idHash, T0)).toBeNull();
      expect(await store.tokens.findByHash(sha('mei-token'))).toEqual({ token, user: mei });
    });

    it('removing a user takes their subscriptions, marks, sessions and tokens, never an article or anyone else’s', async () => {
      await create('admin', true);
      const mei = await create('mei');
      const tom = await create('tom');
      const shared = (await store.feeds.add({ url: 'https://library.example.net/rss', title: 'Library' })).id;
      const hers = (await store.feeds.add({ url: 'https://garden.example.net/rss', title: 'Garden', nextCheckAt: T0 })).id;
      await store.subscriptions.add(mei.id, shared, { titleOverride: 'Books', tags: ['reading'] });
      await store.subscriptions.add(mei.id, hers, { tags: ['flowers'] });
      await store.subscriptions.add(tom.id, shared, { tags: ['reading'] });
      await store.articles.applyRefresh(shared, [note('main'), note('elm')], fetched);
      await store.articles.applyRefresh(hers, [note('rose')], fetched);
      const ids = (await store.entries.list({ userId: mei.id }, { limit: 10, cursor: null })).entries.map((e) => e.id);
      await store.entries.mark(mei.id, ids, { read: true, starred: true });
      const [elm] = (await store.entries.list({ userId: tom.id }, { limit: 1, cursor: null })).entries;
      await store.entries.mark(tom.id, [elm?.id ?? -1], { starred: true });
      await store.sessions.create({ idHash: sha('mei-cookie'), userId: mei.id, csrfToken: 'c', createdAt: T0, expiresAt: T0 + HOUR });
      await store.sessions.create({ idHash: sha('tom-cookie'), userId: tom.id, csrfToken: 'c', createdAt: T0, expiresAt: T0 + HOUR });
      await store.tokens.create({ userId: mei.id, name: 'phone', tokenHash: sha('mei-token') });
      const tomsToken = await store.tokens.create({ userId: tom.id, name: 'phone', tokenHash: sha('tom-token') });
      const tomsCounts = await store.entries.unreadCounts(tom.id);

      await store.users.remove(mei.id);
      expect(await store.users.get(mei.id)).toBeNull();
      expect(await store.users.byName('mei')).toBeNull();
      expect(await store.subscriptions.list(mei.id)).toEqual([]);
      expect(await store.sessions.get(sha('mei-cookie'), T0)).toBeNull();
      expect(await store.tokens.findByHash(sha('mei-token'))).toBeNull();
      expect(await store.tokens.list(mei.id)).toEqual([]);
      expect(await store.articles.count()).toEqual({ articles: 3, revisions: 3 });
      expect((await store.feeds.list()).map((f) => [f.id, f.articleCount, f.subscribers])).toEqual([[shared, 2, 1], [hers, 1, 0]]);
      expect((await store.feeds.due(T0 + 2 * HOUR, 10)).map((f) => f.id)).toEqual([shared]);

      expect(await store.entries.unreadCounts(tom.id)).toEqual(tomsCounts);
      expect((await store.entries.list({ userId: tom.id, starred: true }, { limit: 10, cursor: null })).entries.map((e) => e.id)).toEqual([elm?.id]);
      expect((await store.entries.list({ userId: tom.id, tag: 'reading' }, { limit: 10, cursor: null })).entries).toHaveLength(2);
      expect((await store.sessions.get(sha('tom-cookie'), T0))?.user.id).toBe(tom.id);
      expect(await store.tokens.findByHash(sha('tom-token'))).toEqual({ token: tomsToken, user: tom });
      expect((await store.subscriptions.get(tom.id, shared))?.tags).toEqual(['reading']);
      // The name is free again.
      expect((await create('mei')).id).not.toBe(mei.id);
    });

    it.each([
      ['setDisabled', (s: Store) => s.users.setDisabled(424242, true)],
      ['setAdmin', (s: Store) => s.users.setAdmin(424242, true)],
      ['updateSettings', (s: Store) => s.users.updateSettings(424242, { pageSize: 20 })],
      ['remove', (s: Store) => s.users.remove(424242)],
      ['setPassword', (s: Store) => s.users.setPassword(424242, 'x')],
    ])('%s of an unknown user is NOT_FOUND naming the id', async (_case, act) => {
      await expectFailure(act(store), 'NOT_FOUND', '424242');
    });

    describe('settings', () => {
      it('start at the defaults, change only what the patch names, and go back to "from the browser" with null', async () => {
        const mei = await create('mei');
        expect(mei.settings).toEqual(DEFAULTS);
        const changed = await store.users.updateSettings(mei.id, { language: 'zh', timeZone: 'Asia/Taipei', pageSize: 10, sort: 'oldest' });
        expect(changed).toEqual({ ...mei, settings: { language: 'zh', timeZone: 'Asia/Taipei', pageSize: 10, sort: 'oldest' } });
        expect(await store.users.get(mei.id)).toEqual(changed);
        expect((await store.users.updateSettings(mei.id, { pageSize: 200 })).settings).toEqual({ language: 'zh', timeZone: 'Asia/Taipei', pageSize: 200, sort: 'oldest' });
        expect((await store.users.updateSettings(mei.id, { language: 'en', timeZone: 'UTC' })).settings).toEqual({ language: 'en', timeZone: 'UTC', pageSize: 200, sort: 'oldest' });
        expect((await store.users.updateSettings(mei.id, { language: null, timeZone: null })).settings).toEqual({ language: null, timeZone: null, pageSize: 200, sort: 'oldest' });
        expect((await store.users.updateSettings(mei.id, {})).settings).toEqual({ language: null, timeZone: null, pageSize: 200, sort: 'oldest' });
        expect((await store.users.byName('mei'))?.settings).toEqual({ language: null, timeZone: null, pageSize: 200, sort: 'oldest' });
      });

      it.each<[string, Record<string, unknown>, string]>([
        ['a language we do not have', { language: 'fr' }, 'language'],
        ['a language in the wrong case', { language: 'ZH' }, 'language'],
        ['a time zone that does not exist', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
        ['an empty time zone', { timeZone: '' }, 'timeZone'],
        ['a page size below 10', { pageSize: 9 }, 'pageSize'],
        ['a page size above 200', { pageSize: 201 }, 'pageSize'],
        ['a page size that is not whole', { pageSize: 25.5 }, 'pageSize'],
        ['a page size that is not a number', { pageSize: '50' }, 'pageSize'],
        ['an unknown sort', { sort: 'random' }, 'sort'],
        ['a bad value beside good ones', { language: 'en', pageSize: 20, sort: 'sideways' }, 'sort'],
      ])('%s is a USAGE error that changes nothing', async (_case, patch, field) => {
        const mei = await create('mei');
        await expectFailure(store.users.updateSettings(mei.id, patch as never), 'USAGE', field);
        expect(await store.users.get(mei.id)).toEqual(mei);
      });
    });

    describe('failed sign-ins', () => {
      it('are counted per key from a time on, with the first of them', async () => {
        await store.loginAttempts.record(['ip:192.0.2.7', 'user:mei'], T0);
        await store.loginAttempts.record(['ip:192.0.2.7', 'user:tom'], T0 + 10);
        await store.loginAttempts.record(['ip:192.0.2.7'], T0 + 20);
        expect(await store.loginAttempts.failures(['ip:192.0.2.7', 'user:mei', 'user:tom', 'user:nobody'], T0)).toEqual(
          new Map([['ip:192.0.2.7', { count: 3, first: T0 }], ['user:mei', { count: 1, first: T0 }], ['user:tom', { count: 1, first: T0 + 10 }]]),
        );
        // The window starts at sinceMs, inclusive.
        expect(await store.loginAttempts.failures(['ip:192.0.2.7', 'user:mei'], T0 + 10)).toEqual(new Map([['ip:192.0.2.7', { count: 2, first: T0 + 10 }]]));
        expect(await store.loginAttempts.failures(['ip:192.0.2.7'], T0 + 21)).toEqual(new Map());
        expect(await store.loginAttempts.failures([], 0)).toEqual(new Map());
        await store.loginAttempts.record([], T0 + 30);
        expect((await store.loginAttempts.failures(['ip:192.0.2.7'], 0)).get('ip:192.0.2.7')?.count).toBe(3);
      });

      it('clear forgets one key; prune forgets what is older than a time and says how many', async () => {
        await store.loginAttempts.record(['ip:192.0.2.7', 'user:mei'], T0);
        await store.loginAttempts.record(['ip:192.0.2.7', 'user:mei'], T0 + 10);
        await store.loginAttempts.record(['ip:198.51.100.1'], T0 + 20);
        await store.loginAttempts.clear('user:mei');
        await store.loginAttempts.clear('user:nobody');
        expect(await store.loginAttempts.failures(['ip:192.0.2.7', 'user:mei'], 0)).toEqual(new Map([['ip:192.0.2.7', { count: 2, first: T0 }]]));
        expect(await store.loginAttempts.prune(T0 + 10)).toBe(1);
        expect(await store.loginAttempts.failures(['ip:192.0.2.7', 'ip:198.51.100.1'], 0)).toEqual(
          new Map([['ip:192.0.2.7', { count: 1, first: T0 + 10 }], ['ip:198.51.100.1', { count: 1, first: T0 + 20 }]]),
        );
        expect(await store.loginAttempts.prune(T0 + 10)).toBe(0);
        expect(await store.loginAttempts.prune(T0 + 21)).toBe(2);
        expect(await store.loginAttempts.failures(['ip:192.0.2.7', 'ip:198.51.100.1'], 0)).toEqual(new Map());
      });
    });
  });
}
