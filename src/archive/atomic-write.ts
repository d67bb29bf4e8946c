/**
 * Crash-safe file writes for the archive: a reader (or a restart after a crash or power cut) sees
 * either the old file or the whole new one, never half a record.
 *
 * Steps: create the parent folders; write a temporary file in the same folder (so the rename never
 * crosses file systems); fsync it; rename it over the target; fsync the folder so the rename itself
 * is on disk (writeFilesAtomic: many files, each folder flushed once). Temporary files are named `.{name}.{random}.tmp`: hidden, and not `*.txt`, so
 * walkRecordFiles never picks one up. On any failure the temporary file is removed and the target is
 * left as it was; the error is FeedkeeperError('STORE_IO') naming the target, the failed step and the
 * cause in words.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errnoCode, storeIoError } from './io-error.js';

/** Platforms where a folder cannot be opened or fsynced (Windows, some network file systems). */
const DIR_FSYNC_UNSUPPORTED = new Set(['EISDIR', 'EPERM', 'EACCES', 'EINVAL', 'ENOTSUP', 'EBADF']);

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await writeFilesAtomic([{ path, data }]);
}

export interface FileToWrite {
  path: string;
  data: string | Uint8Array;
}

/** Temporary files written and flushed at a time by writeFilesAtomic (the disk sets the pace). */
const PARALLEL_FLUSHES = 8;

/**
 * writeFileAtomic for many files at once, with the same guarantee for each (the old file or the
 * whole new one) for less disk work: every folder is created once, the temporary files are
 * written and flushed a few at a time, renamed, and then each folder is flushed once, not once per
 * file. A failure removes the temporary files not yet renamed and names the file it failed on;
 * the files renamed before it are whole, as after a crash, and writing them again is harmless.
 */
export async function writeFilesAtomic(files: readonly FileToWrite[]): Promise<void> {
  const dirs = new Map<string, string>();
  for (const f of files) if (!dirs.has(dirname(f.path))) dirs.set(dirname(f.path), f.path);
  for (const [dir, path] of dirs) await step(path, `creating the folder ${dir}`, () => mkdir(dir, { recursive: true }));

  const temps: Array<{ path: string; temp: string }> = [];
  let renamed = 0;
  try {
    for (let i = 0; i < files.length; i += PARALLEL_FLUSHES) {
      const batch = files.slice(i, i + PARALLEL_FLUSHES).map((f) => ({ ...f, temp: join(dirname(f.path), `.${basename(f.path)}.${randomBytes(6).toString('hex')}.tmp`) }));
      // Listed before they are created, so a failure part-way still removes every one of them.
      temps.push(...batch);
      const written = await Promise.allSettled(batch.map((f) => writeTemp(f.path, f.temp, f.data)));
      const failed = written.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
    for (const { path, temp } of temps) {
      await step(path, `renaming ${temp} over it`, () => rename(temp, path));
      renamed += 1;
    }
  } catch (err) {
    // Best-effort cleanup: the error being thrown is the one that explains the failure, and a
    // second failure while removing a temporary file would add nothing to it.
    await Promise.all(temps.slice(renamed).map(({ temp }) => unlink(temp).catch(() => undefined)));
    throw err;
  }
  for (const [dir, path] of dirs) await syncFolder(dir, path);
}

/** Creates, writes, flushes and closes one temporary file. */
async function writeTemp(path: string, temp: string, data: string | Uint8Array): Promise<void> {
  const handle = await step(path, `creating the temporary file ${temp}`, () => open(temp, 'wx'));
  let isOpen = true;
  try {
    await step(path, `writing the temporary file ${temp}`, () => handle.writeFile(data));
    await step(path, `flushing the temporary file ${temp} to disk`, () => handle.sync());
    isOpen = false;
    await step(path, `closing the temporary file ${temp}`, () => handle.close());
  } finally {
    if (isOpen) await handle.close().catch(() => undefined);
  }
}

async function step<T>(path: string, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw storeIoError('write', path, err, what);
  }
}

/** Makes the rename durable. Skipped where the platform cannot fsync a folder. */
async function syncFolder(dir: string, path: string): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(dir, 'r');
  } catch (err) {
    if (DIR_FSYNC_UNSUPPORTED.has(errnoCode(err) ?? '')) return;
    throw storeIoError('write', path, err, `opening the folder ${dir} to flush it`);
  }
  try {
    await handle.sync();
  } catch (err) {
    if (!DIR_FSYNC_UNSUPPORTED.has(errnoCode(err) ?? '')) throw storeIoError('write', path, err, `flushing the folder ${dir}`);
  } finally {
    await handle.close().catch(() => undefined); // read-only handle: nothing to lose on close
  }
}
