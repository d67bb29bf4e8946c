/**
 * Writes record files for revisions the store has committed, then marks them archived. Runs after
 * the transaction (transactions hold writes, never waits); a crash in between leaves revisions
 * unarchived, and `writePendingRecords` finishes them on the next start.
 */
import { join } from 'node:path';
import { formatRecord, recordPath, writeFilesAtomic } from '../archive/index.js';
import type { Store, StoredRevision } from '../store/index.js';

export function recordFilePath(archiveDir: string, rev: StoredRevision): string {
  return join(archiveDir, recordPath(rev.feedSlug, rev.publishedAt, rev.recordId, rev.revision === 0 ? undefined : rev.revision));
}

/** Revisions whose files are written (each flushed, their folders flushed once) before they are marked archived together. */
const BATCH = 100;

export async function writeRecords(store: Store, archiveDir: string, revisions: readonly StoredRevision[]): Promise<number> {
  for (let i = 0; i < revisions.length; i += BATCH) {
    const batch = revisions.slice(i, i + BATCH);
    await writeFilesAtomic(batch.map((rev) => ({ path: recordFilePath(archiveDir, rev), data: formatRecord({ publishedMs: rev.publishedAt, title: rev.title, link: rev.link, html: rev.html }) })));
    await store.articles.markArchived(batch);
  }
  return revisions.length;
}

export async function writePendingRecords(store: Store, archiveDir: string): Promise<number> {
  let total = 0;
  for (;;) {
    const batch = await store.articles.unarchived(500);
    if (batch.length === 0) return total;
    total += await writeRecords(store, archiveDir, batch);
  }
}
