/**
 * Turns a Node file-system error into FeedkeeperError('STORE_IO') that names the operation, the path
 * and the cause in words, e.g. `write data/12/2024/01/ab.txt: no space left on device (ENOSPC)`.
 * The original error stays attached as `cause`; its errno code is in `details.errno`.
 */
import { FeedkeeperError } from '../core/index.js';

const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a parent in the path is a file, not a directory',
  EISDIR: 'the path is a directory, not a file',
  EEXIST: 'the path already exists',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the file name is too long',
  EIO: 'input/output error on the device',
};

/** The errno code of a Node system error (`'ENOSPC'`), or undefined for anything else. */
export function errnoCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  return typeof err.code === 'string' ? err.code : undefined;
}

function describeIoCause(err: unknown): string {
  const code = errnoCode(err);
  const words = code === undefined ? undefined : CAUSES[code];
  if (words !== undefined) return `${words} (${code})`;
  const message = err instanceof Error ? err.message : String(err);
  return code === undefined || message.includes(code) ? message : `${message} (${code})`;
}

/** `{operation} {path}: [{step}: ]{cause in words}` as a STORE_IO error. */
export function storeIoError(operation: string, path: string, err: unknown, step?: string): FeedkeeperError {
  const errno = errnoCode(err);
  const at = step === undefined ? '' : `${step}: `;
  return new FeedkeeperError('STORE_IO', `${operation} ${path}: ${at}${describeIoCause(err)}`, {
    cause: err,
    details: errno === undefined ? { path } : { path, errno },
  });
}
