/**
 * The search index on PostgreSQL: one search_index row per article with our analyzer's token
 * streams as tsvector columns (ts-query.ts), written by `indexArticle` inside the caller's
 * transaction whenever an article or its feeds change, matched with GIN-indexed `@@` tests and
 * ranked by weighted ts_rank over search_rank, small values kept in line: the title and author
 * streams again and the body's lead (a table of its own, so search_index's heap rows stay narrow). The paging and the rest of SearchRepo are shared (kysely/search-repo.ts).
 *
 * A search reads its matches once from the GIN bitmap (the 'collected' plan) inside a read-only
 * transaction with sequential scans off. The planner, which prices a row's `@@` test as cheap,
 * otherwise picks a sequential scan for a common term and detoasts the body tsvectors of the
 * whole archive (a 2-character query over 20,000 articles: hundreds of ms instead of a few),
 * while the bitmap needs no row test at all for one term (GIN is exact there) and reads only the
 * heap rows, whose large columns stay out of row.
 */
import { sql } from 'kysely';
import type { Db } from '../kysely/context.js';
import { indexSource, type SearchIndex } from '../kysely/search-repo.js';
import type { FieldStreams } from '../../search/index.js';
import { feedsLiteral, leadOf, matchPredicate, rankExpression, tsvectorLiteral } from './ts-query.js';

const vector = (literal: string) => sql`cast(${literal} as tsvector)`;

/** (Re)writes one article's index entry from its latest revision and the ids of its feeds. */
export async function indexArticle(db: Db, articleId: number, streams?: readonly FieldStreams[]): Promise<void> {
  const source = await indexSource(db, articleId, streams);
  if (source === undefined) {
    await sql`with gone as (delete from search_rank where article_id = ${articleId}) delete from search_index where article_id = ${articleId}`.execute(db);
    return;
  }
  const [title = NO_TEXT, body = NO_TEXT, author = NO_TEXT] = source.streams;
  const columns = [title, body, author].flatMap(columnPair);
  const ranked = [title, leadOf(body), author].flatMap(columnPair);
  // One statement for both tables: an index write happens for every article stored.
  await sql`with entry as (
      insert into search_index (article_id, t, tu, b, bu, a, au, f) values (${articleId}, ${sql.join(columns)}, ${vector(feedsLiteral(source.feedIds))})
      on conflict (article_id) do update set t = excluded.t, tu = excluded.tu, b = excluded.b, bu = excluded.bu, a = excluded.a, au = excluded.au, f = excluded.f
    )
    insert into search_rank (article_id, t, tu, bl, blu, a, au) values (${articleId}, ${sql.join(ranked)})
    on conflict (article_id) do update set t = excluded.t, tu = excluded.tu, bl = excluded.bl, blu = excluded.blu, a = excluded.a, au = excluded.au`.execute(db);
}

const NO_TEXT: FieldStreams = { phrase: [], unigrams: [] };
const columnPair = (s: FieldStreams) => [vector(tsvectorLiteral(s.phrase)), vector(tsvectorLiteral(s.unigrams))];

/** One search's statements in a read-only transaction that keeps the planner off sequential scans (see above). */
function readOnIndexes<T>(db: Db, run: (db: Db) => Promise<T>): Promise<T> {
  return db.transaction().setAccessMode('read only').execute(async (tx) => {
    await sql`set local enable_seqscan = off`.execute(tx);
    return run(tx);
  });
}

export const TSVECTOR_INDEX: SearchIndex = {
  table: sql`search_index si`,
  id: sql<number>`si.article_id`,
  match: matchPredicate,
  score: rankExpression,
  // An entry indexed before migration 013's rebuild has no search_rank row yet: left-joined, it scores 0.
  relevancePlan: { kind: 'collected', rankTable: sql`search_rank sr`, rankId: sql<number>`sr.article_id` },
  read: readOnIndexes,
};
