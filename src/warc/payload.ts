/**
 * Reading one stored response back: the gzip member at the index entry's offset, parsed by warcio,
 * gives the HTTP status, headers and body as they were captured (bodies are stored decoded, with
 * the framing headers rewritten by records.ts). A revisit is followed to the response it stands for.
 * This is what re-extraction reads instead of the network.
 */
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { WARCParser } from 'warcio';
import { FeedkeeperError } from '../core/errors.js';
import type { CaptureEntry } from './cdxj.js';
import { readRange } from './files.js';

export interface StoredResponse {
  url: string;
  /** WARC-Date of the capture the body came from. */
  date: string;
  /** The response record's WARC-Record-ID. */
  recordId: string;
  /** Its payload digest (`sha256:<hex>`), what the revision chain names. */
  digest: string;
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: Uint8Array;
}

export async function readResponse(dir: string, entry: CaptureEntry): Promise<StoredResponse> {
  const where = `${entry.filename} at offset ${entry.offset}`;
  let raw: Buffer;
  try {
    raw = gunzipSync(await readRange(join(dir, entry.filename), entry.offset, entry.length));
  } catch (err) {
    throw new FeedkeeperError('WARC_INVALID', `the stored response for ${entry.url} (${where}) cannot be read: ${(err as Error).message}`, { cause: err });
  }
  const record = await new WARCParser([raw]).parse();
  if (record === null || record.warcType !== 'response') throw new FeedkeeperError('WARC_INVALID', `${where} is not a response record for ${entry.url}`);
  const body = await record.readFully(false);
  const headers: Record<string, string> = {};
  for (const [name, value] of record.httpHeaders?.headers ?? []) headers[name.toLowerCase()] = value;
  return { url: entry.url, date: entry.date, recordId: entry.recordId, digest: entry.digest, status: Number(record.httpHeaders?.statusCode ?? 0), headers, body };
}

/** The newest 2xx response of a URL, a revisit resolved to the response whose payload it repeats; null when none. */
export function newestResponse(captures: readonly CaptureEntry[], byRecordId: (id: string) => CaptureEntry | undefined): CaptureEntry | null {
  for (let i = captures.length - 1; i >= 0; i--) {
    const entry = captures[i] as CaptureEntry;
    if (entry.type === 'response' && entry.status >= 200 && entry.status < 300) return entry;
    if (entry.type === 'revisit' && entry.refersTo) {
      const base = byRecordId(entry.refersTo);
      if (base && base.type === 'response' && base.status >= 200 && base.status < 300) return base;
    }
  }
  return null;
}
