/**
 * A real, throwaway Debian `redis-server` for the BullMQ tests: loopback only, a free port, no
 * persistence (`--save '' --appendonly no`) in a temporary directory, and `noeviction` unless the
 * test asks for another policy. It runs as an unprivileged user even when the tests run as root
 * (nobody), and stop() kills it and removes the directory. No vitest here, so the benches start it too;
 * redis-server-for-file.ts holds the per-test-file helper.
 * .ci/run installs redis-server, so under CI a missing binary fails the tests; elsewhere they are
 * skipped with a message saying how to run them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopChild, unprivilegedUser, untilReady } from './server-process.js';

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** The server's process id (the scale bench reads its CPU time). */
  readonly pid: number;
  stop(): Promise<void>;
}

/** True when the tests can run; under CI a missing redis-server is a failure, elsewhere a skip that says why. */
export function haveRedisServer(): boolean {
  if (spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' }).status === 0) return true;
  const how = 'apt-get install redis-server';
  if (process.env.CI) throw new Error(`the BullMQ queue tests need Debian's redis-server, which .ci/run installs; it is missing (${how})`);
  console.warn(`BullMQ queue tests skipped: redis-server is not installed (${how})`);
  return false;
}

/** `port`: this one (to restart a stopped server where its clients expect it), else a free one. */
export async function startRedisServer(opts: { maxmemoryPolicy?: string; port?: number } = {}): Promise<RedisServer> {
  // A port found free can be taken before redis binds it; another try takes another port.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts.port ?? (await freePort()), opts.maxmemoryPolicy ?? 'noeviction');
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

async function startOnce(port: number, policy: string): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'feedkeeper-redis-'));
  const user = unprivilegedUser('redis-server');
  if (user !== null) chownSync(dir, user.uid, user.gid);
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir, '--maxmemory-policy', policy, '--logfile', ''];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}) });
  try {
    await untilReady(child, 'redis-server', 'Ready to accept connections');
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? 0,
    stop: async () => {
      await stopChild(child, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
