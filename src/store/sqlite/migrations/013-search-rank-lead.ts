/**
 * Twin of PostgreSQL's 013, which adds search_rank, a small ranking source (the title, the author
 * and the body's lead) so that ts_rank never detoasts a body tsvector. Nothing to do here: FTS5 computes bm25 from its
 * own doclists, which hold each match's term frequencies. The step exists so both backends keep
 * the same list of migrations.
 */
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {
  // FTS5 already ranks from its doclists; see above.
}

export async function down(_db: Kysely<unknown>): Promise<void> {
  // Nothing was changed.
}
