/**
 * Start-up repair. Only the newest WARC file can have been cut by a crash (see files.ts), so only
 * it is checked: a file whose last gzip member is incomplete is truncated to its last complete
 * record; a file with no complete record at all is renamed `*.quarantined` and left for a person.
 */
import { readdir, readFile, rename, truncate } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Logger } from '../core/logger.js';
import { scanMembers } from './gzip-members.js';

export interface Repair {
  filename: string; // relative to the warc directory
  /** Bytes kept; 0 when the file was quarantined. */
  keptBytes: number;
}

export async function repairNewest(dir: string, logger: Logger): Promise<Repair | null> {
  const newest = (await warcFiles(dir)).at(-1);
  if (newest === undefined) return null;
  const bytes = await readFile(newest);
  const scan = scanMembers(bytes);
  if (scan.problem === null) return null;
  const filename = relative(dir, newest);
  if (scan.members.length === 0) {
    await rename(newest, `${newest}.quarantined`);
    logger.warn({ file: newest, problem: scan.problem }, 'warc: newest file has no complete record; quarantined');
    return { filename, keptBytes: 0 };
  }
  await truncate(newest, scan.soundBytes);
  logger.warn(
    { file: newest, problem: scan.problem, offset: scan.soundBytes, droppedBytes: bytes.length - scan.soundBytes },
    'warc: newest file ended in a cut record; truncated to its last complete record',
  );
  return { filename, keptBytes: scan.soundBytes };
}

/** Every `.warc.gz` under dir, in name order (which is time order for our own files). */
export async function warcFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return names
    .filter((name) => name.endsWith('.warc.gz'))
    .sort((a, b) => (a.split('/').pop() ?? a).localeCompare(b.split('/').pop() ?? b))
    .map((name) => join(dir, name));
}
