/**
 * Copies a whole archive from one opened store into another (`feedkeeper migrate --to`: the
 * embedded SQLite archive into PostgreSQL), then checks the copy. Both stores are opened (and so
 * migrated to the same schema) by their backends; this module reaches their tables through the
 * Store seam's one escape hatch, kysely/bulk.ts.
 *
 * - The archive id (a random id kept in the source's search_meta, made on its first copy) marks
 *   the target as a copy of this archive. A target holding data under another id, or data and no
 *   id, is refused: the copy would mix two archives.
 * - Tables are copied in foreign-key order, in batches by primary key, ids preserved, rows already
 *   in the target skipped (copy.ts); an interrupted run resumes where it stopped and a finished
 *   one, run again, copies nothing.
 * - The search index is built on the target by its own indexer, not copied (FTS5 and tsvector
 *   entries have nothing in common but the tokens).
 * - Verification compares every table row by row (verify.ts); `ok` is false on any difference.
 * Nothing here deletes a row, on either side. The source must not change while it runs
 * (the CLI holds the data directory's lock).
 */
import { randomUUID } from 'node:crypto';
import { FeedkeeperError } from '../../core/index.js';
import type { Store } from '../store.js';
import { bulkAccess, type BulkAccess } from '../kysely/bulk.js';
import { buildIndex, copyTable, markIndexIncomplete, type CopyHooks } from './copy.js';
import { countRows } from './keyset.js';
import { DATA_TABLES, TABLES } from './tables.js';
import { verifyTable, type TableCheck } from './verify.js';

export type { TransferPhase, TransferProgress } from './copy.js';
export type { TableCheck } from './verify.js';

export interface TransferOptions extends CopyHooks {
  /** Compare both sides after the copy (default true). */
  verify?: boolean;
}

export interface TransferReport {
  archiveId: string;
  /** Rows each table gained in this run. */
  copied: Record<string, number>;
  /** Articles indexed in this run. */
  indexed: number;
  /** Per table, when verified. */
  checks: TableCheck[];
  /** True when every table matched (or verification was off). */
  ok: boolean;
}

const ARCHIVE_ID = 'archive_id';

export async function transferArchive(sourceStore: Store, targetStore: Store, opts: TransferOptions = {}): Promise<TransferReport> {
  const source = bulkAccess(sourceStore);
  const target = bulkAccess(targetStore);
  const archiveId = await claimTarget(source, target);
  const columns = await columnsOf(source, target);
  await markIndexIncomplete(target);
  const copied: Record<string, number> = {};
  for (const spec of TABLES) copied[spec.name] = await copyTable(source, target, spec, columns.get(spec.name)!, opts);
  const indexed = await buildIndex(target, opts);
  const checks: TableCheck[] = [];
  if (opts.verify !== false) {
    for (const spec of TABLES) {
      const total = await source.guard(undefined, () => countRows(source, spec.name));
      checks.push(await verifyTable(source, target, spec, columns.get(spec.name)!, total, opts.onProgress));
    }
  }
  return { archiveId, copied, indexed, checks, ok: checks.every((c) => c.difference === null && c.sourceRows === c.targetRows) };
}

async function metaValue(access: BulkAccess, key: string): Promise<string | null> {
  const row = await access.guard(undefined, () => access.db.selectFrom('search_meta').select('value').where('key', '=', key).executeTakeFirst());
  return row?.value ?? null;
}

/** The source's archive id (made now if it has none), written to the target unless it holds another archive. */
async function claimTarget(source: BulkAccess, target: BulkAccess): Promise<string> {
  let id = await metaValue(source, ARCHIVE_ID);
  if (id === null) {
    id = randomUUID();
    const value = id;
    await source.guard('the archive id', () => source.db.insertInto('search_meta').values({ key: ARCHIVE_ID, value }).onConflict((oc) => oc.column('key').doNothing()).execute());
    id = (await metaValue(source, ARCHIVE_ID)) ?? id;
  }
  const theirs = await metaValue(target, ARCHIVE_ID);
  if (theirs === id) return id;
  if (theirs !== null) {
    throw new FeedkeeperError('CONFLICT', `database ${target.name} already holds a different archive (archive id ${theirs}; this one is ${id}); migrate into an empty database`);
  }
  for (const table of DATA_TABLES) {
    const n = await target.guard(undefined, () => countRows(target, table));
    if (n > 0) throw new FeedkeeperError('CONFLICT', `database ${target.name} already holds an archive that was not copied from this one (${n} rows in ${table}); migrate into an empty database`);
  }
  const value = id;
  await target.guard('the archive id', () => target.db.insertInto('search_meta').values({ key: ARCHIVE_ID, value }).execute());
  return id;
}

/** Each copied table's columns as the source has them; the target must have them all. */
async function columnsOf(source: BulkAccess, target: BulkAccess): Promise<Map<string, string[]>> {
  const [mine, theirs] = await Promise.all([source.guard(undefined, () => source.db.introspection.getTables()), target.guard(undefined, () => target.db.introspection.getTables())]);
  const out = new Map<string, string[]>();
  for (const spec of TABLES) {
    const from = mine.find((t) => t.name === spec.name);
    const to = theirs.find((t) => t.name === spec.name);
    if (from === undefined || to === undefined) throw new FeedkeeperError('CONFLICT', `table ${spec.name} is missing in ${from === undefined ? source.name : target.name}: the schemas differ`);
    const missing = from.columns.filter((c) => !to.columns.some((d) => d.name === c.name));
    if (missing.length > 0) throw new FeedkeeperError('CONFLICT', `table ${spec.name} in ${target.name} lacks column ${missing.map((c) => c.name).join(', ')}: the schemas differ`);
    out.set(spec.name, from.columns.map((c) => c.name));
  }
  return out;
}
