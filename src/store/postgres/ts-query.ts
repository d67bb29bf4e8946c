/**
 * The PostgreSQL spelling of our index layout (kysely/search-terms.ts): the same columns as
 * SQLite's FTS5 table (t/tu title, b/bu body, a/au author: phrase and CJK unigram streams; f, the
 * feed ids), each a tsvector written from our terms verbatim, and what ranking reads instead
 * (search_rank: the same title and author columns and bl/blu, the body's lead); and a parsed
 * query as one boolean SQL expression of `column @@ tsquery` tests. A phrase is `'a' <-> 'b'` (consecutive positions),
 * a lone CJK character inside it the prefix `'防':*`, as FTS5's `"防" *`. Both literals are built
 * here with every lexeme quoted, and cast by PostgreSQL's own input functions, so no text search
 * configuration ever splits, stems or folds our tokens.
 */
import { sql, type RawBuilder } from 'kysely';
import type { QueryAst } from '../../search/index.js';
import { feedTerm, spellMatch, type FeedLeafResolver, type FieldStreams, type IndexField, type MatchSpelling } from '../kysely/search-terms.js';

const COLUMNS: Readonly<Record<IndexField, readonly [string, string]>> = { title: ['t', 'tu'], body: ['b', 'bu'], author: ['a', 'au'] };
/**
 * Weights in the order t, tu, bl, blu, a, au, as SQLite's bm25 weights t, tu, b, bu, a, au: title
 * counts three times. They are search_rank's columns (aliased sr): the body is ranked by its lead
 * (bl, blu), never by b and bu, which are TOASTed: reading those for each of the relevance
 * window's 1,000 rows was half of a search's time.
 */
const WEIGHTS: ReadonlyArray<readonly [string, number, 'phrase' | 'single']> = [['t', 3, 'phrase'], ['tu', 3, 'single'], ['bl', 1, 'phrase'], ['blu', 1, 'single'], ['a', 1, 'phrase'], ['au', 1, 'single']];

/**
 * How many positions of the body's phrase and unigram streams its lead keeps: about the first
 * paragraph of a news article, small enough (some 1.2 KB for Chinese text) that a search_rank row
 * stays under PostgreSQL's 2 KB TOAST threshold, in line.
 */
const LEAD_POSITIONS = 64;

/** The body's lead: the first LEAD_POSITIONS terms of each of its streams. */
export function leadOf(body: FieldStreams): FieldStreams {
  return { phrase: body.phrase.slice(0, LEAD_POSITIONS), unigrams: body.unigrams.slice(0, LEAD_POSITIONS) };
}

/** PostgreSQL refuses a lexeme of 2 KB or more; no real word is that long, and such a term is left out of the entry. */
const MAX_LEXEME_BYTES = 2046;

const quote = (term: string): string => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** A tsvector literal of these terms at positions 1, 2, … (PostgreSQL keeps positions up to 16,383). */
export function tsvectorLiteral(terms: readonly string[]): string {
  return terms.flatMap((term, i) => (Buffer.byteLength(term) > MAX_LEXEME_BYTES ? [] : [`${quote(term)}:${Math.min(i + 1, 16_383)}`])).join(' ');
}

/** Column f's literal: one lexeme per feed id. */
export function feedsLiteral(feedIds: readonly number[]): string {
  return feedIds.map((id) => quote(feedTerm(id))).join(' ');
}

type Text = ReadonlyArray<{ term: string; prefix: boolean }>;
const phraseQuery = (terms: Text): string => terms.map(({ term, prefix }) => `${quote(term)}${prefix ? ':*' : ''}`).join(' <-> ');
const tsquery = (text: string): RawBuilder<unknown> => sql`cast(${text} as tsquery)`;
const col = (name: string): RawBuilder<unknown> => sql.ref(`si.${name}`);
const rankCol = (name: string): RawBuilder<unknown> => sql.ref(`sr.${name}`);

const MATCH: MatchSpelling<RawBuilder<boolean>> = {
  text: (fields, terms, single) => {
    const query = tsquery(phraseQuery(terms));
    return sql<boolean>`(${sql.join(fields.map((f) => sql`${col(COLUMNS[f][single ? 1 : 0])} @@ ${query}`), sql` or `)})`;
  },
  feeds: (ids) => sql<boolean>`si.f @@ ${tsquery(ids.map((id) => quote(feedTerm(id))).join(' | '))}`,
  any: (parts) => sql<boolean>`(${sql.join(parts, sql` or `)})`,
  all: (parts) => sql<boolean>`(${sql.join(parts, sql` and `)})`,
  allBut: (must, mustNot) => sql<boolean>`(${must} and not ${mustNot})`,
};

/** The rows of search_index (aliased si) that match the query as this searcher asks it. */
export function matchPredicate(ast: QueryAst, feeds: FeedLeafResolver): RawBuilder<boolean> {
  return spellMatch(ast, feeds, MATCH);
}

/** The positive text leaves of a query, as tsquery text for the phrase columns and for the unigram columns. */
interface Wanted { phrase: string[]; single: string[] }
const WANTED: MatchSpelling<Wanted> = {
  text: (_fields, terms, single) => (single ? { phrase: [], single: [phraseQuery(terms)] } : { phrase: [phraseQuery(terms)], single: [] }),
  feeds: () => ({ phrase: [], single: [] }),
  any: (parts) => ({ phrase: parts.flatMap((p) => p.phrase), single: parts.flatMap((p) => p.single) }),
  all: (parts) => WANTED.any(parts),
  allBut: (must) => must,
};

/**
 * Relevance (over search_rank, aliased sr): ts_rank of the query's positive
 * terms in the title, the body's lead and the author,
 * weighted as SQLite weights bm25 (title three times). Not bm25, and a body matched only past its
 * lead scores as no body match, so scores differ between backends; what both keep is the order
 * the contract checks: a title match above a body-only match, the newer article on a tie.
 */
export function rankExpression(ast: QueryAst, feeds: FeedLeafResolver): RawBuilder<number> {
  const wanted = spellMatch(ast, feeds, WANTED);
  const parts = WEIGHTS.flatMap(([column, weight, kind]) => {
    const queries = kind === 'phrase' ? wanted.phrase : wanted.single;
    if (queries.length === 0) return [];
    return [sql`${sql.lit(weight)} * ts_rank(${rankCol(column)}, ${tsquery(queries.map((q) => `(${q})`).join(' | '))})`];
  });
  // No search_rank row (an entry from before the rebuild of migration 013, left-joined) scores 0.
  return parts.length === 0 ? sql<number>`0` : sql<number>`coalesce(${sql.join(parts, sql` + `)}, 0)`;
}
