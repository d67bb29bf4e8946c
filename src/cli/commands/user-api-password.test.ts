/** `feedkeeper user api-password NAME`, end to end through the CLI, and the password working on both sync APIs. */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { removeTempDirs, runFeedkeeper, tempDataDir } from '../../../test/cli-harness.js';
import { feverKey, hashFeverKey } from '../../serve/auth/api-password.js';
import { verifyPassword } from '../../serve/auth/passwords.js';
import { openSqliteStore } from '../../store/sqlite/index.js';

let dataDir: string;
const ENV = { FEEDKEEPER_NEW_PASSWORD: 'a fine long password' };
beforeEach(async () => {
  dataDir = await tempDataDir();
});
afterAll(removeTempDirs);

describe('feedkeeper user api-password', () => {
  it('prints a new API password once, stores only its hashes, and a second one replaces it', async () => {
    expect((await runFeedkeeper(['user', 'add', 'mei', '--data-dir', dataDir], { env: ENV })).code).toBe(0);
    const first = await runFeedkeeper(['user', 'api-password', 'MEI', '--data-dir', dataDir]);
    expect(first.code).toBe(0);
    const password = first.stdout.trim();
    expect(password).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(first.stderr).toContain('new API password of "mei"');
    const second = (await runFeedkeeper(['user', 'api-password', 'mei', '--data-dir', dataDir])).stdout.trim();
    expect(second).not.toBe(password);

    const store = await openSqliteStore({ file: join(dataDir, 'feedkeeper.db') });
    try {
      const mei = await store.users.byName('mei');
      const hash = await store.users.apiPasswordHash(mei?.id ?? 0);
      expect(hash).not.toContain(second);
      expect(await verifyPassword(second, hash ?? '')).toBe(true);
      expect(await store.users.byFeverKey(hashFeverKey(feverKey('mei', password)))).toBeNull();
      expect((await store.users.byFeverKey(hashFeverKey(feverKey('mei', second))))?.username).toBe('mei');
    } finally {
      await store.close();
    }
  });

  it('refuses an unknown user', async () => {
    expect((await runFeedkeeper(['user', 'add', 'mei', '--data-dir', dataDir], { env: ENV })).code).toBe(0);
    const res = await runFeedkeeper(['user', 'api-password', 'nobody', '--data-dir', dataDir]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('there is no user named "nobody"');
  });
});
