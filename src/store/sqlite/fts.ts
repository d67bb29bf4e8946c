/**
 * The FTS5 spelling of our index layout (kysely/search-terms.ts): two columns per text field
 * (t/tu title, b/bu body, a/au author: the phrase stream and the CJK unigram stream) and f, the
 * feed ids, each a space-separated stream the `ascii` tokenizer (with `.` as a token character)
 * splits only at our spaces; and a parsed query as one MATCH expression over them.
 */
import type { QueryAst } from '../../search/index.js';
import { feedTerm, spellMatch, type FeedLeafResolver, type FieldStreams, type IndexField, type MatchSpelling } from '../kysely/search-terms.js';

const COLUMNS: Readonly<Record<IndexField, readonly [string, string]>> = { title: ['t', 'tu'], body: ['b', 'bu'], author: ['a', 'au'] };
/** bm25 weights in column order: title counts three times; feed ids are a filter, not a ranking signal. */
export const BM25_WEIGHTS = [3, 3, 1, 1, 1, 1, 0] as const;

/** The values of columns t, tu, b, bu, a, au (in that order) from the streams of title, body and author. */
export function columnValues(streams: readonly FieldStreams[]): string[] {
  return streams.flatMap((s) => [s.phrase.join(' '), s.unigrams.join(' ')]);
}

/** Column f: the article's feed ids, one term each. */
export function feedIdStream(feedIds: readonly number[]): string {
  return feedIds.map(feedTerm).join(' ');
}

const FTS5: MatchSpelling<string> = {
  text: (fields, terms, single) => {
    const phrase = terms.map(({ term, prefix }) => (prefix ? `"${term}" *` : `"${term}"`)).join(' + ');
    return `{${fields.map((f) => COLUMNS[f][single ? 1 : 0]).join(' ')}}: (${phrase})`;
  },
  feeds: (ids) => `{f}: (${ids.map((id) => `"${feedTerm(id)}"`).join(' OR ')})`,
  any: (parts) => `(${parts.join(' OR ')})`,
  all: (parts) => parts.join(' AND '),
  allBut: (must, mustNot) => `(${must}) NOT ${mustNot}`,
};

/** The FTS5 MATCH expression for a parsed query as one searcher asks it (its date filters are applied in SQL). */
export function matchExpression(ast: QueryAst, feeds: FeedLeafResolver): string {
  return spellMatch(ast, feeds, FTS5);
}
