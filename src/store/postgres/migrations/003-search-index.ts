/**
 * Twin of SQLite's 003: the search index, one row per article holding our analyzer's token streams
 * (store/kysely/search-terms.ts) as tsvectors built from the tokens verbatim (no text search
 * configuration touches them), one column per FTS5 column of the SQLite twin, each with a GIN
 * index; and `search_meta`, the analyzer version the index was built with.
 */
import { sql, type Kysely } from 'kysely';
import { createSearchTable } from './search-table.js';
import { run } from './run.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await createSearchTable(db, ['t', 'tu', 'b', 'bu', 'a', 'au', 'f', 'fu', 'g', 'gu']);
  await run(db, [sql`create table search_meta (key text primary key, value text not null)`]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await run(db, [sql`drop table search_meta`, sql`drop table search_index`]);
}
