/**
 * Failures a test machine cannot produce on demand (a full disk, a read-only mount, a failed fsync)
 * are injected by wrapping node:fs/promises. Everything not faulted goes to the real file system, so
 * each test also checks what is really left on disk.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isFeedkeeperError } from '../core/index.js';
import { writeFileAtomic, writeFilesAtomic } from './index.js';

type Fault = 'open-file' | 'write' | 'sync-file' | 'rename' | 'open-dir' | 'sync-dir';
/** `only`: when set, a fault fires only for paths containing it (one file of a batch). */
const faults = vi.hoisted(() => ({ active: new Map<string, string>(), only: null as string | null }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  const failWith = (where: string, path: string): void => {
    if (faults.only !== null && !path.includes(faults.only)) return;
    const code = faults.active.get(where);
    if (code !== undefined) throw Object.assign(new Error(`${code}: injected failure`), { code });
  };
  const wrapHandle = (handle: FileHandle, isDir: boolean, path: string): FileHandle =>
    new Proxy(handle, {
      get(target, prop, receiver) {
        if (prop === 'writeFile') {
          return async (data: string | Uint8Array) => {
            if (faults.active.has('write')) {
              await target.writeFile(typeof data === 'string' ? data.slice(0, 3) : data.subarray(0, 3)); // a partial write, then the disk is full
              failWith('write', path);
            }
            return target.writeFile(data);
          };
        }
        if (prop === 'sync') {
          return async () => {
            failWith(isDir ? 'sync-dir' : 'sync-file', path);
            return target.sync();
          };
        }
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const open = async (path: string, flags?: string): Promise<FileHandle> => {
    const isDir = flags === 'r';
    failWith(isDir ? 'open-dir' : 'open-file', path);
    return wrapHandle(await real.open(path, flags), isDir, path);
  };
  const rename = async (from: string, to: string): Promise<void> => {
    failWith('rename', from);
    return real.rename(from, to);
  };
  return { ...real, default: { ...real, open, rename }, open, rename };
});

let dir = '';
let target = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedkeeper-faults-'));
  target = join(dir, 'a.txt');
  faults.active.clear();
  faults.only = null;
  await writeFileAtomic(target, 'the old record\n');
});
afterEach(async () => {
  faults.active.clear();
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic under injected failures', () => {
  it.each<[string, Fault, string, RegExp]>([
    ['disk full during the write', 'write', 'ENOSPC', /writing the temporary file .*: no space left on device \(ENOSPC\)$/],
    ['read-only file system', 'open-file', 'EROFS', /creating the temporary file .*: the file system is read-only \(EROFS\)$/],
    ['permission denied', 'open-file', 'EACCES', /creating the temporary file .*: permission denied \(EACCES\)$/],
    ['fsync fails', 'sync-file', 'EIO', /flushing the temporary file .* to disk: input\/output error on the device \(EIO\)$/],
    ['rename refused', 'rename', 'EACCES', /renaming .* over it: permission denied \(EACCES\)$/],
    ['an errno with no words of its own', 'write', 'ESTALE', /writing the temporary file .*: ESTALE: injected failure$/],
  ])('%s: STORE_IO names the path and cause, the old file stays, no temp file is left', async (_case, where, code, message) => {
    faults.active.set(where, code);
    const error = await writeFileAtomic(target, 'the new record, which must not appear half-written\n').then(() => undefined, (err: unknown) => err);
    expect(isFeedkeeperError(error, 'STORE_IO')).toBe(true);
    expect((error as Error).message.startsWith(`write ${target}: `)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).cause).toMatchObject({ code });
    faults.active.clear();
    expect(await readFile(target, 'utf8')).toBe('the old record\n');
    expect(await readdir(dir)).toEqual(['a.txt']);
  });

  it.each<[string, Fault, string]>([
    ['folder cannot be opened (as on Windows)', 'open-dir', 'EISDIR'],
    ['folder fsync not supported', 'sync-dir', 'EINVAL'],
  ])('%s: the write still succeeds', async (_case, where, code) => {
    faults.active.set(where, code);
    await writeFileAtomic(target, 'new\n');
    expect(await readFile(target, 'utf8')).toBe('new\n');
  });

  it('a real I/O error while flushing the folder is reported, with the new file in place', async () => {
    faults.active.set('sync-dir', 'EIO');
    await expect(writeFileAtomic(target, 'new\n')).rejects.toThrow(`write ${target}: flushing the folder ${dir}: input/output error on the device (EIO)`);
    faults.active.clear();
    expect(await readFile(target, 'utf8')).toBe('new\n');
    expect(await readdir(dir)).toEqual(['a.txt']);
  });
});

describe('writeFilesAtomic under injected failures', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ path: join(dir, i % 2 === 0 ? 'even' : 'odd', `r${i}.txt`), data: `record ${i}\n` }));

  it('writes every file of a batch across folders, whole', async () => {
    const files = [...many(20), { path: target, data: 'the new record\n' }];
    await writeFilesAtomic(files);
    for (const f of files) expect(await readFile(f.path, 'utf8')).toBe(f.data);
    expect((await readdir(join(dir, 'even'))).sort()).toEqual(files.filter((f) => f.path.includes('even')).map((f) => f.path.split('/').pop()).sort());
  });

  it.each<[Fault, string]>([
    ['sync-file', 'EIO'],
    ['rename', 'EACCES'],
  ])('%s failing on one file: STORE_IO names that file, the old file stays, no temporary file is left', async (where, code) => {
    const files = [{ path: target, data: 'must not replace the old record\n' }, ...many(12)];
    faults.active.set(where, code);
    faults.only = 'r9.txt';
    const error = await writeFilesAtomic(where === 'rename' ? [...files.slice(1), files[0]!] : files).then(() => undefined, (err: unknown) => err);
    expect(isFeedkeeperError(error, 'STORE_IO')).toBe(true);
    expect((error as Error).message.startsWith(`write ${join(dir, 'odd', 'r9.txt')}: `)).toBe(true);
    faults.active.clear();
    expect(await readFile(target, 'utf8')).toBe('the old record\n');
    const left = [...(await readdir(dir)), ...(await readdir(join(dir, 'even'))), ...(await readdir(join(dir, 'odd')))];
    expect(left.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

