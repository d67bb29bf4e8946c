/**
 * The revision chain: every revision of an article gets a SHA-256 over what it is (the bytes of
 * its record file), when it was fetched, the WARC response it came from and the hash of the
 * revision before it. Changing any stored revision, or dropping or reordering one, breaks every
 * hash after it. Pure: no I/O, the same on every store backend.
 *
 * The hashed bytes are seven lines of ASCII text, each ending in one LF (no CR, no trailing spaces):
 *
 *     feedkeeper-chain/1           the version tag
 *     record 3c3ceb0dd080b6b9      the article's record id (16 hex, the name of its record files)
 *     revision 2                   0 for the first version, then 1, 2, …
 *     fetched 1706726701000        fetched_at, epoch milliseconds, decimal
 *     file 9f86d0…                 SHA-256 (64 lowercase hex) of the record file's bytes
 *     warc sha256:5e88…            the WARC-Payload-Digest of the response it came from, or nothing
 *     prev 0000…0000               the previous revision's chain hash; 64 zeros for revision 0
 *
 * and the chain hash is the lowercase hex SHA-256 of those bytes. With a record file `r.txt`:
 *
 *     printf 'feedkeeper-chain/1\nrecord %s\nrevision %s\nfetched %s\nfile %s\nwarc %s\nprev %s\n' \
 *       "$record" "$rev" "$fetched" "$(sha256sum < r.txt | cut -c1-64)" "$warc" "$prev" | sha256sum
 *
 * An empty WARC digest leaves the line as `warc` followed by one space. A new layout gets a new tag.
 */
import { createHash } from 'node:crypto';
import { formatRecord } from './record.js';
import type { ArchiveRecord } from './record.js';

const CHAIN_VERSION = 'feedkeeper-chain/1';
/** The `prev` of a first revision. */
export const CHAIN_START = '0'.repeat(64);

export interface ChainLinkInput {
  recordId: string;
  revision: number;
  fetchedAt: number;
  /** SHA-256 hex of the record file's bytes (`recordFileHash`). */
  fileHash: string;
  /** `sha256:<hex>` payload digest of the WARC response, or null when none was captured. */
  warcDigest: string | null;
  /** The previous revision's chain hash, or CHAIN_START. */
  prev: string;
}

/** The exact bytes that are hashed, as a string (ASCII). */
export function chainInput(link: ChainLinkInput): string {
  return (
    `${CHAIN_VERSION}\nrecord ${link.recordId}\nrevision ${String(link.revision)}\nfetched ${String(link.fetchedAt)}\n` +
    `file ${link.fileHash}\nwarc ${link.warcDigest ?? ''}\nprev ${link.prev}\n`
  );
}

export function chainHash(link: ChainLinkInput): string {
  return sha256Hex(chainInput(link));
}

/** SHA-256 hex of the record file a revision is written as (formatRecord, UTF-8). */
export function recordFileHash(record: ArchiveRecord): string {
  return sha256Hex(formatRecord(record));
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
