/**
 * Where image files live: `<data-dir>/media/ab/cd/<sha256>`, named by the SHA-256 of their bytes
 * so each is stored once, written atomically (temporary file, fsync, rename: archive/'s
 * writeFileAtomic), never rewritten (same name, same bytes), and read back for serving.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../archive/index.js';

const SHA256 = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
  return SHA256.test(value);
}

function mediaPath(dir: string, sha256: string): string {
  if (!isSha256(sha256)) throw new Error(`not a sha256: ${JSON.stringify(sha256)}`);
  return join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/** Writes the file unless one of that name is already there; true when it wrote. */
export async function writeMediaOnce(dir: string, sha256: string, bytes: Uint8Array): Promise<boolean> {
  const path = mediaPath(dir, sha256);
  if (await exists(path)) return false;
  await writeFileAtomic(path, bytes);
  return true;
}

/** The file's bytes, or null when it is not there (removed by hand, or another data directory). */
export async function readMedia(dir: string, sha256: string): Promise<Buffer | null> {
  if (!isSha256(sha256)) return null;
  return readFile(mediaPath(dir, sha256)).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
}

/**
 * The key that signs feed image URLs: 32 random bytes in `<dir>/.url-key`, made on first use.
 * Created exclusively, so two processes starting at once agree on one (the loser reads it).
 */
export async function mediaUrlKey(dir: string): Promise<Uint8Array> {
  const file = join(dir, '.url-key');
  await mkdir(dir, { recursive: true });
  await writeFile(file, randomBytes(32), { flag: 'wx', mode: 0o600 }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  const key = await readFile(file);
  if (key.length !== 32) throw new Error(`${file}: expected a 32-byte key, found ${key.length} bytes; remove it to make a new one`);
  return key;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return false;
      throw err;
    },
  );
}
