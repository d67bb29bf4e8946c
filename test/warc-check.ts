/**
 * Reads a .warc.gz with tools feedkeeper does not write with: node-warc parses the records and
 * node:zlib splits the members, and every Block- and Payload-Digest is recomputed here. Returns the
 * records so tests can assert on them.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createGunzip, gunzipSync } from 'node:zlib';
import { WARCStreamTransform } from 'node-warc';
import type { WARCRecord } from 'node-warc';

/**
 * node-warc 3.3.1's `_flush` calls its callback twice whenever input remains buffered (always, as
 * an empty Buffer is truthy), which Node ≥ 15 turns into an error after the last record. Only that
 * is changed; the parsing is node-warc's own.
 */
class FlushOnce extends WARCStreamTransform {
  override _flush(done: (err?: Error | null) => void): void {
    const self = this as unknown as { buffered?: Buffer; _consumeChunk(chunk: Buffer, done: () => void, last: boolean): void };
    if (self.buffered) self._consumeChunk(self.buffered, done, true);
    else done();
  }
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return bits > 0 ? out + BASE32[(value << (5 - bits)) & 31] : out;
}

/** True when `declared` (`sha1:` or `sha256:`, hex or base32, as writers differ) is the digest of bytes. */
function digestMatches(declared: string, bytes: Uint8Array): boolean {
  const [algo = '', value = ''] = declared.split(':');
  const hash = createHash(algo.toLowerCase().replace('-', '')).update(bytes).digest();
  return value.toLowerCase() === hash.toString('hex') || value.toUpperCase().replace(/=+$/, '') === base32(hash);
}

/** A node-warc record and its payload as cut from the block here (node-warc's own `content` keeps a trailing CRLF). */
export type CheckedRecord = WARCRecord & { payload: Buffer };

export async function readWarcIndependently(file: string): Promise<CheckedRecord[]> {
  const records: CheckedRecord[] = [];
  for await (const record of createReadStream(file).pipe(createGunzip()).pipe(new FlushOnce())) records.push(record as CheckedRecord);
  // Blocks straight from the decompressed bytes: everything after each record's header block.
  const whole = gunzipSync(await readFile(file));
  let pos = 0;
  for (const record of records) {
    const headerEnd = whole.indexOf('\r\n\r\n', pos) + 4;
    const length = Number(record.warcContentLength);
    const block = whole.subarray(headerEnd, headerEnd + length);
    if (record.warcBlockDigest !== undefined && !digestMatches(record.warcBlockDigest, block)) {
      throw new Error(`${file}: block digest of ${record.warcType} ${record.warcTargetURI} does not match`);
    }
    // The payload of an application/http block is what follows its HTTP header block.
    const isHttp = record.warcContentType.startsWith('application/http');
    const payload = isHttp ? block.subarray(block.indexOf('\r\n\r\n') + 4) : block;
    if (record.warcPayloadDigest !== undefined && record.warcType !== 'revisit' && !digestMatches(record.warcPayloadDigest, payload)) {
      throw new Error(`${file}: payload digest of ${record.warcType} ${record.warcTargetURI} does not match`);
    }
    record.payload = payload;
    pos = headerEnd + length + 4; // the record's closing CRLF CRLF
  }
  return records;
}
