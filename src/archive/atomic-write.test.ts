import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFeedkeeperError } from '../core/index.js';
import { writeFileAtomic } from './index.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedkeeper-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every entry under `root`, relative, so a leftover temporary file shows up by name. */
async function listAll(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true });
  return entries.map(String).sort();
}

describe('writeFileAtomic', () => {
  it('creates missing parent folders and writes the text as UTF-8', async () => {
    const target = join(dir, '12-bbc-news', '2024', '01', 'e163f7dc341dd45d.txt');
    await writeFileAtomic(target, '<!--1-->\n[台风](x)\n------\n\n<p>🎉</p>\n');
    expect(await readFile(target, 'utf8')).toBe('<!--1-->\n[台风](x)\n------\n\n<p>🎉</p>\n');
    expect(await listAll(dir)).toEqual([
      '12-bbc-news', '12-bbc-news/2024', '12-bbc-news/2024/01', '12-bbc-news/2024/01/e163f7dc341dd45d.txt',
    ]);
  });

  it('writes bytes exactly', async () => {
    const target = join(dir, 'raw.bin');
    const bytes = new Uint8Array([0, 0xff, 0x0d, 0x0a, 0xe4, 0xb8, 0xad]);
    await writeFileAtomic(target, bytes);
    expect(new Uint8Array(await readFile(target))).toEqual(bytes);
  });

  it('replaces an existing file and leaves no temporary file', async () => {
    const target = join(dir, 'a.txt');
    await writeFileAtomic(target, 'first version, rather longer than the second\n');
    await writeFileAtomic(target, 'second\n');
    expect(await readFile(target, 'utf8')).toBe('second\n');
    expect(await listAll(dir)).toEqual(['a.txt']);
  });

  it('writes an empty file', async () => {
    const target = join(dir, 'empty.txt');
    await writeFileAtomic(target, '');
    expect(await readFile(target, 'utf8')).toBe('');
  });

  it('concurrent writers to one path leave one whole version and no temporary files', async () => {
    const target = join(dir, 'race.txt');
    const versions = Array.from({ length: 20 }, (_, i) => `version ${i} `.repeat(2000));
    await Promise.all(versions.map((v) => writeFileAtomic(target, v)));
    expect(versions).toContain(await readFile(target, 'utf8'));
    expect(await listAll(dir)).toEqual(['race.txt']);
  });

  // Tests run as root, where chmod does not stop writes; a folder path that runs through a regular
  // file fails the same way for everyone (ENOTDIR).
  it('a folder that is really a file gives a STORE_IO error naming the path and the cause', async () => {
    await writeFile(join(dir, 'blocker'), 'I am a file');
    const target = join(dir, 'blocker', '2024', 'a.txt');
    const error = await writeFileAtomic(target, 'x').then(() => undefined, (err: unknown) => err);
    expect(isFeedkeeperError(error, 'STORE_IO')).toBe(true);
    expect((error as Error).message).toBe(
      `write ${target}: creating the folder ${join(dir, 'blocker', '2024')}: a parent in the path is a file, not a directory (ENOTDIR)`,
    );
    expect((error as Error).cause).toMatchObject({ code: 'ENOTDIR' });
    expect(await listAll(dir)).toEqual(['blocker']);
  });

  it('a target that is a folder fails at the rename and removes its temporary file', async () => {
    const target = join(dir, 'taken.txt');
    await mkdir(target);
    const write = writeFileAtomic(target, 'x');
    await expect(write).rejects.toThrow(/^write .*taken\.txt: renaming .*\.taken\.txt\.[0-9a-f]{12}\.tmp over it: the path is a directory, not a file \(EISDIR\)$/);
    expect(await listAll(dir)).toEqual(['taken.txt']);
  });
});
