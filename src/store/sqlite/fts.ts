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
 * Feed names and tags are each user's own, but one index serves everyone. So those columns hold
 * every subscriber's terms with the user's id in front (`7.world` is user 7's tag term "world"),
 * and a query asks only for its own user's prefix: no user's search can match, or learn, another
 * user's names and tags. The analyzer never makes a term of that shape (a dot only stands between
 * digits), and the prefix ends at the first dot, so `7.3.5` is user 7's term "3.5".
 */
import { analyze, type QueryAst, type QueryNode, type TermsLeaf } from '../../search/index.js';

const CJK_CHAR = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\u30FC]$/u;

export interface FieldStreams { phrase: string; unigrams: string }

/** One user's terms in the per-user columns. */
export function ownedStreams(userId: number, texts: readonly string[]): FieldStreams {
  const phrase: string[] = [];
  const unigrams: string[] = [];
  for (const text of texts) {
    const streams = fieldStreams(text);
    if (streams.phrase !== '') phrase.push(owned(userId, streams.phrase));
    if (streams.unigrams !== '') unigrams.push(owned(userId, streams.unigrams));
  }
  return { phrase: phrase.join(' '), unigrams: unigrams.join(' ') };
}

function owned(userId: number, stream: string): string {
  return stream.split(' ').map((term) => `${userId}.${term}`).join(' ');
}

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

/**
 * Column pairs (phrase, unigram) in the table's column order: title, body, author, the feeds' own
 * titles, then the per-user columns: feed names the users gave, and their tags.
 */
const COLUMNS = { title: ['t', 'tu'], body: ['b', 'bu'], author: ['a', 'au'], feed: ['f', 'fu'], name: ['o', 'ou'], tag: ['g', 'gu'] } as const;
/** bm25 weights in column order: title counts three times, feed names and tags half. */
export const BM25_WEIGHTS = [3, 3, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5] as const;

type Column = keyof typeof COLUMNS;

function columnMatch(columns: readonly Column[], terms: readonly string[], owner: number | null): string {
  const single = terms.length === 1 && CJK_CHAR.test(terms[0] as string);
  const term = (t: string) => (owner === null ? t : `${owner}.${t}`);
  const phrase = single ? `"${term(terms[0] as string)}"` : terms.map((t) => (CJK_CHAR.test(t) ? `"${term(t)}" *` : `"${term(t)}"`)).join(' + ');
  return `{${columns.map((c) => COLUMNS[c][single ? 1 : 0]).join(' ')}}: (${phrase})`;
}

/** Plain terms search title and body; author:, feed: and tag: name their field; names and tags are the user's. */
function leafMatch(leaf: TermsLeaf, userId: number): string {
  switch (leaf.field) {
    case 'any': return columnMatch(['title', 'body'], leaf.terms, null);
    case 'title': return columnMatch(['title'], leaf.terms, null);
    case 'author': return columnMatch(['author'], leaf.terms, null);
    case 'feed': return `(${columnMatch(['feed'], leaf.terms, null)} OR ${columnMatch(['name'], leaf.terms, userId)})`;
    case 'tag': return columnMatch(['tag'], leaf.terms, userId);
  }
}

function nodeMatch(node: QueryNode, userId: number): string {
  return node.kind === 'or' ? `(${node.children.map((leaf) => leafMatch(leaf, userId)).join(' OR ')})` : leafMatch(node, userId);
}

/** The FTS5 MATCH expression for a parsed query as this user asks it (its date filters are applied in SQL). */
export function matchExpression(ast: QueryAst, userId: number): string {
  const must = ast.must.map((node) => nodeMatch(node, userId)).join(' AND ');
  return ast.mustNot.length === 0 ? must : `(${must}) NOT (${ast.mustNot.map((leaf) => leafMatch(leaf, userId)).join(' OR ')})`;
}
