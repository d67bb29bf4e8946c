/**
 * The rotating WARC files under `<data-dir>/warc/YYYY/MM/`. A process never appends to a file an
 * earlier process wrote: it starts its own at the first write, so only the newest file can have
 * been cut by a crash. A file is closed and the next begun when a write would pass the size cap
 * (a record larger than the cap gets a file of its own).
 */
import { mkdir, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { serialize, warcinfoRecord } from './records.js';

export interface AppendedAt {
  filename: string; // relative to the warc directory
  offset: number;
}

export interface RotatingFiles {
  /** Appends the members as one write; returns where the first one starts. */
  append(members: readonly Uint8Array[]): Promise<AppendedAt>;
  close(): Promise<void>;
}

export function rotatingFiles(dir: string, maxFileBytes: number, now: () => Date): RotatingFiles {
  let handle: FileHandle | null = null;
  let filename = '';
  let size = 0;
  let infoSize = 0;
  let seq = 0;

  async function begin(): Promise<void> {
    await handle?.close();
    const date = now();
    const iso = date.toISOString();
    const sub = join(iso.slice(0, 4), iso.slice(5, 7));
    await mkdir(join(dir, sub), { recursive: true });
    seq += 1;
    filename = join(sub, `feedkeeper-${iso.replace(/[^0-9]/g, '').slice(0, 17)}-${String(seq).padStart(5, '0')}.warc.gz`);
    handle = await open(join(dir, filename), 'wx');
    const info = await serialize(warcinfoRecord(filename.split('/').pop() ?? filename, iso));
    await handle.write(info.bytes);
    size = info.bytes.length;
    infoSize = size;
  }

  return {
    async append(members) {
      const total = members.reduce((n, m) => n + m.length, 0);
      if (handle === null || (size + total > maxFileBytes && size > infoSize)) await begin();
      const offset = size;
      const bytes = Buffer.concat(members);
      await (handle as FileHandle).write(bytes);
      size += bytes.length;
      if (size >= maxFileBytes) {
        await handle?.close();
        handle = null;
      }
      return { filename, offset };
    },
    async close() {
      await handle?.close();
      handle = null;
    },
  };
}

/** Reads only the bytes asked for (fewer at the end of the file): WARC files run to a gigabyte. */
export async function readRange(path: string, offset: number, length: number): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await file.read(buffer, 0, length, offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
