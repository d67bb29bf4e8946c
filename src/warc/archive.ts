/**
 * The WARC store of one data directory: rotating files, the CDXJ index and the revisit rule.
 * One per process; every write goes through one promise chain, so records never interleave and
 * the index lines follow their records. A failed write is logged and dropped: capture is
 * evidence beside the fetch and never fails it.
 */
import { existsSync, statSync } from 'node:fs';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../core/logger.js';
import type { Exchange } from '../fetch/index.js';
import { readCaptureIndex, toCdxjLine } from './cdxj.js';
import type { CaptureEntry } from './cdxj.js';
import { rotatingFiles } from './files.js';
import { digestOf, exchangeRecords, serialize } from './records.js';
import type { SerializedRecord } from './records.js';
import { repairNewest } from './repair.js';
import { newestResponse, readResponse, type StoredResponse } from './payload.js';

export interface WarcArchiveOptions {
  dir: string; // <data-dir>/warc
  maxFileBytes: number;
  logger: Logger;
  now?: () => Date;
}

export interface WarcArchive {
  /** Queues the exchange for writing; never throws. `digest`: its payload digest when the caller already has it (computed otherwise). */
  capture(exchange: Exchange, digest?: string): void;
  /** Writes already-built records (import); the entries' filename/offset are filled in here. */
  appendRecords(records: readonly SerializedRecord[], entries: readonly (Omit<CaptureEntry, 'filename' | 'offset' | 'length'> | null)[]): Promise<void>;
  /** Every capture of a URL, oldest first. */
  captures(url: string): readonly CaptureEntry[];
  latest(url: string): CaptureEntry | null;
  hasDigest(digest: string): boolean;
  all(): readonly CaptureEntry[];
  /** The newest stored 2xx response of any of these URLs (a revisit followed to its payload), read back; null when none. */
  response(urls: readonly string[]): Promise<StoredResponse | null>;
  /** Resolves when every queued write is done. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export async function openWarcArchive(options: WarcArchiveOptions): Promise<WarcArchive> {
  const { dir, logger } = options;
  const now = options.now ?? (() => new Date());
  await mkdir(dir, { recursive: true });
  const indexFile = join(dir, 'index.cdxj');
  const byUrl = new Map<string, CaptureEntry[]>();
  const digests = new Set<string>();
  const entries: CaptureEntry[] = [];
  const byRecordId = new Map<string, CaptureEntry>();
  const remember = (entry: CaptureEntry): void => {
    entries.push(entry);
    byRecordId.set(entry.recordId, entry);
    digests.add(entry.digest);
    const list = byUrl.get(entry.url) ?? [];
    list.push(entry);
    byUrl.set(entry.url, list);
  };
  const loaded = await readCaptureIndex(dir);
  // The repair reads the newest file only from the end of its last indexed record, unless that
  // record itself is cut (the file is shorter): then from the start.
  const indexedEnd = (filename: string): number =>
    loaded.filter((e) => e.filename === filename).reduce((end, e) => Math.max(end, e.offset + e.length), 0);
  const repair = await repairNewest(dir, logger, (filename) => {
    const end = indexedEnd(filename);
    return end > 0 && existsSync(join(dir, filename)) && statSync(join(dir, filename)).size >= end ? end : 0;
  });
  let dropped = 0;
  for (const entry of loaded) {
    // Index lines for records the repair cut off would point past the end of their file.
    if (repair?.filename === entry.filename && entry.offset + entry.length > repair.keptBytes) dropped += 1;
    else remember(entry);
  }
  if (dropped > 0) await writeFile(indexFile, entries.map(toCdxjLine).join(''));
  for (const list of byUrl.values()) list.sort((a, b) => a.date.localeCompare(b.date));
  const files = rotatingFiles(dir, options.maxFileBytes, now);
  let chain: Promise<void> = Promise.resolve();

  async function appendRecords(records: readonly SerializedRecord[], pending: readonly (Omit<CaptureEntry, 'filename' | 'offset' | 'length'> | null)[]): Promise<void> {
    const at = await files.append(records.map((r) => r.bytes));
    let offset = at.offset;
    let lines = '';
    records.forEach((record, i) => {
      const entry = pending[i];
      if (entry) {
        const full: CaptureEntry = { ...entry, filename: at.filename, offset, length: record.bytes.length };
        remember(full);
        lines += toCdxjLine(full);
      }
      offset += record.bytes.length;
    });
    if (lines) await appendFile(indexFile, lines);
  }

  async function write(ex: Exchange, digest: string): Promise<void> {
    const last = lastResponse(byUrl.get(ex.url));
    const refersTo = ex.status === 200 && last?.digest === digest ? { recordId: last.recordId, url: last.url, date: last.date } : null;
    const { response, request } = exchangeRecords(ex, refersTo, digest);
    const records = [await serialize(response), await serialize(request)];
    const revisit = refersTo !== null || ex.status === 304;
    const entry = {
      url: ex.url,
      digest: ex.status === 304 ? (last?.digest ?? '') : digest,
      status: ex.status,
      mime: ex.responseHeaders['content-type'] ?? '',
      date: ex.date.toISOString(),
      recordId: records[0]?.recordId ?? '',
      type: revisit ? ('revisit' as const) : ('response' as const),
      ...(refersTo ? { refersTo: refersTo.recordId } : ex.status === 304 && last ? { refersTo: last.recordId } : {}),
    };
    await appendRecords(records, [entry, null]);
  }

  const enqueue = (task: () => Promise<void>, what: string): Promise<void> => {
    const next = chain.then(task).catch((err: unknown) => {
      logger.error({ err, what }, 'warc: write failed; the fetch went on without its capture');
    });
    chain = next;
    return next;
  };

  return {
    capture(ex, digest = digestOf(ex.body)) {
      void enqueue(() => write(ex, digest), ex.url);
    },
    appendRecords(records, pending) {
      // Import wants its own errors, so this one rejects as well as keeping the chain going.
      let failure: unknown = null;
      return enqueue(() => appendRecords(records, pending).catch((err: unknown) => void (failure = err)), 'import').then(() => {
        if (failure !== null) throw failure;
      });
    },
    captures: (url) => byUrl.get(url) ?? [],
    latest: (url) => byUrl.get(url)?.at(-1) ?? null,
    hasDigest: (digest) => digests.has(digest),
    all: () => entries,
    async response(urls) {
      await chain; // what was just captured is readable
      const byId = (id: string) => byRecordId.get(id);
      const found = urls.map((u) => newestResponse(byUrl.get(u) ?? [], byId)).filter((e): e is CaptureEntry => e !== null);
      const newest = found.sort((a, b) => a.date.localeCompare(b.date)).at(-1);
      return newest === undefined ? null : readResponse(dir, newest);
    },
    flush: () => chain,
    async close() {
      await chain;
      await files.close();
    },
  };
}

/** The newest capture that holds a payload (a revisit's digest is only borrowed). */
function lastResponse(list: readonly CaptureEntry[] | undefined): CaptureEntry | null {
  if (!list) return null;
  for (let i = list.length - 1; i >= 0; i--) {
    const entry = list[i] as CaptureEntry;
    if (entry.type === 'response' && entry.status === 200) return entry;
  }
  return null;
}
