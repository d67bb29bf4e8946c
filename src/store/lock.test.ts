import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from './lock.js';

describe('lockDataDir', () => {
  it('lets one holder in, refuses a second with a clear message, and frees on release', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fk-lock-'));
    const lock = await lockDataDir(dir, 'run');
    expect(await readFile(join(dir, 'feedkeeper.lock'), 'utf8')).toBe(`${process.pid}\nrun\n`);
    await expect(lockDataDir(dir, 'run')).rejects.toThrow(`data directory ${dir} is in use by another feedkeeper run (pid ${process.pid})`);
    await lock.release();
    const again = await lockDataDir(dir, 'run');
    await again.release();
  });

  it('takes over a lock whose owner no longer exists', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fk-lock-'));
    await writeFile(join(dir, 'feedkeeper.lock'), '2147483646\nrun\n'); // no such pid
    const lock = await lockDataDir(dir, 'run');
    expect(await readFile(join(dir, 'feedkeeper.lock'), 'utf8')).toBe(`${process.pid}\nrun\n`);
    await lock.release();
  });

  it('says so when the data directory cannot hold a lock file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fk-lock-'));
    const file = join(dir, 'not-a-dir');
    await writeFile(file, 'x');
    await expect(lockDataDir(file, 'run')).rejects.toThrow(/not-a-dir/);
  });
});
