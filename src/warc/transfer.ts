/**
 * `warc import` and `warc export` over the archive. Import checks a whole file before storing any
 * of it (a bad file adds nothing) and skips a response whose URL and payload digest are already
 * stored, with the request that goes with it. Export copies stored records byte for byte into a
 * standalone WARC: each chosen response, the request written beside it, and for a revisit the
 * response it refers to, so the file stands on its own.
 */
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync as gunzip, gzipSync } from 'node:zlib';
import type { WarcArchive } from './archive.js';
import type { CaptureEntry } from './cdxj.js';
import { readRange } from './files.js';
import { memberLength } from './gzip-members.js';
import { readWarcFile } from './read.js';
import { serialize, warcinfoRecord } from './records.js';

/** Records looked up by URL (a resource, such as wget's log, has status 0). */
const INDEXED = new Set(['response', 'revisit', 'resource']);
/** Records that are skipped when their URL and payload are already stored. */
const DEDUPED = new Set(['response', 'resource']);

export interface ImportResult {
  records: number;
  skipped: number;
}

export async function importWarc(archive: WarcArchive, name: string): Promise<ImportResult> {
  const records = await readWarcFile(name, await readFile(name));
  const known = new Set(archive.all().map((e) => `${e.url} ${e.digest}`));
  const dropped = new Set<string>();
  for (const r of records) {
    if (DEDUPED.has(r.type) && known.has(`${r.url} ${r.digest}`)) dropped.add(r.recordId);
  }
  const kept = records.filter((r) => !dropped.has(r.recordId) && !r.concurrentTo.some((id) => dropped.has(id)) && !isRequestOfDropped(r, records, dropped));
  const members = kept.map((r) => ({ bytes: gzipSync(r.bytes), recordId: r.recordId, type: r.type }));
  const entries = kept.map((r) =>
    INDEXED.has(r.type) ? { url: r.url, digest: r.digest, status: r.status, mime: r.mime, date: normalizeDate(r.date), recordId: r.recordId, type: r.type as CaptureEntry['type'], ...(r.refersTo ? { refersTo: r.refersTo } : {}) } : null,
  );
  if (members.length > 0) await archive.appendRecords(members, entries);
  return { records: kept.length, skipped: records.length - kept.length };
}

/** wget names the request from its response (Concurrent-To on the response), so look both ways. */
function isRequestOfDropped(r: { type: string; recordId: string }, all: readonly { recordId: string; concurrentTo: string[] }[], dropped: Set<string>): boolean {
  return r.type === 'request' && all.some((o) => dropped.has(o.recordId) && o.concurrentTo.includes(r.recordId));
}

function normalizeDate(date: string): string {
  const ms = Date.parse(date);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : date;
}

/** Writes the captures (and what they need) to `out`; returns how many records were written. */
export async function exportWarc(archive: WarcArchive, dir: string, chosen: readonly CaptureEntry[], out: string): Promise<number> {
  const byId = new Map(archive.all().map((e) => [e.recordId, e]));
  const wanted = new Map<string, CaptureEntry>();
  for (const entry of chosen) {
    wanted.set(entry.recordId, entry);
    const base = entry.refersTo ? byId.get(entry.refersTo) : undefined;
    if (base) wanted.set(base.recordId, base);
  }
  const ordered = [...wanted.values()].sort((a, b) => a.date.localeCompare(b.date));
  const handle = await open(out, 'w');
  let written = 0;
  try {
    await handle.write((await serialize(warcinfoRecord(out.split('/').pop() ?? out, new Date().toISOString()))).bytes);
    for (const entry of ordered) {
      const response = await readRange(join(dir, entry.filename), entry.offset, entry.length + REQUEST_WINDOW);
      // Our own files hold each response's request right after it (files.ts writes them as one write).
      const tail = response.subarray(entry.length);
      const next = memberLength(tail, 0);
      const withRequest = typeof next === 'number' && isRequestFor(tail.subarray(0, next), entry.recordId);
      await handle.write(response.subarray(0, entry.length + (withRequest ? (next as number) : 0)));
      written += withRequest ? 2 : 1;
    }
  } finally {
    await handle.close();
  }
  return written;
}

/** A request record is headers only; this much after a response always holds it. */
const REQUEST_WINDOW = 64 * 1024;


function isRequestFor(member: Buffer, responseId: string): boolean {
  const head = gunzipHead(member);
  return head.includes('WARC-Type: request') && head.includes(`WARC-Concurrent-To: ${responseId}`);
}

function gunzipHead(member: Buffer): string {
  try {
    const text = gunzip(member);
    return text.subarray(0, text.indexOf('\r\n\r\n')).toString('latin1');
  } catch {
    return '';
  }
}
