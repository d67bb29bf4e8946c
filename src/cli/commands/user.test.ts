/**
 * `feedkeeper user …` and `--user`, end to end through the CLI on a data folder with loopback
 * feeds: each user's own subscriptions over one shared feed row, the rules the store keeps
 * (names without letter case, always an admin), and what disabling and removing do.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { listFeeds, removeTempDirs, runFeedkeeper, serveNewsSite, tempDataDir } from '../../../test/cli-harness.js';
import { startFixtureServer, type FixtureServer } from '../../../test/fixture-server.js';
import { hashSecret } from '../../serve/auth/secrets.js';
import { verifyPassword } from '../../serve/auth/passwords.js';
import { openSqliteStore } from '../../store/sqlite/index.js';

let server: FixtureServer;
let dataDir: string;
const PASSWORD = { FEEDKEEPER_NEW_PASSWORD: 'a long enough password' };
const fk = (args: string[], env: Record<string, string> = {}) => runFeedkeeper([...args, '--data-dir', dataDir, '--allow-private-networks'], { env });

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

async function withStore<T>(fn: (store: Awaited<ReturnType<typeof openSqliteStore>>) => Promise<T>): Promise<T> {
  const store = await openSqliteStore({ file: join(dataDir, 'feedkeeper.db') });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

describe('feedkeeper user', () => {
  it('add prints a generated password once, which signs in; list shows role, state and subscriptions', async () => {
    const added = await fk(['user', 'add', 'Mei', '--admin']);
    expect(added).toMatchObject({ code: 0, stdout: 'added user 1 "Mei" (admin)\n' });
    const password = /password of "Mei": (\S+)/.exec(added.stderr)?.[1];
    expect(password).toMatch(/^\w{20}$/);
    const stored = await withStore((s) => s.users.byName('mei'));
    expect(await verifyPassword(password ?? '', stored?.passwordHash ?? '')).toBe(true);
    expect((await fk(['user', 'add', 'tom'], PASSWORD)).stderr).toBe('password of "tom" set from FEEDKEEPER_NEW_PASSWORD\n');
    await fk(['add', server.url('/rss.xml'), '--user', 'tom', '--no-check']);
    const listed = await fk(['user', 'list']);
    expect(listed.stdout).toMatch(/1\s+Mei\s+admin\s+active\s+0\s+\d{4}-\d\d-\d\d/);
    expect(listed.stdout).toMatch(/2\s+tom\s+user\s+active\s+1\s+/);
  });

  it('the first user of an archive is its admin, so it always has one', async () => {
    expect((await fk(['user', 'add', 'lin'], PASSWORD)).stdout).toBe('added user 1 "lin" (admin: the first user of an archive manages it)\n');
    expect((await fk(['user', 'add', 'tom'], PASSWORD)).stdout).toBe('added user 2 "tom"\n');
    expect((await fk(['add', server.url('/rss.xml'), '--no-check'])).code).toBe(0);
    expect(await withStore(async (s) => (await s.subscriptions.list(1)).length)).toBe(1);
  });

  it('commands that only read make no account on an archive without users', async () => {
    for (const args of [['list'], ['token', 'list'], ['search', '港'], ['export-opml']]) expect((await fk(args)).code, args.join(' ')).toBe(0);
    expect(await withStore((s) => s.users.count())).toBe(0);
  });

  it.each([
    ['a name taken in another letter case', ['user', 'add', 'MEI'], 1, 'the user name "MEI" is taken (by "Mei", user 1; names are compared without letter case)'],
    ['an empty name', ['user', 'add', ' '], 2, 'a user name cannot be empty'],
    ['an overlong name', ['user', 'add', 'm'.repeat(65)], 2, 'is longer than 64 characters'],
    ['a name with spaces inside', ['user', 'add', 'mei lin'], 2, 'may hold only letters, digits and . _ @ -'],
    ['an unknown user', ['user', 'disable', 'nobody'], 2, 'there is no user named "nobody"'],
  ])('refuses %s, changing nothing', async (_case, args, code, message) => {
    await fk(['user', 'add', 'Mei', '--admin'], PASSWORD);
    const r = await fk(args, PASSWORD);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
    expect((await withStore((s) => s.users.list())).map((u) => u.username)).toEqual(['Mei']);
  });

  it('refuses a weak password from FEEDKEEPER_NEW_PASSWORD', async () => {
    const r = await fk(['user', 'add', 'mei'], { FEEDKEEPER_NEW_PASSWORD: 'short' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('FEEDKEEPER_NEW_PASSWORD: expected at least 12 characters, got 5 characters (not shown: secret)');
    expect(await withStore((s) => s.users.count())).toBe(0);
  });

  it('keeps an enabled admin: the last one cannot be disabled or removed', async () => {
    await fk(['user', 'add', 'mei', '--admin'], PASSWORD);
    await fk(['user', 'add', 'tom'], PASSWORD);
    for (const verb of ['disable', 'remove']) {
      const r = await fk(['user', verb, 'mei']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('"mei": it is the last enabled admin; make another user an admin first');
    }
    expect((await withStore((s) => s.users.list())).map((u) => [u.username, u.disabled])).toEqual([['mei', false], ['tom', false]]);
  });

  it('disable ends the sessions and tokens at once; enable lets the user in again', async () => {
    await fk(['user', 'add', 'mei', '--admin'], PASSWORD);
    await fk(['user', 'add', 'tom'], PASSWORD);
    const token = (await fk(['token', 'create', '--user', 'tom'])).stdout.trim();
    const session = await withStore(async (s) => {
      const tom = await s.users.byName('tom');
      await s.sessions.create({ idHash: hashSecret('cookie'), userId: tom?.id ?? 0, csrfToken: 'c', createdAt: 0, expiresAt: Date.now() + 60_000 });
      return s.sessions.get(hashSecret('cookie'), Date.now());
    });
    expect(session).not.toBeNull();
    expect((await fk(['user', 'disable', 'tom'])).stdout).toBe('disabled "tom": signed out everywhere, tokens stop working\n');
    await withStore(async (s) => {
      expect(await s.sessions.get(hashSecret('cookie'), Date.now())).toBeNull();
      expect(await s.tokens.findByHash(hashSecret(token))).toBeNull();
    });
    expect((await fk(['user', 'enable', 'tom'])).stdout).toBe('enabled "tom"\n');
    expect(await withStore((s) => s.tokens.findByHash(hashSecret(token)))).not.toBeNull();
  });

  it('password sets a new one and signs the user out everywhere', async () => {
    await fk(['user', 'add', 'mei', '--admin'], PASSWORD);
    const r = await fk(['user', 'password', 'mei'], { FEEDKEEPER_NEW_PASSWORD: 'another long password' });
    expect(r).toMatchObject({ code: 0, stdout: 'new password for "mei"; signed out of 0 session(s)\n' });
    const stored = await withStore((s) => s.users.byName('mei'));
    expect(await verifyPassword('another long password', stored?.passwordHash ?? '')).toBe(true);
  });
});

describe('several users on one archive through the CLI', () => {
  it('two users share one feed row and one fetch, each with their own title and tags; removing a user keeps the articles', async () => {
    await fk(['user', 'add', 'mei', '--admin'], PASSWORD);
    await fk(['user', 'add', 'tom'], PASSWORD);
    expect((await fk(['add', server.url('/rss.xml'), '--tag', 'morning'])).code).toBe(0);
    const shared = await fk(['add', server.url('/rss.xml'), '--user', 'tom', '--title', 'Tom’s paper', '--tag', 'city']);
    expect(shared.stdout).toContain('already in the archive: shares its fetch');
    expect((await fk(['add', server.url('/rss.xml'), '--user', 'tom'])).stderr).toContain('already subscribed');
    expect((await fk(['fetch'])).stdout).toContain('feeds: 1 (1 fetched');

    expect((await listFeeds(dataDir)).map((f) => [f.id, f.titleOverride, f.tags])).toEqual([[1, null, ['morning']]]);
    const toms = JSON.parse((await fk(['list', '--json', '--user', 'tom'])).stdout) as Array<{ id: number; titleOverride: string; tags: string[]; articleCount: number }>;
    expect(toms.map((f) => [f.id, f.titleOverride, f.tags, f.articleCount])).toEqual([[1, 'Tom’s paper', ['city'], 3]]);
    expect(JSON.parse((await fk(['search', 'tag:city', '--json', '--user', 'tom'])).stdout)).toMatchObject({ total: 3 });
    expect(JSON.parse((await fk(['search', 'tag:city', '--json', '--mine'])).stdout)).toMatchObject({ total: 0 });

    // Tom's fetch settings are shared with Mei: a reader cannot change them; his title is his.
    const refused = await fk(['set', '1', '--fulltext', 'always', '--user', 'tom']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('feed 1 is shared with 1 other subscriber(s): only an admin can change how it is fetched');
    expect((await fk(['set', '1', '--title', 'Paper', '--user', 'tom'])).stdout).toBe('updated 1 Paper\n');

    expect((await fk(['remove', '1'])).stdout).toContain('still fetched for 1 other subscriber(s)');
    expect((await fk(['fetch'])).stdout).toContain('feeds: 1 (');
    expect((await fk(['user', 'remove', 'tom'])).stdout).toBe('removed "tom" with 1 subscription(s), their read and starred marks, sessions and tokens; the archive keeps every article\n');
    expect((await fk(['fetch'])).stdout).toContain('feeds: 0 (');
    expect(await withStore((s) => s.articles.count())).toEqual({ articles: 3, revisions: 3 });
  });

  it('--user names someone who exists', async () => {
    const r = await fk(['list', '--user', 'ghost']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--user: there is no user named "ghost"');
  });
});
