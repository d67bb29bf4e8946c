/**
 * Turns PostgreSQL failures into FeedkeeperError with the database in the message (its URL with
 * the password redacted), the way store/sqlite/errors.ts does for SQLite: a full disk, an I/O
 * error, a refused sign-in, a missing database, lost connections and permissions become STORE_IO;
 * writers that kept conflicting (serialization failures and deadlocks after every retry, lock
 * timeouts, no free connection slot) become STORE_LOCKED. Anything else (a constraint this code
 * did not expect, a bug) is rethrown untouched: it is not the database's fault.
 */
import { FeedkeeperError } from '../../core/index.js';

/** The URL as people may see it: the password, if any, replaced by [redacted] (as config/ shows it). */
export function redactUrl(url: string): string {
  // By hand rather than through URL, which would percent-encode the brackets.
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/:]*):[^@/]*@/i, '$1$2:[redacted]@');
}

/** SQLSTATE of a server error ('53100'), or the errno of a failed connection ('ECONNREFUSED'). */
function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  return typeof err.code === 'string' ? err.code : undefined;
}

/** 23505: under READ COMMITTED, what a concurrent insert of the same key looks like to the one that waited. */
export function isUniqueViolation(err: unknown): boolean {
  return errorCode(err) === '23505';
}

/** Which key a unique violation was on: its constraint and the values ("Key (key)=(storm-0) already exists."). */
export function violatedKey(err: unknown): string {
  const field = (name: 'constraint' | 'detail'): string => {
    const value = typeof err === 'object' && err !== null && name in err ? (err as Record<string, unknown>)[name] : undefined;
    return typeof value === 'string' ? value : '';
  };
  return `${field('constraint')} ${field('detail')}`;
}

/** Serialization failure or deadlock: the transaction may simply be run again. */
export function isRetryable(err: unknown): boolean {
  const code = errorCode(err);
  return code === '40001' || code === '40P01';
}

/** `lost` names what a failed write would have stored ("nothing from {lost} was stored"); omit it for reads. */
export function mapPostgresError(err: unknown, database: string, lost?: string, attempts?: number): unknown {
  if (err instanceof FeedkeeperError) return err;
  const code = errorCode(err);
  if (code === undefined) return err;
  const described = describe(code, lost, attempts);
  if (described === undefined) return err;
  const reason = err instanceof Error && described.withReason ? `: ${err.message}` : '';
  return new FeedkeeperError(described.code, `database ${database}: ${described.words}${reason} (${code})`, {
    cause: err,
    details: { database, sqlState: code },
  });
}

interface Described { code: 'STORE_IO' | 'STORE_LOCKED'; words: string; withReason?: boolean }

function conflicted(attempts: number | undefined, nothingStored: string): Described {
  return { code: 'STORE_LOCKED', words: `other writers kept conflicting with this one${attempts === undefined ? '' : ` (tried ${attempts} time${attempts === 1 ? '' : 's'})`}; try again${nothingStored}` };
}

function describe(code: string, lost: string | undefined, attempts: number | undefined): Described | undefined {
  const nothingStored = lost === undefined ? '' : `; nothing from ${lost} was stored`;
  switch (code) {
    case '23505':
      // A unique violation is a lost race only when writes were retried; otherwise it is the repo's own to report.
      return attempts === undefined ? undefined : conflicted(attempts, nothingStored);
    case '40001':
    case '40P01':
      return conflicted(attempts, nothingStored);
    case '55P03':
      return { code: 'STORE_LOCKED', words: `another process holds a lock and did not let go in time; try again${nothingStored}` };
    case '53300':
      return { code: 'STORE_LOCKED', words: `the server has no free connection slot; try again${nothingStored}` };
    case '53100':
      return { code: 'STORE_IO', words: `the server's disk is full${nothingStored}` };
    case '58030':
      return { code: 'STORE_IO', words: `disk input/output error on the server${nothingStored}` };
    case '25006':
      return { code: 'STORE_IO', words: `cannot write: the server is read-only${nothingStored}` };
    case '42501':
      return { code: 'STORE_IO', words: `permission denied${nothingStored}`, withReason: true };
    case '28000':
    case '28P01':
      return { code: 'STORE_IO', words: 'the server refused the sign-in (check the user and password in the URL)' };
    case '3D000':
      return { code: 'STORE_IO', words: 'no such database on the server (create it first)' };
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return { code: 'STORE_IO', words: `cannot connect to the server${nothingStored}`, withReason: true };
    case 'ECONNRESET':
    case 'EPIPE':
    case '57P01':
    case '57P02':
    case '57P03':
      return { code: 'STORE_IO', words: `the connection to the server was lost${nothingStored}`, withReason: true };
    default:
      return code.startsWith('08') ? { code: 'STORE_IO', words: `the connection to the server failed${nothingStored}`, withReason: true } : undefined;
  }
}
