/**
 * A real, throwaway Debian `redis-server` for the BullMQ tests: loopback only, a free port, no
 * persistence (`--save '' --appendonly no`) in a temporary directory, and `noeviction` unless the
 * test asks for another policy. It runs as an unprivileged user even when the tests run as root
 * (nobody), and stop() kills it and removes the directory.
 * .ci/run installs redis-server, so under CI a missing binary fails the tests; elsewhere they are
 * skipped with a message saying how to run them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServer {
  readonly url: string;
  readonly port: number;
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

export async function startRedisServer(opts: { maxmemoryPolicy?: string } = {}): Promise<RedisServer> {
  // A port found free can be taken before redis binds it; another try takes another port.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(await freePort(), opts.maxmemoryPolicy ?? 'noeviction');
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

async function startOnce(port: number, policy: string): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'feedkeeper-redis-'));
  const user = unprivilegedUser();
  if (user !== null) chownSync(dir, user.uid, user.gid);
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir, '--maxmemory-policy', policy, '--logfile', ''];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}) });
  try {
    await untilReady(child);
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once redis logs that it accepts connections; rejects with its output if it exits first. */
function untilReady(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server not ready after ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

/** The tests may run as root (CI containers); the server they start must not. */
function unprivilegedUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('nobody:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error('running as root and /etc/passwd has no "nobody" to run redis-server as');
  return { uid: Number(uid), gid: Number(gid) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
