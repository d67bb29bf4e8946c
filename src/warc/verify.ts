/**
 * Checks WARC files record by record without trusting anything in them: every gzip member must be
 * complete and inflate with a good CRC, every record must hold the block its Content-Length says,
 * and the WARC-Block-Digest and WARC-Payload-Digest it states must be those of its bytes (sha1,
 * sha256 or sha512, hex or base32, whatever the writer used). The framing is read here by hand,
 * not by warcio, so a record warcio wrote is checked by code that did not write it.
 * Answers with every problem and the sha256 payload digests of the responses that checked out,
 * which is what a revision's chain names.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { readRange } from './files.js';
import { inflateMember, memberLength, scanMembers } from './gzip-members.js';
import { digestOf } from './records.js';
import { warcFiles } from './repair.js';

export interface WarcProblem {
  /** Relative to the warc directory. */
  file: string;
  /** Compressed offset of the record (or of the cut). */
  offset: number;
  kind: 'truncated' | 'corrupt' | 'block-digest' | 'payload-digest';
  detail: string;
  recordId: string | null;
  expected?: string;
  found?: string;
}

export interface WarcCheck {
  files: number;
  records: number;
  problems: WarcProblem[];
  /** `sha256:<hex>` of every response payload whose record checked out. */
  payloads: Set<string>;
}

interface ParsedRecord {
  headers: Map<string, string>;
  /** Offsets into the uncompressed record. */
  blockStart: number;
  blockLength: number;
  /** Where the HTTP payload starts inside the record (application/http blocks), else blockStart. */
  payloadStart: number;
}

const CRLF2 = Buffer.from('\r\n\r\n');

/** Checks every `.warc.gz` under dir; `onFile` hears of each file as it is done. */
export async function verifyWarcFiles(dir: string, onFile?: (file: string, records: number) => void): Promise<WarcCheck> {
  const check: WarcCheck = { files: 0, records: 0, problems: [], payloads: new Set() };
  for (const path of await warcFiles(dir)) {
    const file = relative(dir, path);
    const records = checkFile(file, await readFile(path), check);
    check.files++;
    check.records += records;
    onFile?.(file, records);
  }
  return check;
}

/**
 * Checks only the records at these places (one article's captures, from the CDXJ index), reading
 * just their bytes, so `verify --article` does not read every WARC file of the archive.
 */
export async function verifyWarcRecords(dir: string, places: readonly { filename: string; offset: number; length: number }[]): Promise<WarcCheck> {
  const check: WarcCheck = { files: new Set(places.map((p) => p.filename)).size, records: 0, problems: [], payloads: new Set() };
  for (const place of places) {
    // A little past the indexed length, so a member rewritten to another length is still read whole.
    // A missing file reads as nothing, which the checks below report as a cut record.
    const bytes = await readRange(join(dir, place.filename), place.offset, place.length + 64 * 1024).catch(() => Buffer.alloc(0));
    const member = inflateMember(bytes, 0, true);
    if (typeof member === 'string') {
      check.problems.push({ file: place.filename, offset: place.offset, kind: bytes.length < place.length ? 'truncated' : 'corrupt', detail: member, recordId: null });
      continue;
    }
    check.records++;
    checkRecord(place.filename, place.offset, member.data, check);
  }
  return check;
}


function checkFile(file: string, bytes: Buffer, check: WarcCheck): number {
  let records = 0;
  let offset = 0;
  while (offset < bytes.length) {
    const member = inflateMember(bytes, offset, true);
    if (typeof member === 'string') {
      const kind = member.includes('CRC32') || member === 'not a gzip member' ? 'corrupt' : 'truncated';
      const detail = kind === 'truncated' ? `${member}: ${bytes.length - offset} byte(s) after the last complete record` : member;
      check.problems.push({ file, offset, kind, detail, recordId: null });
      if (kind === 'truncated' || member === 'not a gzip member') break;
      // A bad CRC still told where the member ends: go on with the next one.
      const length = memberLength(bytes, offset);
      if (typeof length === 'string') break;
      offset += length;
      continue;
    }
    records++;
    checkRecord(file, offset, member.data, check);
    offset += member.length;
  }
  return records;
}

function checkRecord(file: string, offset: number, raw: Buffer, check: WarcCheck): void {
  const parsed = parseRecord(raw);
  if (typeof parsed === 'string') {
    check.problems.push({ file, offset, kind: 'corrupt', detail: parsed, recordId: null });
    return;
  }
  const { headers, blockStart, blockLength, payloadStart } = parsed;
  const recordId = headers.get('warc-record-id') ?? null;
  const problem = (kind: WarcProblem['kind'], detail: string, expected?: string, found?: string) =>
    check.problems.push({ file, offset, kind, detail, recordId, ...(expected !== undefined ? { expected, found } : {}) });
  const block = raw.subarray(blockStart, blockStart + blockLength);
  const stated = headers.get('warc-block-digest');
  if (stated !== undefined) {
    const found = digestLike(stated, block);
    if (found !== stated) problem('block-digest', 'WARC-Block-Digest does not match the record’s block', stated, found);
  }
  const type = headers.get('warc-type');
  if (type !== 'response' && type !== 'resource') return;
  const payload = raw.subarray(payloadStart, blockStart + blockLength);
  const statedPayload = headers.get('warc-payload-digest');
  if (statedPayload !== undefined) {
    const found = digestLike(statedPayload, payload);
    if (found !== statedPayload) {
      problem('payload-digest', 'WARC-Payload-Digest does not match the record’s payload', statedPayload, found);
      return;
    }
  }
  check.payloads.add(digestOf(payload));
}

export interface LocatedPayload {
  recordId: string;
  url: string;
  date: string;
  /** `sha256:<hex>` of the payload. */
  digest: string;
  /** Where the payload lies in the file's uncompressed bytes (what `zcat` prints). */
  offset: number;
  length: number;
}

/** The response payloads of a WARC file written one gzip member per record, located for shell tools. */
export function locatePayloads(file: Uint8Array): LocatedPayload[] {
  const out: LocatedPayload[] = [];
  let at = 0;
  for (const member of scanMembers(file, { keepData: true }).members) {
    const raw = member.data;
    const parsed = parseRecord(raw);
    if (typeof parsed !== 'string' && parsed.headers.get('warc-type') === 'response') {
      const end = parsed.blockStart + parsed.blockLength;
      out.push({
        recordId: parsed.headers.get('warc-record-id') ?? '',
        url: parsed.headers.get('warc-target-uri') ?? '',
        date: parsed.headers.get('warc-date') ?? '',
        digest: digestOf(raw.subarray(parsed.payloadStart, end)),
        offset: at + parsed.payloadStart,
        length: end - parsed.payloadStart,
      });
    }
    at += raw.length;
  }
  return out;
}

/** The WARC headers, and where the block and its payload are, or why the record cannot be read. */
function parseRecord(raw: Buffer): ParsedRecord | string {
  const end = raw.indexOf(CRLF2);
  if (end < 0 || !raw.subarray(0, 5).equals(Buffer.from('WARC/'))) return 'not a WARC record (no "WARC/" version line and headers)';
  const headers = new Map<string, string>();
  for (const line of raw.subarray(0, end).toString('latin1').split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const length = Number(headers.get('content-length'));
  const blockStart = end + 4;
  if (!Number.isSafeInteger(length) || length < 0) return 'no valid Content-Length';
  if (blockStart + length + 4 > raw.length || !raw.subarray(blockStart + length, blockStart + length + 4).equals(CRLF2)) {
    return `record holds ${raw.length - blockStart} byte(s) after its headers; Content-Length says ${length} and CRLF CRLF`;
  }
  let payloadStart = blockStart;
  if ((headers.get('content-type') ?? '').startsWith('application/http')) {
    const httpEnd = raw.subarray(blockStart, blockStart + length).indexOf(CRLF2);
    payloadStart = httpEnd < 0 ? blockStart + length : blockStart + httpEnd + 4;
  }
  return { headers, blockStart, blockLength: length, payloadStart };
}

/** The digest of `bytes` spelled like `stated` (algorithm, hex or base32, case). */
function digestLike(stated: string, bytes: Uint8Array): string {
  const colon = stated.indexOf(':');
  const label = stated.slice(0, colon);
  const value = stated.slice(colon + 1);
  const algo = label.toLowerCase().replace('-', '');
  if (!['sha1', 'sha256', 'sha512', 'md5'].includes(algo)) return `${label}:(unknown algorithm)`;
  const digest = createHash(algo).update(bytes).digest();
  const hex = digest.toString('hex');
  if (/^[0-9a-fA-F]+$/.test(value) && value.length === hex.length) return `${label}:${value === value.toUpperCase() ? hex.toUpperCase() : hex}`;
  return `${label}:${base32(digest)}`;
}

function base32(bytes: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}
