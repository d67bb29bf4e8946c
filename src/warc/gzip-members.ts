/**
 * Walks the gzip members of a file without trusting anything after the first bad byte: a WARC
 * written member-per-record is sound up to the end of its last complete member. zlib's raw
 * inflate reports how much input one deflate stream used, which gives each member's end.
 */
import { inflateRawSync } from 'node:zlib';

const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;

export interface MemberScan {
  /** Offsets and lengths of the complete members, in order. */
  members: { offset: number; length: number }[];
  /** End of the last complete member; equals the file size when nothing is broken. */
  soundBytes: number;
  /** Why the scan stopped early, or null. */
  problem: string | null;
}

export function scanMembers(bytes: Uint8Array): MemberScan {
  const members: { offset: number; length: number }[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const length = memberLength(bytes, offset);
    if (typeof length === 'string') return { members, soundBytes: offset, problem: length };
    members.push({ offset, length });
    offset += length;
  }
  return { members, soundBytes: offset, problem: null };
}

/** The length of the gzip member at `start`, or why there is none. */
export function memberLength(bytes: Uint8Array, start: number): number | string {
  if (bytes[start] !== 0x1f || bytes[start + 1] !== 0x8b || bytes[start + 2] !== 8) return 'not a gzip member';
  const flags = bytes[start + 3] ?? 0;
  let pos = start + 10;
  if (flags & FEXTRA) pos += 2 + ((bytes[pos] ?? 0) | ((bytes[pos + 1] ?? 0) << 8));
  if (flags & FNAME) pos = afterZero(bytes, pos);
  if (flags & FCOMMENT) pos = afterZero(bytes, pos);
  if (flags & FHCRC) pos += 2;
  if (pos >= bytes.length) return 'gzip header cut short';
  try {
    const { engine } = inflateRawSync(bytes.subarray(pos), { info: true }) as unknown as { engine: { bytesWritten: number } };
    const end = pos + engine.bytesWritten + 8; // CRC32 and ISIZE follow the deflate stream
    return end > bytes.length ? 'gzip trailer cut short' : end - start;
  } catch {
    return 'gzip member cut short or corrupt';
  }
}

function afterZero(bytes: Uint8Array, pos: number): number {
  const zero = bytes.indexOf(0, pos);
  return zero < 0 ? bytes.length : zero + 1;
}
