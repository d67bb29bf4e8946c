/**
 * Migration 014 side by side in one run: the ingest bench's archive put back into the pre-014
 * row layout (test/pre-014-layout.ts), its storage measured, then converted in place by the store
 * as `feedkeeper run` or `vacuum` would (textUpgrade), compacted, and measured again. Works on a
 * backup copy, so the ingest's own database is left as it was.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { sqliteToPre014Layout } from '../test/pre-014-layout.js';
import { withTempDir } from './cleanup.js';
import { formatInt, formatMB, renderSection, renderTable } from './report.js';
import { measureStorage, type StorageUse } from './storage.js';

export async function measureConversion(databaseFile: string, recordFileBytes: number): Promise<string> {
  return withTempDir('feedkeeper-bench-convert-', async (dir) => {
    const file = join(dir, 'feedkeeper.db');
    // SQLite's online backup: a consistent copy, WAL included, without touching the open archive.
    const source = new Database(databaseFile, { readonly: true });
    try {
      await source.backup(file);
    } finally {
      source.close();
    }
    await sqliteToPre014Layout(file);
    const before = measureStorage(file);
    const store = await openSqliteStore({ file });
    let ms = 0;
    let converted = 0;
    try {
      const start = performance.now();
      converted = await store.textUpgrade.run();
      ms = performance.now() - start;
      await store.maintain({ full: true });
    } finally {
      await store.close();
    }
    const after = measureStorage(file);
    const total = (u: StorageUse) => u.parts.reduce((sum, p) => sum + p.bytes, 0);
    const n = Math.max(1, after.articles);
    const row = (name: string, u: StorageUse) => {
      const part = (p: string) => u.parts.find((x) => x.name === p)?.bytes ?? 0;
      return [name, formatMB(total(u)), formatInt(Math.round(part('revisions') / n)), formatInt(Math.round(part('articles') / n)), formatInt(Math.round(total(u) / n)), `${((total(u) + recordFileBytes) / Math.max(1, u.contentBytes)).toFixed(2)}×`];
    };
    const table = renderTable(
      [{ header: 'layout' }, { header: 'database', align: 'right' }, { header: 'revisions B/article', align: 'right' }, { header: 'articles B/article', align: 'right' }, { header: 'all B/article', align: 'right' }, { header: '+ records ÷ content', align: 'right' }],
      [row('before migration 014 (texts in plain columns)', before), row('after its conversion, vacuumed', after)],
    );
    return renderSection(`storage · migration 014 on a copy of this archive, ${formatInt(after.articles)} articles`, table, [
      `the conversion packed ${formatInt(converted)} revisions in ${(ms / 1000).toFixed(2)} s (${formatInt(Math.round(converted / Math.max(ms / 1000, 1e-3)))} revisions/s), one transaction per 200, resumable (src/store/kysely/text-upgrade.ts).`,
      'both rows are measured with dbstat on the same copy; the "before" layout is made from this archive row for row (test/pre-014-layout.ts).',
    ]);
  });
}
