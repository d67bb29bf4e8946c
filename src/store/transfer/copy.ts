/**
 * The copy itself: each table in TABLES order, batch by batch in key order from where the last
 * run stopped, one target transaction per batch (its rows and the cursor after them), so memory
 * stays at one batch however large the archive and an interrupted copy resumes at the batch it
 * lost. Ids are copied as they are (record files, links and tokens keep naming the same rows);
 * the target's id sequences are moved past them afterwards. Then the search index is built on the
 * target by its own indexer, article by article in batches, resumable the same way.
 */
import type { BulkAccess } from '../kysely/bulk.js';
import { writeAnalyzerVersion } from '../kysely/search-repo.js';
import { countRows, insertBatch, keyOf, readBatch, readCursor, writeCursor } from './keyset.js';
import type { TableSpec } from './tables.js';

export type TransferPhase = 'copy' | 'index' | 'verify';

export interface TransferProgress {
  phase: TransferPhase;
  table: string;
  done: number;
  total: number;
}

export interface CopyHooks {
  /** Rows per batch for every table, instead of each table's own (tests use a small one). */
  batchSize?: number;
  onProgress?: (progress: TransferProgress) => void;
  /** Called after each committed batch (tests interrupt the copy here). */
  afterBatch?: (table: string, batch: number) => Promise<void> | void;
}

const DEFAULT_BATCH = 500;
const INDEX_BATCH = 200;
const INDEX_STAGE = 'search_index';

/** Copies what the target lacks of one table; returns how many rows it wrote. */
export async function copyTable(source: BulkAccess, target: BulkAccess, spec: TableSpec, columns: readonly string[], hooks: CopyHooks): Promise<number> {
  const limit = Math.max(1, hooks.batchSize ?? spec.batch ?? DEFAULT_BATCH);
  const total = await source.guard(undefined, () => countRows(source, spec.name));
  let after = await target.guard(undefined, () => readCursor(target.db, spec.name));
  let done = after === null ? 0 : Math.min(total, await target.guard(undefined, () => countRows(target, spec.name)));
  let written = 0;
  hooks.onProgress?.({ phase: 'copy', table: spec.name, done, total });
  for (let batch = 1; ; batch++) {
    const rows = await source.guard(undefined, () => readBatch(source, spec, columns, after, limit));
    if (rows.length === 0) break;
    const last = keyOf(spec, rows[rows.length - 1]!);
    written += await target.guard(`this batch of ${spec.name}`, () =>
      target.db.transaction().execute(async (tx) => {
        const n = await insertBatch(tx, spec, columns, rows);
        await writeCursor(tx, spec.name, last);
        return n;
      }),
    );
    after = last;
    done = Math.min(total, done + rows.length);
    hooks.onProgress?.({ phase: 'copy', table: spec.name, done, total });
    await hooks.afterBatch?.(spec.name, batch);
    if (rows.length < limit) break;
  }
  if (spec.identity !== undefined) await target.advanceIds(spec.name, spec.identity);
  return written;
}

/** The target's analyzer version is unset while its index is incomplete, so nothing takes a half-built index as current. */
export async function markIndexIncomplete(target: BulkAccess): Promise<void> {
  await target.guard('the search index state', () => target.db.deleteFrom('search_meta').where('key', '=', 'analyzer_version').execute());
}

/** Indexes the target's articles after the last one indexed; returns how many it indexed. */
export async function buildIndex(target: BulkAccess, hooks: CopyHooks): Promise<number> {
  const total = await target.guard(undefined, () => countRows(target, 'articles'));
  const cursor = await target.guard(undefined, () => readCursor(target.db, INDEX_STAGE));
  let after = cursor === null ? 0 : Number(cursor[0]);
  let done = await target.guard(undefined, async () => Number((await target.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('id', '<=', after).executeTakeFirstOrThrow()).n));
  let indexed = 0;
  hooks.onProgress?.({ phase: 'index', table: INDEX_STAGE, done, total });
  for (let batch = 1; ; batch++) {
    const ids = (await target.guard(undefined, () => target.db.selectFrom('articles').select('id').where('id', '>', after).orderBy('id').limit(Math.max(1, hooks.batchSize ?? INDEX_BATCH)).execute())).map((r) => r.id);
    if (ids.length === 0) break;
    const last = ids[ids.length - 1]!;
    await target.guard('this batch of the search index', () =>
      target.db.transaction().execute(async (tx) => {
        for (const id of ids) await target.indexArticle(tx, id);
        await writeCursor(tx, INDEX_STAGE, [last]);
      }),
    );
    after = last;
    indexed += ids.length;
    done = Math.min(total, done + ids.length);
    hooks.onProgress?.({ phase: 'index', table: INDEX_STAGE, done, total });
    await hooks.afterBatch?.(INDEX_STAGE, batch);
  }
  await target.guard('the search index state', () => writeAnalyzerVersion(target.db));
  return indexed;
}
