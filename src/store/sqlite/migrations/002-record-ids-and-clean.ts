/**
 * Record ids and the clean version of each revision.
 * - articles.record_id: the 16-hex name of the article's record files, stored rather than derived
 *   from the key, so records imported from another archive keep their names and a round trip
 *   export → import → export gives the same paths. Existing rows get the id the archive derived
 *   from their key (first 16 hex of sha256), written out here so this migration never changes.
 * - revisions.full_html: the article as extracted from its page when the feed carried a summary;
 *   clean_html / clean_text: the sanitized version readers see and search indexes; fired_rules
 *   (JSON array) and extraction: what the clean and extract stages did.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';

interface Before {
  articles: { id: number; key: string; record_id: string | null };
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('record_id', 'text').execute();
  const typed = db as unknown as Kysely<Before>;
  for (const row of await typed.selectFrom('articles').select(['id', 'key']).execute()) {
    const id = createHash('sha256').update(row.key, 'utf8').digest('hex').slice(0, 16);
    await typed.updateTable('articles').set({ record_id: id }).where('id', '=', row.id).execute();
  }
  await db.schema.createIndex('articles_record_id').on('articles').column('record_id').unique().execute();
  for (const column of ['full_html', 'clean_html', 'clean_text', 'fired_rules', 'extraction']) {
    await db.schema.alterTable('revisions').addColumn(column, 'text').execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['extraction', 'fired_rules', 'clean_text', 'clean_html', 'full_html']) {
    await db.schema.alterTable('revisions').dropColumn(column).execute();
  }
  await db.schema.dropIndex('articles_record_id').execute();
  await db.schema.alterTable('articles').dropColumn('record_id').execute();
}
