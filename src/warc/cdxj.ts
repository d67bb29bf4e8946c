/**
 * The CDXJ index: one line per response or revisit, `<SURT> <YYYYMMDDhhmmss> {json}`, appended
 * as records are written. One index for the whole archive (not one per file) so a URL's captures
 * are found by reading one file; it is loaded into memory at start, which is small next to the
 * WARCs it points into (about 300 bytes a capture).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getSurt } from 'warcio';

export interface CaptureEntry {
  url: string;
  /** Payload digest (`sha256:<hex>`); for a revisit, the digest of the payload it stands for. */
  digest: string;
  status: number;
  mime: string;
  /** Path of the WARC file relative to the warc directory. */
  filename: string;
  offset: number;
  length: number;
  /** ISO date of the capture (WARC-Date). */
  date: string;
  /** WARC-Record-ID: what a revision names as the response it came from. */
  recordId: string;
  type: 'response' | 'revisit' | 'resource';
  /** For a revisit: the record it refers to. */
  refersTo?: string;
}

export function toCdxjLine(entry: CaptureEntry): string {
  return `${surtOf(entry.url)} ${timestamp14(entry.date)} ${JSON.stringify(entry)}\n`;
}

function parseCdxjLine(line: string): CaptureEntry | null {
  const brace = line.indexOf('{');
  if (brace < 0) return null;
  try {
    return JSON.parse(line.slice(brace)) as CaptureEntry;
  } catch {
    return null; // a line cut by a crash; its WARC record is still in the file
  }
}

function surtOf(url: string): string {
  try {
    return getSurt(url);
  } catch {
    return url;
  }
}

function timestamp14(iso: string): string {
  return iso.replace(/[^0-9]/g, '').slice(0, 14);
}

/** The index as it is on disk, read without opening the archive (which would repair its newest file). */
export async function readCaptureIndex(dir: string): Promise<CaptureEntry[]> {
  const text = await readFile(join(dir, 'index.cdxj'), 'utf8').catch(() => '');
  return text.split('\n').flatMap((line) => {
    const entry = line ? parseCdxjLine(line) : null;
    return entry ? [entry] : [];
  });
}
