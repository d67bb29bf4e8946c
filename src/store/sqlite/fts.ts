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
 */
import { analyze, type QueryAst, type QueryNode, type TermsLeaf } from '../../search/index.js';

const CJK_CHAR = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\u30FC]$/u;

export interface FieldStreams { phrase: string; unigrams: string }

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

/** Column pairs (phrase, unigram) per query field, in the table's column order. */
const COLUMNS = { title: ['t', 'tu'], body: ['b', 'bu'], author: ['a', 'au'], feed: ['f', 'fu'], tag: ['g', 'gu'] } as const;
/** bm25 weights in column order: title counts three times, feed and tags half. */
export const BM25_WEIGHTS = [3, 3, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5] as const;

function leafMatch(leaf: TermsLeaf): string {
  const single = leaf.terms.length === 1 && CJK_CHAR.test(leaf.terms[0] as string);
  // Plain terms search title and body; author:, feed: and tag: name their field.
  const fields = leaf.field === 'any' ? (['title', 'body'] as const) : [leaf.field];
  const columns = fields.map((f) => COLUMNS[f][single ? 1 : 0]);
  const phrase = single ? `"${leaf.terms[0]}"` : leaf.terms.map((t) => (CJK_CHAR.test(t) ? `"${t}" *` : `"${t}"`)).join(' + ');
  return `{${columns.join(' ')}}: (${phrase})`;
}

function nodeMatch(node: QueryNode): string {
  return node.kind === 'or' ? `(${node.children.map(leafMatch).join(' OR ')})` : leafMatch(node);
}

/** The FTS5 MATCH expression for a parsed query (its date filters are applied in SQL). */
export function matchExpression(ast: QueryAst): string {
  const must = ast.must.map(nodeMatch).join(' AND ');
  return ast.mustNot.length === 0 ? must : `(${must}) NOT (${ast.mustNot.map(leafMatch).join(' OR ')})`;
}
