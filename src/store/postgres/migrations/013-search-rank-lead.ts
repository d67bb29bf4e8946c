/**
 * Twin of SQLite's 013: a ranking source that ranking reads without detoasting a body tsvector.
 * `search_lead` holds each article's body lead (the first positions of its phrase and unigram
 * streams, pg-search.ts) in a table of its own, so that search_index's heap rows, which every
 * search's GIN bitmap visits, stay narrow, and the relevance window reads only small rows kept
 * in line. In search_index the title, author and feed columns become STORAGE MAIN (kept in the
 * row) and the body streams, which our tokens make incompressible, EXTERNAL (moved out of the
 * row without a futile compression attempt). The next run rebuilds the index (the analyzer
 * version is cleared), writing the leads; until then body-only matches rank by date alone, and
 * hit sets are unaffected.
 */
import { sql, type Kysely } from 'kysely';
import { run } from './run.js';

const IN_ROW = ['t', 'tu', 'a', 'au', 'f'] as const;
const OUT_OF_ROW = ['b', 'bu'] as const;

const storage = (columns: readonly string[], kind: 'main' | 'external' | 'extended') => columns.map((c) => sql`alter column ${sql.ref(c)} set storage ${sql.raw(kind)}`);

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    sql`create table search_lead (
      article_id bigint primary key references articles (id) on delete cascade,
      bl tsvector not null,
      blu tsvector not null
    )`,
    sql`alter table search_lead ${sql.join(storage(['bl', 'blu'], 'main'))}`,
    sql`alter table search_index ${sql.join([...storage(IN_ROW, 'main'), ...storage(OUT_OF_ROW, 'external')])}`,
    sql`delete from search_meta where key = 'analyzer_version'`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    sql`alter table search_index ${sql.join(storage([...IN_ROW, ...OUT_OF_ROW], 'extended'))}`,
    sql`drop table search_lead`,
  ]);
}
