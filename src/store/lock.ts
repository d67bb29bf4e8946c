/**
 * One `feedkeeper run` per data directory. The lock is a file created exclusively, holding the
 * owner's pid; a lock left by a process that no longer exists (a crash, a kill -9) is taken over.
 */
import { open, readFile, rm, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FeedkeeperError } from '../core/index.js';

export interface DataDirLock {
  release(): Promise<void>;
}

export async function lockDataDir(dataDir: string, purpose: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
    throw new FeedkeeperError('STORE_IO', `cannot create the data directory ${dataDir}: ${err.code === 'ENOTDIR' || err.code === 'EEXIST' ? 'a file is in the way' : err.message}`, { cause: err });
  });
  const path = join(dataDir, 'feedkeeper.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${process.pid}\n${purpose}\n`);
      await handle.close();
      return { release: () => rm(path, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new FeedkeeperError('STORE_IO', `cannot create the lock file ${path}: ${(err as Error).message}`, { cause: err });
      }
      const [pidText, owner] = (await readFile(path, 'utf8').catch(() => '')).split('\n');
      const pid = Number(pidText);
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new FeedkeeperError('STORE_LOCKED', `data directory ${dataDir} is in use by another feedkeeper ${owner || 'process'} (pid ${pid}); stop it first or use another --data-dir`);
      }
      await rm(path, { force: true }); // stale: its owner is gone
    }
  }
  throw new FeedkeeperError('STORE_LOCKED', `could not take the lock on ${dataDir}: another process keeps creating ${path}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
