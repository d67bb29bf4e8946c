import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FeedkeeperError } from '../../core/index.js';
import { mapSqliteError } from './errors.js';

/** Runs `provoke` on a fresh in-memory database and returns what it threw. */
function realSqliteError(provoke: (db: Database.Database) => void): unknown {
  const db = new Database(':memory:');
  try {
    provoke(db);
  } catch (err) {
    return err;
  } finally {
    db.close();
  }
  throw new Error('expected the statement to fail');
}

function fillDisk(db: Database.Database): void {
  db.exec('create table t (b blob)');
  // Cap the database at its current size plus one page: the next big row has nowhere to go.
  db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true })) + 1}`);
  db.prepare('insert into t values (?)').run(Buffer.alloc(200_000));
}

function fakeSqliteError(code: string): Error {
  return Object.assign(new Error(`simulated ${code}`), { code });
}

describe('mapSqliteError', () => {
  it.each([
    ['a full disk', realSqliteError(fillDisk), 'STORE_IO', 'database data/fk.db: disk is full; nothing from this refresh was stored (SQLITE_FULL)'],
    ['a disk I/O error', fakeSqliteError('SQLITE_IOERR_WRITE'), 'STORE_IO', 'database data/fk.db: disk input/output error; nothing from this refresh was stored (SQLITE_IOERR_WRITE)'],
    ['a read-only file', fakeSqliteError('SQLITE_READONLY'), 'STORE_IO', 'database data/fk.db: cannot write: the file or its directory is read-only or not writable; nothing from this refresh was stored (SQLITE_READONLY)'],
    ['a file that cannot be opened', fakeSqliteError('SQLITE_CANTOPEN'), 'STORE_IO', 'database data/fk.db: cannot open the file: its directory is missing, read-only or not writable, or the path is a directory (SQLITE_CANTOPEN)'],
    ['a busy database', fakeSqliteError('SQLITE_BUSY'), 'STORE_LOCKED', 'database data/fk.db: another process is writing and did not finish in time; try again; nothing from this refresh was stored (SQLITE_BUSY)'],
  ])('%s becomes a FeedkeeperError naming the file', (_case, err, code, message) => {
    const mapped = mapSqliteError(err, 'data/fk.db', 'this refresh');
    expect(mapped).toBeInstanceOf(FeedkeeperError);
    expect(mapped).toMatchObject({ code, message, cause: err });
  });

  it.each([
    ['a constraint violation', realSqliteError((db) => db.exec('create table t (k text unique); insert into t values (1), (1);'))],
    ['an error that is not from SQLite', new TypeError('not a database problem')],
  ])('%s passes through unchanged', (_case, err) => {
    expect(mapSqliteError(err, 'data/fk.db')).toBe(err);
  });

  it('leaves out "nothing was stored" for reads', () => {
    expect(mapSqliteError(fakeSqliteError('SQLITE_IOERR_READ'), 'fk.db')).toMatchObject({ message: 'database fk.db: disk input/output error (SQLITE_IOERR_READ)' });
  });
});
