/**
 * Walks the gzip members of a file without trusting anything after the first bad byte: a WARC
 * written member-per-record is sound up to the end of its last complete member. zlib's raw
 * inflate reports how much input one deflate stream used, which gives each member's end.
 */
import * as zlib from 'node:zlib';
import { inflateRawSync } from 'node:zlib';

// Absent before Node 20.15; looked up so that older 20.x still loads this module.
const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;

export interface MemberScan {
  /** Offsets and lengths of the complete members, in order; with `keepData`, their inflated bytes too. */
  members: { offset: number; length: number; data?: Buffer }[];
  /** End of the last complete member; equals the file size when nothing is broken. */
  soundBytes: number;
  /** Why the scan stopped early, or null. */
  problem: string | null;
}

type Inflated = { offset: number; length: number; data: Buffer };

/** Walks the members, inflating each once; `keepData` keeps what it inflated for the caller (who would otherwise inflate again). */
export function scanMembers(bytes: Uint8Array, opts: { keepData: true }): Omit<MemberScan, 'members'> & { members: Inflated[] };
export function scanMembers(bytes: Uint8Array, opts?: { keepData?: false }): MemberScan;
export function scanMembers(bytes: Uint8Array, opts: { keepData?: boolean } = {}): MemberScan {
  const members: MemberScan['members'] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const member = inflateMember(bytes, offset);
    if (typeof member === 'string') return { members, soundBytes: offset, problem: member };
    members.push(opts.keepData ? { offset, length: member.length, data: member.data } : { offset, length: member.length });
    offset += member.length;
  }
  return { members, soundBytes: offset, problem: null };
}

/** The length of the gzip member at `start`, or why there is none. */
export function memberLength(bytes: Uint8Array, start: number): number | string {
  const member = inflateMember(bytes, start);
  return typeof member === 'string' ? member : member.length;
}

/**
 * The gzip member at `start` inflated once: its length and its bytes, or why it is not whole. With
 * `checkCrc`, a member whose CRC32 or size trailer does not match its bytes is corrupt (zlib.crc32
 * is in Node from 20.15 and 22.2; without it the caller's own digests are the check).
 */
export function inflateMember(bytes: Uint8Array, start: number, checkCrc = false): { length: number; data: Buffer } | string {
  if (bytes[start] !== 0x1f || bytes[start + 1] !== 0x8b || bytes[start + 2] !== 8) return 'not a gzip member';
  const flags = bytes[start + 3] ?? 0;
  let pos = start + 10;
  if (flags & FEXTRA) pos += 2 + ((bytes[pos] ?? 0) | ((bytes[pos + 1] ?? 0) << 8));
  if (flags & FNAME) pos = afterZero(bytes, pos);
  if (flags & FCOMMENT) pos = afterZero(bytes, pos);
  if (flags & FHCRC) pos += 2;
  if (pos >= bytes.length) return 'gzip header cut short';
  let inflated: { buffer: Buffer; engine: { bytesWritten: number } };
  try {
    inflated = inflateRawSync(bytes.subarray(pos), { info: true }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
  } catch {
    return 'gzip member cut short or corrupt';
  }
  const end = pos + inflated.engine.bytesWritten + 8; // CRC32 and ISIZE follow the deflate stream
  if (end > bytes.length) return 'gzip trailer cut short';
  const data = inflated.buffer;
  if (checkCrc && typeof crc32 === 'function') {
    const trailer = Buffer.from(bytes.buffer, bytes.byteOffset + end - 8, 8);
    if (trailer.readUInt32LE(0) !== crc32(data) || trailer.readUInt32LE(4) !== data.length % 2 ** 32) return 'gzip CRC32 or size does not match the member’s bytes';
  }
  return { length: end - start, data };
}

function afterZero(bytes: Uint8Array, pos: number): number {
  const zero = bytes.indexOf(0, pos);
  return zero < 0 ? bytes.length : zero + 1;
}
