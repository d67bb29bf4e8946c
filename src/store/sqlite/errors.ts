/**
 * Turns SQLite failures into FeedkeeperError with the database file in the message, so a user
 * reads "database data/feedkeeper.db: disk is full; nothing from this refresh was stored (STORE_IO)"
 * instead of a bare SQLITE_FULL. Disk, permission and damaged-file errors become STORE_IO, a
 * database held by another writer becomes STORE_LOCKED. Anything else (a constraint this code did
 * not expect, a bug) is rethrown untouched: it is not the user's disk's fault.
 */
import { FeedkeeperError } from '../../core/index.js';

/** The SQLite result code of a better-sqlite3 error ('SQLITE_FULL', 'SQLITE_IOERR_WRITE'), if any. */
function sqliteCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code = err.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/** A FeedkeeperError for a known SQLite failure, or the error itself when it is not one. */
/** `lost` names what a failed write would have stored ("nothing from {lost} was stored"); omit it for reads. */
export function mapSqliteError(err: unknown, file: string, lost?: string): unknown {
  if (err instanceof FeedkeeperError) return err;
  const code = sqliteCode(err);
  if (code === undefined) return err;
  const described = describeSqliteCode(code, lost);
  if (described === undefined) return err;
  return new FeedkeeperError(described.code, `database ${file}: ${described.words} (${code})`, {
    cause: err,
    details: { file, sqliteCode: code },
  });
}

function describeSqliteCode(code: string, lost: string | undefined): { code: 'STORE_IO' | 'STORE_LOCKED'; words: string } | undefined {
  const nothingStored = lost === undefined ? '' : `; nothing from ${lost} was stored`;
  // Extended codes refine a primary one: SQLITE_IOERR_WRITE is an SQLITE_IOERR.
  const base = code.split('_').slice(0, 2).join('_');
  switch (base) {
    case 'SQLITE_FULL':
      return { code: 'STORE_IO', words: `disk is full${nothingStored}` };
    case 'SQLITE_IOERR':
      return { code: 'STORE_IO', words: `disk input/output error${nothingStored}` };
    case 'SQLITE_READONLY':
      return { code: 'STORE_IO', words: `cannot write: the file or its directory is read-only or not writable${nothingStored}` };
    case 'SQLITE_CANTOPEN':
      return { code: 'STORE_IO', words: 'cannot open the file: its directory is missing, read-only or not writable, or the path is a directory' };
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return { code: 'STORE_IO', words: `permission denied${nothingStored}` };
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return { code: 'STORE_IO', words: 'the file is not a SQLite database or is damaged' };
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return { code: 'STORE_LOCKED', words: `another process is writing and did not finish in time; try again${nothingStored}` };
    default:
      return undefined;
  }
}

/** The message for a database whose parent folder cannot be created (e.g. a path segment is a file). */
export function directoryError(file: string, dir: string, err: unknown): FeedkeeperError {
  const errno = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'unknown';
  const reason =
    errno === 'ENOTDIR' || errno === 'EEXIST'
      ? `${dir} (or a folder above it) is a regular file, not a directory`
      : `the directory ${dir} is read-only or not writable`;
  return new FeedkeeperError('STORE_IO', `database ${file}: cannot create its directory: ${reason} (${errno})`, {
    cause: err,
    details: { file, dir, errno },
  });
}
