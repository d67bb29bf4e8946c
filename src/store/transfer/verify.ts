/**
 * Checks a copy: reads a table from both sides in key order, batch by batch, and compares row by
 * row, every column (so each revision's content_hash, and the HTML it hashes, is compared), while
 * counting the rows and hashing them (SHA-256 over each row's values as JSON). The first row that
 * differs is named by its key and column. Memory stays at two batches.
 */
import { createHash, type Hash } from 'node:crypto';
import type { BulkAccess } from '../kysely/bulk.js';
import { keyOf, readBatch, type Key, type Row } from './keyset.js';
import type { TableSpec } from './tables.js';
import type { TransferProgress } from './copy.js';

export interface TableCheck {
  table: string;
  sourceRows: number;
  targetRows: number;
  /** First 16 hex digits of the SHA-256 over each side's rows. */
  sourceHash: string;
  targetHash: string;
  /** The first difference ("key (3, 1), column html"; "key (7) missing in the target"; "key (7) in the source where the target has (8)"), or null. */
  difference: string | null;
}

const VERIFY_BATCH = 500;

/** A row's values as one canonical string: the same on both backends for the same row. */
function canonical(columns: readonly string[], row: Row): string[] {
  return columns.map((c) => {
    const v = row[c];
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'bigint') return String(v);
    if (Buffer.isBuffer(v)) return `x${v.toString('hex')}`;
    return JSON.stringify(v);
  });
}

const showKey = (key: Key) => `(${key.map((v) => JSON.stringify(v)).join(', ')})`;

function firstDifference(spec: TableSpec, columns: readonly string[], a: Row | undefined, b: Row | undefined): string | null {
  if (a === undefined && b === undefined) return null;
  if (b === undefined) return `key ${showKey(keyOf(spec, a!))} missing in the target`;
  if (a === undefined) return `key ${showKey(keyOf(spec, b))} only in the target`;
  const ka = showKey(keyOf(spec, a));
  const kb = showKey(keyOf(spec, b));
  if (ka !== kb) return `key ${ka} in the source where the target has ${kb}`;
  const va = canonical(columns, a);
  const vb = canonical(columns, b);
  const i = va.findIndex((v, j) => v !== vb[j]);
  return i === -1 ? null : `key ${ka}, column ${columns[i]}`;
}

class Side {
  rows = 0;
  after: Key | null = null;
  done = false;
  readonly hash: Hash = createHash('sha256');
  constructor(readonly access: BulkAccess) {}

  async next(spec: TableSpec, columns: readonly string[]): Promise<Row[]> {
    if (this.done) return [];
    const rows = await this.access.guard(undefined, () => readBatch(this.access, spec, columns, this.after, VERIFY_BATCH));
    if (rows.length < VERIFY_BATCH) this.done = true;
    if (rows.length > 0) this.after = keyOf(spec, rows[rows.length - 1]!);
    for (const row of rows) this.hash.update(`${canonical(columns, row).join('\t')}\n`);
    this.rows += rows.length;
    return rows;
  }
}

export async function verifyTable(source: BulkAccess, target: BulkAccess, spec: TableSpec, columns: readonly string[], total: number, onProgress?: (p: TransferProgress) => void): Promise<TableCheck> {
  const a = new Side(source);
  const b = new Side(target);
  let difference: string | null = null;
  while (!a.done || !b.done) {
    const [ra, rb] = await Promise.all([a.next(spec, columns), b.next(spec, columns)]);
    // Until the first difference both sides advance in step, so their batches line up row by row.
    for (let i = 0; difference === null && i < Math.max(ra.length, rb.length); i++) difference = firstDifference(spec, columns, ra[i], rb[i]);
    onProgress?.({ phase: 'verify', table: spec.name, done: Math.min(total, a.rows), total });
  }
  const hex = (h: Hash) => h.digest('hex').slice(0, 16);
  return { table: spec.name, sourceRows: a.rows, targetRows: b.rows, sourceHash: hex(a.hash), targetHash: hex(b.hash), difference };
}
