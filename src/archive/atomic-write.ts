/**
 * Crash-safe file writes for the archive: a reader (or a restart after a crash or power cut) sees
 * either the old file or the whole new one, never half a record.
 *
 * Steps: create the parent folders; write a temporary file in the same folder (so the rename never
 * crosses file systems); fsync it; rename it over the target; fsync the folder so the rename itself
 * is on disk. Temporary files are named `.{name}.{random}.tmp`: hidden, and not `*.txt`, so
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
  const dir = dirname(path);
  await step(path, `creating the folder ${dir}`, () => mkdir(dir, { recursive: true }));

  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await step(path, `creating the temporary file ${temp}`, () => open(temp, 'wx'));
  let isOpen = true;
  try {
    await step(path, `writing the temporary file ${temp}`, () => handle.writeFile(data));
    await step(path, `flushing the temporary file ${temp} to disk`, () => handle.sync());
    isOpen = false;
    await step(path, `closing the temporary file ${temp}`, () => handle.close());
    await step(path, `renaming ${temp} over it`, () => rename(temp, path));
  } catch (err) {
    // Best-effort cleanup: the error being thrown is the one that explains the failure, and a
    // second failure while closing or removing the temporary file would add nothing to it.
    if (isOpen) await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await syncFolder(dir, path);
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
