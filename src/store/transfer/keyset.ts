/**
 * Reading and writing one table in batches by primary key, the same SQL on SQLite and PostgreSQL:
 * rows after a key (a row value comparison, text key columns in code point order on both sides,
 * so a cursor taken on one side means the same on the other), inserts that skip rows already
 * there, and the copy's resume cursors, kept in the target's search_meta in the same transaction
 * as the batch they follow.
 */
import { sql, type RawBuilder } from 'kysely';
import type { BulkAccess } from '../kysely/bulk.js';
import type { Db } from '../kysely/context.js';
import type { TableSpec } from './tables.js';

export type Row = Record<string, unknown>;
/** Primary key values of one row, in TableSpec.key order. */
export type Key = readonly unknown[];

function orderBy(access: BulkAccess, spec: TableSpec): RawBuilder<unknown>[] {
  return spec.key.map((c) => (spec.textKey?.includes(c) ? access.keyOrder(c) : sql.ref(c)));
}

export function keyOf(spec: TableSpec, row: Row): Key {
  return spec.key.map((c) => row[c]);
}

/** Up to `limit` rows with a key after `after` (from the first without), in key order. */
export async function readBatch(access: BulkAccess, spec: TableSpec, columns: readonly string[], after: Key | null, limit: number): Promise<Row[]> {
  const order = orderBy(access, spec);
  const where = after === null ? sql`` : sql`where (${sql.join(order)}) > (${sql.join(after.map((v) => sql`${v}`))})`;
  const { rows } = await sql<Row>`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(spec.name)} ${where} order by ${sql.join(order)} limit ${limit}`.execute(access.db);
  return rows;
}

/** Inserts the rows; a row whose key is already there is left as it is (or, for counters, overwritten). Returns how many were written. */
export async function insertBatch(db: Db, spec: TableSpec, columns: readonly string[], rows: readonly Row[]): Promise<number> {
  if (rows.length === 0) return 0;
  const values = sql.join(rows.map((row) => sql`(${sql.join(columns.map((c) => sql`${row[c] ?? null}`))})`));
  const rest = columns.filter((c) => !spec.key.includes(c));
  const onConflict = spec.overwrite === true && rest.length > 0
    ? sql`do update set ${sql.join(rest.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`))}`
    : sql`do nothing`;
  const result = await sql`insert into ${sql.table(spec.name)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${values}
    on conflict (${sql.join(spec.key.map((c) => sql.ref(c)))}) ${onConflict}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export async function countRows(access: BulkAccess, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(access.db);
  return Number(rows[0]?.n ?? 0);
}

const cursorName = (stage: string) => `transfer:${stage}`;

/** Where the copy of `stage` (a table, or the search index) stopped, or null before it started. */
export async function readCursor(db: Db, stage: string): Promise<Key | null> {
  const row = await db.selectFrom('search_meta').select('value').where('key', '=', cursorName(stage)).executeTakeFirst();
  return row === undefined ? null : (JSON.parse(row.value) as Key);
}

export async function writeCursor(db: Db, stage: string, key: Key): Promise<void> {
  const value = JSON.stringify(key);
  await db.insertInto('search_meta').values({ key: cursorName(stage), value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}
