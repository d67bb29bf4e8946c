/**
 * A real, throwaway PostgreSQL from Debian's package for the PostgreSQL store tests: initdb into a
 * temporary directory, loopback only (127.0.0.1 on a free port, its socket in that directory),
 * and fsync, synchronous_commit and full_page_writes off, since nothing here needs to survive a
 * crash. It runs as an unprivileged user even when the tests run as root (initdb refuses root):
 * nobody. stop() kills it and removes the directory. `createDatabase()` gives each suite a fresh
 * database of its own (C collation and UTF-8, so text sorts by code point as on SQLite).
 * .ci/run installs postgresql, so under CI missing server binaries fail the tests; elsewhere they
 * are skipped with a message saying how to run them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, stopChild, unprivilegedUser, untilReady } from './server-process.js';

export interface PostgresServer {
  readonly port: number;
  /** The postmaster's process id; the backends are its children (the scale bench reads their CPU time). */
  readonly pid: number;
  /** A database URL for `database` on this server (the superuser, no password: trust on loopback). */
  url(database?: string): string;
  /**
   * Creates a database with a fresh name and returns its URL: empty, or a copy of `template` (a
   * migrated database makes each test's fresh store cheap; nobody may be connected to it).
   */
  createDatabase(template?: string): Promise<string>;
  /** Drops the database of a URL createDatabase gave (its files would otherwise pile up until stop()). */
  dropDatabase(url: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'feedkeeper';
const HOW = 'apt-get install postgresql';

/** The newest /usr/lib/postgresql/<version>/bin holding initdb and postgres, or null. */
function binDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(root, version, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'postgres'))) return bin;
  }
  return null;
}

/** True when the tests can run; under CI missing server binaries are a failure, elsewhere a skip that says why. */
export function havePostgres(): boolean {
  if (binDir() !== null) return true;
  if (process.env.CI) throw new Error(`the PostgreSQL store tests need Debian's postgresql server (initdb, postgres in /usr/lib/postgresql/<version>/bin), which .ci/run installs; it is missing (${HOW})`);
  console.warn(`PostgreSQL store tests skipped: the postgresql server is not installed (${HOW})`);
  return false;
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = binDir();
  if (bin === null) throw new Error(`no PostgreSQL server binaries under /usr/lib/postgresql (${HOW})`);
  const dir = mkdtempSync(join(tmpdir(), 'feedkeeper-postgres-'));
  const user = unprivilegedUser('postgres');
  try {
    const data = join(dir, 'data');
    const socket = join(dir, 'socket');
    mkdirSync(socket);
    if (user !== null) {
      chownSync(dir, user.uid, user.gid);
      chownSync(socket, user.uid, user.gid);
    }
    const init = spawnSync(join(bin, 'initdb'), ['-D', data, '-U', USER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], { encoding: 'utf8', ...(user ?? {}) });
    if (init.status !== 0) throw new Error(`initdb failed (${init.status ?? init.signal}):\n${init.stdout}${init.stderr}`);
    // A port found free can be taken before postgres binds it; another try takes another port.
    for (let attempt = 1; ; attempt++) {
      try {
        return await startOnce(bin, dir, data, socket, await freePort(), user);
      } catch (err) {
        if (attempt === 3) throw err;
      }
    }
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

async function startOnce(bin: string, dir: string, data: string, socket: string, port: number, user: { uid: number; gid: number } | null): Promise<PostgresServer> {
  const settings = ['listen_addresses=127.0.0.1', `port=${port}`, `unix_socket_directories=${socket}`, 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=200'];
  const child = spawn(join(bin, 'postgres'), ['-D', data, ...settings.flatMap((s) => ['-c', s])], { stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}) });
  try {
    await untilReady(child, 'postgres', 'database system is ready to accept connections', 20_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  const url = (database = 'postgres') => `postgres://${USER}@127.0.0.1:${port}/${database}`;
  return {
    port,
    pid: child.pid ?? 0,
    url,
    createDatabase: async (template = 'template0') => {
      const name = `t_${randomBytes(6).toString('hex')}`;
      await admin(url(), `create database ${name} template ${template} encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`);
      return url(name);
    },
    dropDatabase: async (databaseUrl) => {
      const name = new URL(databaseUrl).pathname.slice(1);
      if (!/^t_[0-9a-f]{12}$/.test(name)) throw new Error(`dropDatabase: ${name} is not a database createDatabase made`);
      await admin(url(), `drop database if exists ${name} with (force)`);
    },
    stop: async () => {
      // SIGQUIT: immediate shutdown, no checkpoint: nothing here is kept.
      await stopChild(child, 'SIGQUIT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs one statement on the maintenance database (CREATE and DROP DATABASE cannot run in a transaction). */
async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
