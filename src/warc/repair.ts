/**
 * Start-up repair. Only the newest WARC file can have been cut by a crash (see files.ts), so only
 * it is checked: a file whose last gzip member is incomplete is truncated to its last complete
 * record; a file with no complete record at all is renamed `*.quarantined` and left for a person.
 */
import { open, readdir, readFile, rename, truncate } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Logger } from '../core/logger.js';
import { scanMembers } from './gzip-members.js';

export interface Repair {
  filename: string; // relative to the warc directory
  /** Bytes kept; 0 when the file was quarantined. */
  keptBytes: number;
}

/**
 * `soundUpTo` says how far a file is known good (the end of its last indexed record), so a large
 * file is only read from there: a start-up never reads a gigabyte it already vouched for.
 */
export async function repairNewest(dir: string, logger: Logger, soundUpTo: (filename: string) => number = () => 0): Promise<Repair | null> {
  const newest = (await warcFiles(dir)).at(-1);
  if (newest === undefined) return null;
  const filename = relative(dir, newest);
  const from = soundUpTo(filename);
  const bytes = await readFrom(newest, from);
  const tail = scanMembers(bytes);
  if (tail.problem === null) return null;
  const scan = { ...tail, soundBytes: from + tail.soundBytes, complete: from > 0 || tail.members.length > 0 };
  const size = from + bytes.length;
  if (!scan.complete) {
    await rename(newest, `${newest}.quarantined`);
    logger.warn({ file: newest, problem: scan.problem }, 'warc: newest file has no complete record; quarantined');
    return { filename, keptBytes: 0 };
  }
  await truncate(newest, scan.soundBytes);
  logger.warn(
    { file: newest, problem: scan.problem, offset: scan.soundBytes, droppedBytes: size - scan.soundBytes },
    'warc: newest file ended in a cut record; truncated to its last complete record',
  );
  return { filename, keptBytes: scan.soundBytes };
}

async function readFrom(path: string, from: number): Promise<Buffer> {
  if (from === 0) return readFile(path);
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const buffer = Buffer.alloc(Math.max(0, size - from));
    const { bytesRead } = await file.read(buffer, 0, buffer.length, from);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** Every `.warc.gz` under dir, in name order (which is time order for our own files). */
export async function warcFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return names
    .filter((name) => name.endsWith('.warc.gz'))
    .sort((a, b) => (a.split('/').pop() ?? a).localeCompare(b.split('/').pop() ?? b))
    .map((name) => join(dir, name));
}
