/** The search table of migrations 003 and 006: an article id and one GIN-indexed tsvector per column. */
import { sql, type Kysely } from 'kysely';
import { run } from './run.js';

export async function createSearchTable(db: Kysely<unknown>, columns: readonly string[]): Promise<void> {
  await run(db, [
    sql`create table search_index (
      article_id bigint primary key references articles (id) on delete cascade,
      ${sql.join(columns.map((c) => sql`${sql.ref(c)} tsvector not null`))}
    )`,
    ...columns.map((c) => sql`create index ${sql.ref(`search_index_${c}`)} on search_index using gin (${sql.ref(c)})`),
  ]);
}
