/**
 * WARC 1.1 records built with warcio and serialized one gzip member each, so any record can be
 * read alone from its offset. Digests are sha256 in hex with the `sha256:` prefix (what warcio
 * writes and `digestOf` computes), so a payload digest can be compared before anything is written.
 */
import { createHash } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { WARCRecord, WARCSerializer } from 'warcio';
import type { Exchange } from '../fetch/index.js';

const DIGEST = { algo: 'sha-256', prefix: 'sha256:', base32: false } as const;
const PROFILE_NOT_MODIFIED = 'http://netpreserve.org/warc/1.1/revisit/server-not-modified';
const PROFILE_IDENTICAL = 'http://netpreserve.org/warc/1.1/revisit/identical-payload-digest';
// The fetcher hands us the decoded entity, so the framing headers of the wire no longer apply.
const FRAMING = new Set(['content-encoding', 'transfer-encoding', 'content-length']);

export function digestOf(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** What a revisit points back to: the earlier response with the same payload. */
export interface RefersTo {
  recordId: string;
  url: string;
  date: string;
}

export interface SerializedRecord {
  bytes: Uint8Array;
  recordId: string;
  type: string;
}

export async function serialize(record: WARCRecord): Promise<SerializedRecord> {
  const bytes = await WARCSerializer.serialize(record, { gzip: true, digest: DIGEST });
  return { bytes, recordId: record.warcHeaders.headers.get('WARC-Record-ID') ?? '', type: record.warcType ?? '' };
}

export function warcinfoRecord(filename: string, date: string): WARCRecord {
  const info = { software: 'feedkeeper', format: 'WARC File Format 1.1', conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/' };
  return WARCRecord.createWARCInfo({ filename, date, warcVersion: 'WARC/1.1' }, info);
}

/** The response (or revisit) and its request, linked by WARC-Concurrent-To. */
export function exchangeRecords(ex: Exchange, refersTo: RefersTo | null, digest: string): { response: WARCRecord; request: WARCRecord } {
  const date = ex.date.toISOString();
  const warcHeaders: Record<string, string> = {};
  if (ex.remoteAddress) warcHeaders['WARC-IP-Address'] = ex.remoteAddress;
  const revisit = ex.status === 304 || refersTo !== null;
  if (revisit) {
    if (refersTo) warcHeaders['WARC-Refers-To'] = refersTo.recordId;
    if (ex.status !== 304) warcHeaders['WARC-Payload-Digest'] = digest;
  }
  const statusline = `HTTP/1.1 ${ex.status} ${statusText(ex.status)}`;
  const response = WARCRecord.create(
    {
      url: ex.url,
      date,
      type: revisit ? 'revisit' : 'response',
      warcVersion: 'WARC/1.1',
      warcHeaders,
      statusline,
      httpHeaders: responseHeaders(ex, revisit),
      ...(refersTo ? { refersToUrl: refersTo.url, refersToDate: refersTo.date } : {}),
    },
    // A revisit keeps only the headers: the payload is the record it refers to.
    [revisit ? new Uint8Array(0) : ex.body],
  );
  // warcio always names identical-payload-digest; a 304 is the other profile.
  if (revisit) response.warcHeaders.headers.set('WARC-Profile', ex.status === 304 ? PROFILE_NOT_MODIFIED : PROFILE_IDENTICAL);
  const responseId = response.warcHeaders.headers.get('WARC-Record-ID') ?? '';
  const path = new URL(ex.url);
  const request = WARCRecord.create(
    {
      url: ex.url,
      date,
      type: 'request',
      warcVersion: 'WARC/1.1',
      warcHeaders: { 'WARC-Concurrent-To': responseId, ...(ex.remoteAddress ? { 'WARC-IP-Address': ex.remoteAddress } : {}) },
      statusline: `${ex.method} ${path.pathname}${path.search} HTTP/1.1`,
      httpHeaders: { host: path.host, ...ex.requestHeaders },
    },
    [new Uint8Array(0)],
  );
  return { response, request };
}

function responseHeaders(ex: Exchange, revisit: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(ex.responseHeaders)) {
    out[FRAMING.has(name) ? `x-archive-orig-${name}` : name] = value;
  }
  if (!revisit) out['content-length'] = String(ex.body.length);
  return out;
}

function statusText(status: number): string {
  return STATUS_CODES[status] ?? 'Unknown';
}
