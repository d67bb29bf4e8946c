/**
 * The search index on PostgreSQL: one search_index row per article with our analyzer's token
 * streams as tsvector columns (ts-query.ts), written by `indexArticle` inside the caller's
 * transaction whenever an article or its feeds change, matched with GIN-indexed `@@` tests and
 * ranked by weighted ts_rank. The paging and the rest of SearchRepo are shared (kysely/search-repo.ts).
 */
import { sql } from 'kysely';
import type { Db } from '../kysely/context.js';
import { indexSource, type SearchIndex } from '../kysely/search-repo.js';
import type { FieldStreams } from '../../search/index.js';
import { feedsLiteral, matchPredicate, rankExpression, tsvectorLiteral } from './ts-query.js';

const vector = (literal: string) => sql`cast(${literal} as tsvector)`;

/** (Re)writes one article's index entry from its latest revision and the ids of its feeds. */
export async function indexArticle(db: Db, articleId: number, streams?: readonly FieldStreams[]): Promise<void> {
  const source = await indexSource(db, articleId, streams);
  if (source === undefined) {
    await sql`delete from search_index where article_id = ${articleId}`.execute(db);
    return;
  }
  const columns = source.streams.flatMap((s) => [vector(tsvectorLiteral(s.phrase)), vector(tsvectorLiteral(s.unigrams))]);
  await sql`insert into search_index (article_id, t, tu, b, bu, a, au, f) values (${articleId}, ${sql.join(columns)}, ${vector(feedsLiteral(source.feedIds))})
    on conflict (article_id) do update set t = excluded.t, tu = excluded.tu, b = excluded.b, bu = excluded.bu, a = excluded.a, au = excluded.au, f = excluded.f`.execute(db);
}

export const TSVECTOR_INDEX: SearchIndex = {
  table: sql`search_index si`,
  id: sql<number>`si.article_id`,
  match: matchPredicate,
  score: rankExpression,
};
