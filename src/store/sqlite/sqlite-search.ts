/**
 * The search index on SQLite: one contentless FTS5 row per article (rowid = article id) holding
 * our analyzer's token streams (fts.ts), written by `indexArticle` inside the caller's transaction
 * whenever an article or its feeds change, matched by one MATCH expression and ranked by bm25
 * (title weighted up). The paging and the rest of SearchRepo are shared (kysely/search-repo.ts).
 */
import { sql } from 'kysely';
import type { Db } from '../kysely/context.js';
import { indexSource, type SearchIndex } from '../kysely/search-repo.js';
import type { FieldStreams } from '../../search/index.js';
import { BM25_WEIGHTS, columnValues, feedIdStream, matchExpression } from './fts.js';

/** (Re)writes one article's index entry from its latest revision and the ids of its feeds. */
export async function indexArticle(db: Db, articleId: number, streams?: readonly FieldStreams[]): Promise<void> {
  const source = await indexSource(db, articleId, streams);
  await sql`delete from search_fts where rowid = ${articleId}`.execute(db);
  if (source === undefined) return;
  await sql`insert into search_fts (rowid, t, tu, b, bu, a, au, f) values (${articleId}, ${sql.join(columnValues(source.streams))}, ${feedIdStream(source.feedIds)})`.execute(db);
}

export const FTS5_INDEX: SearchIndex = {
  table: sql`search_fts`,
  id: sql<number>`search_fts.rowid`,
  match: (ast, feeds) => sql<boolean>`search_fts match ${matchExpression(ast, feeds)}`,
  // bm25 is lower for better matches.
  score: () => sql<number>`-bm25(search_fts, ${sql.join(BM25_WEIGHTS.map((w) => sql.lit(w)))})`,
  relevancePlan: { kind: 'steps' },
  read: (db, run) => run(db),
};
