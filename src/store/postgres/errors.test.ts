import { describe, expect, it } from 'vitest';
import { FeedkeeperError } from '../../core/index.js';
import { isRetryable, mapPostgresError, redactUrl } from './errors.js';

const DB = 'postgres://feedkeeper:[redacted]@db.lan:5432/archive';

/** Errors shaped as pg reports them: a server error carries its SQLSTATE, a failed connection Node's errno, both as `code`. */
function pgError(code: string, message = `simulated ${code}`): Error {
  return Object.assign(new Error(message), { code });
}

describe('mapPostgresError', () => {
  it.each([
    ['a full disk', pgError('53100'), 'STORE_IO', `database ${DB}: the server's disk is full; nothing from this refresh was stored (53100)`],
    ['a disk I/O error', pgError('58030'), 'STORE_IO', `database ${DB}: disk input/output error on the server; nothing from this refresh was stored (58030)`],
    ['a read-only server', pgError('25006'), 'STORE_IO', `database ${DB}: cannot write: the server is read-only; nothing from this refresh was stored (25006)`],
    ['a refused password', pgError('28P01'), 'STORE_IO', `database ${DB}: the server refused the sign-in (check the user and password in the URL) (28P01)`],
    ['a missing database', pgError('3D000'), 'STORE_IO', `database ${DB}: no such database on the server (create it first) (3D000)`],
    ['a refused connection', pgError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.9:5432'), 'STORE_IO', `database ${DB}: cannot connect to the server; nothing from this refresh was stored: connect ECONNREFUSED 10.0.0.9:5432 (ECONNREFUSED)`],
    ['a server shutting down', pgError('57P01', 'terminating connection due to administrator command'), 'STORE_IO', `database ${DB}: the connection to the server was lost; nothing from this refresh was stored: terminating connection due to administrator command (57P01)`],
    ['writers that kept conflicting', pgError('40001'), 'STORE_LOCKED', `database ${DB}: other writers kept conflicting with this one; try again; nothing from this refresh was stored (40001)`],
    ['a lock timeout', pgError('55P03'), 'STORE_LOCKED', `database ${DB}: another process holds a lock and did not let go in time; try again; nothing from this refresh was stored (55P03)`],
    ['no free connection slot', pgError('53300'), 'STORE_LOCKED', `database ${DB}: the server has no free connection slot; try again; nothing from this refresh was stored (53300)`],
  ])('%s becomes a FeedkeeperError naming the database', (_case, err, code, message) => {
    const mapped = mapPostgresError(err, DB, 'this refresh');
    expect(mapped).toBeInstanceOf(FeedkeeperError);
    expect(mapped).toMatchObject({ code, message, cause: err, details: { database: DB } });
  });

  it.each([
    ['a constraint violation', pgError('23505', 'duplicate key value violates unique constraint "articles_key_key"')],
    ['an error that is not from PostgreSQL', new TypeError('not a database problem')],
  ])('%s passes through unchanged', (_case, err) => {
    expect(mapPostgresError(err, DB)).toBe(err);
  });

  it('counts the tries of a conflict given up on, and leaves out "nothing was stored" for reads', () => {
    expect(mapPostgresError(pgError('40P01'), DB, 'this refresh', 10)).toMatchObject({ message: `database ${DB}: other writers kept conflicting with this one (tried 10 times); try again; nothing from this refresh was stored (40P01)` });
    expect(mapPostgresError(pgError('58030'), DB)).toMatchObject({ message: `database ${DB}: disk input/output error on the server (58030)` });
  });

  it('retries serialization failures and deadlocks only', () => {
    expect(['40001', '40P01', '23505', '53100'].map((code) => isRetryable(pgError(code)))).toEqual([true, true, false, false]);
  });
});

describe('redactUrl', () => {
  it.each([
    ['a user and password', 'postgres://feedkeeper:s3cret@db.lan:5432/archive', 'postgres://feedkeeper:[redacted]@db.lan:5432/archive'],
    ['a password alone', 'postgresql://:s3cret@db.lan/archive', 'postgresql://:[redacted]@db.lan/archive'],
    ['a user alone', 'postgres://feedkeeper@db.lan/archive', 'postgres://feedkeeper@db.lan/archive'],
    ['a socket directory', 'postgres:///archive?host=/run/postgresql', 'postgres:///archive?host=/run/postgresql'],
  ])('shows a URL with %s without the password', (_case, url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });
});
