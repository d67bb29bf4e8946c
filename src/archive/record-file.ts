/**
 * Record files on disk: read one (strict UTF-8, then parseRecord) and list every record file under
 * a folder in a stable order for import. Writing goes through formatRecord + writeFileAtomic.
 *
 * Listing order: folders and files by name (UTF-16 code units, so zero-padded years and months sort
 * by time), except that an article's revisions follow it in number order: `ab.txt`, `ab.r1.txt`,
 * `ab.r2.txt`, …, `ab.r10.txt`. Only regular files (or links to them) named `*.txt` are listed; hidden
 * entries (`.name`, which includes our temporary files) are skipped, and links to folders are not
 * followed, so a link loop cannot make the walk endless.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { join } from 'node:path';
import { FeedkeeperError } from '../core/index.js';
import { storeIoError } from './io-error.js';
import { parseRecord } from './record.js';
import type { ArchiveRecord } from './record.js';

export async function readRecordFile(path: string): Promise<ArchiveRecord> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw storeIoError('read', path, err);
  }
  return parseRecord(decodeUtf8(bytes, path), path);
}

// fatal: invalid bytes would otherwise become U+FFFD and be written back changed.
// ignoreBOM: keep a BOM in the text so parseRecord reports it instead of it vanishing.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array, path: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch (err) {
    const line = firstInvalidLine(bytes);
    throw new FeedkeeperError('RECORD_MALFORMED', `${path}: line ${line}: expected UTF-8 text, got bytes that are not valid UTF-8`, {
      cause: err,
      details: { where: path, line },
    });
  }
}

/** Only called once decoding has failed, to say where: decodes line by line until one fails. */
function firstInvalidLine(bytes: Uint8Array): number {
  let start = 0;
  for (let line = 1; ; line++) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline;
    try {
      strictUtf8.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    if (newline < 0) return line;
    start = newline + 1;
  }
}

/** Every `*.txt` under `dir` (joined onto `dir`), in the order described above. */
export async function* walkRecordFiles(dir: string): AsyncGenerator<string> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw storeIoError('list', dir, err);
  }
  const visible = entries.filter((e) => !e.name.startsWith('.')).sort((a, b) => compareNames(a.name, b.name));
  for (const entry of visible) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      yield* walkRecordFiles(path);
    } else if (entry.name.endsWith('.txt') && (entry.isFile() || (entry.isSymbolicLink() && (await isLinkToFile(path))))) {
      yield path;
    }
  }
}

async function isLinkToFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch (err) {
    throw storeIoError('list', path, err, 'following the link');
  }
}

const REVISION_NAME = /^(.*)\.r([1-9][0-9]*)\.txt$/;

/** Names by code units, except `x.txt` < `x.r1.txt` < `x.r2.txt` < `x.r10.txt`. */
function compareNames(a: string, b: string): number {
  const [stemA, revA] = splitRevision(a);
  const [stemB, revB] = splitRevision(b);
  if (stemA !== stemB) return stemA < stemB ? -1 : 1;
  return revA - revB;
}

function splitRevision(name: string): [string, number] {
  const match = REVISION_NAME.exec(name);
  if (match?.[1] !== undefined && match[2] !== undefined) return [`${match[1]}.txt`, Number(match[2])];
  return [name, 0];
}
