/**
 * Reads a WARC file someone else may have written: gzip per record, one gzip stream, or none.
 * warcio parses the records; every record is cut out as its own raw bytes so it can be stored
 * again as one gzip member. The whole file is checked before anything is returned, so a file
 * that is not a WARC or is cut short is refused with its name and the offset where it broke.
 */
import { WARCParser } from 'warcio';
import { FeedkeeperError } from '../core/errors.js';
import { scanMembers } from './gzip-members.js';
import { digestOf } from './records.js';

export interface RawRecord {
  type: string;
  recordId: string;
  url: string;
  date: string;
  /** WARC-Concurrent-To values (a request and its response name each other either way). */
  concurrentTo: string[];
  refersTo: string | null;
  status: number;
  mime: string;
  /** sha256 of the payload, computed here whatever digest the writer used. */
  digest: string;
  /** The record as it was written, uncompressed, with its closing CRLF CRLF. */
  bytes: Uint8Array;
}

const WARC_MAGIC = Buffer.from('WARC/');

export async function readWarcFile(name: string, file: Uint8Array): Promise<RawRecord[]> {
  const raw = decompress(name, file);
  const records: RawRecord[] = [];
  const parser = new WARCParser([raw]);
  let expected = 0;
  for (;;) {
    if (expected < raw.length && !startsWithMagic(raw, expected)) throw bad(name, expected, 'not a WARC record (no "WARC/" version line)');
    let record;
    try {
      record = await parser.parse();
    } catch (err) {
      throw bad(name, expected, `unreadable record: ${(err as Error).message}`);
    }
    if (record === null) break;
    const block = await record.readFully(false);
    const length = parser.recordLength + 4; // warcio's length leaves out the closing CRLF CRLF
    if (parser.offset + length > raw.length) throw bad(name, parser.offset, 'record cut short');
    const bytes = raw.subarray(parser.offset, parser.offset + length);
    records.push(describe(record, bytes, block));
    expected = parser.offset + length;
  }
  if (records.length === 0) throw bad(name, 0, 'not a WARC file (no records)');
  return records;
}

function describe(record: Awaited<ReturnType<typeof WARCParser.parse>> & object, bytes: Uint8Array, payload: Uint8Array): RawRecord {
  const h = record.warcHeaders.headers;
  const http = record.httpHeaders;
  return {
    type: record.warcType ?? '',
    recordId: h.get('WARC-Record-ID') ?? '',
    url: record.warcTargetURI ?? '',
    date: h.get('WARC-Date') ?? '',
    concurrentTo: (h.get('WARC-Concurrent-To') ?? '').split(/[\s,]+/).filter(Boolean),
    refersTo: h.get('WARC-Refers-To') ?? null,
    status: Number(http?.statusCode ?? 0),
    mime: http?.headers.get('content-type') ?? h.get('Content-Type') ?? '',
    digest: digestOf(payload),
    bytes,
  };
}

function decompress(name: string, file: Uint8Array): Buffer {
  if (file[0] !== 0x1f || file[1] !== 0x8b) return Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const scan = scanMembers(file, { keepData: true });
  if (scan.problem !== null) throw bad(name, scan.soundBytes, `${scan.problem} (compressed offset)`);
  return Buffer.concat(scan.members.map((m) => m.data));
}

function startsWithMagic(raw: Buffer, at: number): boolean {
  return raw.subarray(at, at + WARC_MAGIC.length).equals(WARC_MAGIC);
}

function bad(name: string, offset: number, why: string): FeedkeeperError {
  return new FeedkeeperError('WARC_INVALID', `${name}: ${why} at offset ${offset}`, { details: { file: name, offset } });
}
