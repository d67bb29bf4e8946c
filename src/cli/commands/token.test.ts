/** `feedkeeper token create | list | revoke`, end to end through the CLI, and the token working on the API. */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { removeTempDirs, runFeedkeeper, tempDataDir } from '../../../test/cli-harness.js';
import { verifyPassword } from '../../serve/auth/passwords.js';
import { openSqliteStore } from '../../store/sqlite/index.js';

let dataDir: string;
const ENV = { FEEDKEEPER_ADMIN_PASSWORD: 'a fine long password' };
beforeEach(async () => {
  dataDir = await tempDataDir();
});
afterAll(removeTempDirs);

describe('feedkeeper token', () => {
  it('create prints a token once, list shows it without the secret, revoke ends it', async () => {
    const created = await runFeedkeeper(['token', 'create', '--name', 'phone reader', '--data-dir', dataDir], { env: ENV });
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^fk_[\w-]{43}$/);
    expect(created.stderr).toContain('created the web reader\'s admin account: user "admin", password from FEEDKEEPER_ADMIN_PASSWORD');
    expect(created.stderr).toContain('token 1 "phone reader" created');

    const listed = await runFeedkeeper(['token', 'list', '--data-dir', dataDir]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/1\s+phone reader\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+-\s+active/);
    expect(listed.stdout).not.toContain(secret);

    const json = JSON.parse((await runFeedkeeper(['token', 'list', '--json', '--data-dir', dataDir])).stdout) as Array<{ id: number; revokedAt: number | null }>;
    expect(json).toEqual([expect.objectContaining({ id: 1, name: 'phone reader', revokedAt: null })]);

    const revoked = await runFeedkeeper(['token', 'revoke', '1', '--data-dir', dataDir]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toBe('revoked token 1 "phone reader"\n');
    expect((await runFeedkeeper(['token', 'list', '--data-dir', dataDir])).stdout).toMatch(/revoked \d{4}/);
  });

  it('a second token does not make a second admin', async () => {
    await runFeedkeeper(['token', 'create', '--data-dir', dataDir], { env: ENV });
    const second = await runFeedkeeper(['token', 'create', '--data-dir', dataDir], { env: ENV });
    expect(second.code).toBe(0);
    expect(second.stderr).not.toContain('admin account');
  });

  it.each([
    [['token', 'revoke', '9'], 'no API token with id 9'],
    [['token', 'revoke', 'abc'], 'expected a token id (a whole number'],
    [['token', 'create', '--name', ''], '--name: expected 1 to 100 characters'],
  ])('%j exits 2 saying what was wrong', async (args, message) => {
    const r = await runFeedkeeper([...args, '--data-dir', dataDir], { env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('feedkeeper password', () => {
  it('sets a new admin password and ends the admin’s sessions', async () => {
    await runFeedkeeper(['token', 'create', '--data-dir', dataDir], { env: ENV });
    const generated = await runFeedkeeper(['password', '--data-dir', dataDir]);
    expect(generated.code).toBe(0);
    expect(generated.stderr).toMatch(/^new password for "admin": \S{16,}; signed out of 0 session\(s\)\n$/);
    const fromEnv = await runFeedkeeper(['password', '--data-dir', dataDir], { env: { FEEDKEEPER_ADMIN_PASSWORD: 'another long password' } });
    expect(fromEnv.stderr).toContain('password of "admin" set from FEEDKEEPER_ADMIN_PASSWORD');
    const store = await openSqliteStore({ file: join(dataDir, 'feedkeeper.db') });
    const admin = await store.users.byName('admin');
    await store.close();
    expect(await verifyPassword('another long password', admin?.passwordHash ?? '')).toBe(true);
    expect(await verifyPassword(ENV.FEEDKEEPER_ADMIN_PASSWORD, admin?.passwordHash ?? '')).toBe(false);
  });

  it('says how to get an admin when there is none yet', async () => {
    const r = await runFeedkeeper(['password', '--data-dir', dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('there is no admin account yet');
  });
});
