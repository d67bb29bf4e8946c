/**
 * Twin of SQLite's 013: `search_rank`, what ranking reads, so that ranking the relevance window
 * never detoasts a body tsvector. Per article it holds the title and author streams again and the
 * body's lead (the first positions of its phrase and unigram streams, pg-search.ts): small values
 * kept in line (STORAGE MAIN), one narrow row to read per ranked match. It is a table of its own
 * so that search_index's heap rows, which every search's GIN bitmap visits, stay narrow. In
 * search_index the title, author and feed columns become STORAGE MAIN too, and the body streams,
 * which our tokens make incompressible, EXTERNAL (moved out of the row without a futile
 * compression attempt). The next run rebuilds the index (the analyzer version is cleared), which
 * fills search_rank; until then matches rank by date alone, and hit sets are unaffected.
 */
import { sql, type Kysely } from 'kysely';
import { run } from './run.js';

const RANKED = ['t', 'tu', 'bl', 'blu', 'a', 'au'] as const;
const IN_ROW = ['t', 'tu', 'a', 'au', 'f'] as const;
const OUT_OF_ROW = ['b', 'bu'] as const;

const storage = (columns: readonly string[], kind: 'main' | 'external' | 'extended') => columns.map((c) => sql`alter column ${sql.ref(c)} set storage ${sql.raw(kind)}`);

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    sql`create table search_rank (
      article_id bigint primary key references articles (id) on delete cascade,
      ${sql.join(RANKED.map((c) => sql`${sql.ref(c)} tsvector not null`))}
    )`,
    sql`alter table search_rank ${sql.join(storage(RANKED, 'main'))}`,
    sql`alter table search_index ${sql.join([...storage(IN_ROW, 'main'), ...storage(OUT_OF_ROW, 'external')])}`,
    sql`delete from search_meta where key = 'analyzer_version'`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    sql`alter table search_index ${sql.join(storage([...IN_ROW, ...OUT_OF_ROW], 'extended'))}`,
    sql`drop table search_rank`,
  ]);
}
