/**
 * How our analyzer's tokens become FTS5 columns and queries. FTS5 gives each token one position
 * and cannot stack two tokens on one position, while our analyzer puts a CJK character's unigram
 * and the bigram starting there on the same position. So each field gets two columns:
 * - the phrase stream: per position the widest token (the bigram where there is one, else the
 *   unigram or word). This is exactly how parseQuery turns a query into phrase terms, so a
 *   3-character query (bigrams AB, BC) or a Latin phrase matches consecutive positions, and a
 *   phrase never crosses punctuation (国防。部长 streams as 国防 防 部长 长: no 防部, no false 防部长);
 * - the unigram stream: every CJK character, for one-character queries.
 * A lone CJK character inside a longer phrase ("国防 部长" is 国防, 防, 部长) is a prefix term: in
 * the stream its position holds the bigram starting with it (防部) or, at a run's end, itself.
 * Terms are lower-case letters, digits, dots between digits and CJK characters, so the ascii
 * tokenizer (with `.` as a token character) splits streams and queries only at our spaces.
 *
 * Feed names and tags are each user's own, but one index serves everyone. So the index holds no
 * names or tags at all: column f lists the article's feed ids (`f12 f40`), and a feed: or tag:
 * leaf becomes the ids of the searcher's own feeds it names (search/feed-filter.ts). No search can
 * match, or learn, another user's names and tags, and renaming or tagging a feed reindexes nothing.
 */
import { analyze, type QueryAst, type QueryNode, type TermsLeaf } from '../../search/index.js';

const CJK_CHAR = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\u30FC]$/u;

export interface FieldStreams { phrase: string; unigrams: string }

/** Column f: the article's feed ids, one term each. */
export function feedIdStream(feedIds: readonly number[]): string {
  return feedIds.map(feedTerm).join(' ');
}

const feedTerm = (id: number): string => `f${id}`;

export function fieldStreams(text: string): FieldStreams {
  const phrase: string[] = [];
  const unigrams: string[] = [];
  let lastPosition = -1;
  for (const token of analyze(text)) {
    if (token.position === lastPosition) phrase[phrase.length - 1] = token.term;
    else phrase.push(token.term);
    lastPosition = token.position;
    if (CJK_CHAR.test(token.term)) unigrams.push(token.term);
  }
  return { phrase: phrase.join(' '), unigrams: unigrams.join(' ') };
}

/** Column pairs (phrase, unigram) per text field, in the table's column order; then f, the feed ids. */
const COLUMNS = { title: ['t', 'tu'], body: ['b', 'bu'], author: ['a', 'au'] } as const;
/** bm25 weights in column order: title counts three times; feed ids are a filter, not a ranking signal. */
export const BM25_WEIGHTS = [3, 3, 1, 1, 1, 1, 0] as const;

type Column = keyof typeof COLUMNS;
/** Which of the searcher's feeds a feed: or tag: leaf names. */
export type FeedLeafResolver = (leaf: TermsLeaf) => readonly number[];

function columnMatch(columns: readonly Column[], terms: readonly string[]): string {
  const single = terms.length === 1 && CJK_CHAR.test(terms[0] as string);
  const phrase = single ? `"${terms[0]}"` : terms.map((t) => (CJK_CHAR.test(t) ? `"${t}" *` : `"${t}"`)).join(' + ');
  return `{${columns.map((c) => COLUMNS[c][single ? 1 : 0]).join(' ')}}: (${phrase})`;
}

/** f0 is no feed's term: a feed: or tag: that names none of the searcher's feeds matches nothing. */
function feedMatch(ids: readonly number[]): string {
  return `{f}: (${(ids.length === 0 ? [0] : ids).map((id) => `"${feedTerm(id)}"`).join(' OR ')})`;
}

/** Plain terms search title and body; author: and title: name their field; feed: and tag: become feed ids. */
function leafMatch(leaf: TermsLeaf, feeds: FeedLeafResolver): string {
  switch (leaf.field) {
    case 'any': return columnMatch(['title', 'body'], leaf.terms);
    case 'title': return columnMatch(['title'], leaf.terms);
    case 'author': return columnMatch(['author'], leaf.terms);
    case 'feed':
    case 'tag': return feedMatch(feeds(leaf));
  }
}

function nodeMatch(node: QueryNode, feeds: FeedLeafResolver): string {
  return node.kind === 'or' ? `(${node.children.map((leaf) => leafMatch(leaf, feeds)).join(' OR ')})` : leafMatch(node, feeds);
}

/** The FTS5 MATCH expression for a parsed query as one searcher asks it (its date filters are applied in SQL). */
export function matchExpression(ast: QueryAst, feeds: FeedLeafResolver): string {
  const must = ast.must.map((node) => nodeMatch(node, feeds)).join(' AND ');
  return ast.mustNot.length === 0 ? must : `(${must}) NOT (${ast.mustNot.map((leaf) => leafMatch(leaf, feeds)).join(' OR ')})`;
}
