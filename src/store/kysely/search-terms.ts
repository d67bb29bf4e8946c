/**
 * How our analyzer's tokens are laid out for a database index, and how a parsed query walks over
 * that layout; shared by SQLite's FTS5 (sqlite/fts.ts) and PostgreSQL's tsvector columns
 * (postgres/ts-query.ts), so both store the same terms at the same positions and read a query the
 * same way, and only the spelling of a match differs.
 *
 * An index cannot stack two tokens on one position (FTS5 cannot; a tsvector could, but then the
 * two backends would disagree), while our analyzer puts a CJK character's unigram and the bigram
 * starting there on the same position. So each field gets two columns:
 * - the phrase stream: per position the widest token (the bigram where there is one, else the
 *   unigram or word). This is exactly how parseQuery turns a query into phrase terms, so a
 *   3-character query (bigrams AB, BC) or a Latin phrase matches consecutive positions, and a
 *   phrase never crosses punctuation (国防。部长 streams as 国防 防 部长 长: no 防部, no false 防部长);
 * - the unigram stream: every CJK character, for one-character queries.
 * A lone CJK character inside a longer phrase ("国防 部长" is 国防, 防, 部长) is a prefix term: in
 * the stream its position holds the bigram starting with it (防部) or, at a run's end, itself.
 * Terms are lower-case letters, digits, dots between digits and CJK characters.
 *
 * Feed names and tags are each user's own, but one index serves everyone. So the index holds no
 * names or tags at all: column f lists the article's feed ids (`f12 f40`), and a feed: or tag:
 * leaf becomes the ids of the searcher's own feeds it names (search/feed-filter.ts). No search can
 * match, or learn, another user's names and tags, and renaming or tagging a feed reindexes nothing.
 */
import { isCjkChar, type QueryAst, type QueryNode, type TermsLeaf } from '../../search/index.js';

export type { FieldStreams } from '../../search/index.js';

/** Column f's terms: one per feed id. */
export const feedTerm = (id: number): string => `f${id}`;

/** The text fields an index holds, each as its (phrase, unigram) column pair, in column order (search/streams.ts). */
export const INDEX_FIELDS = ['title', 'body', 'author'] as const;
export type IndexField = (typeof INDEX_FIELDS)[number];

/** Which of the searcher's feeds a feed: or tag: leaf names. */
export type FeedLeafResolver = (leaf: TermsLeaf) => readonly number[];

/**
 * How one backend spells a match. `terms` of a text leaf are either one CJK character (`single`:
 * look in the unigram column) or a phrase over the phrase column whose lone CJK characters are
 * prefix terms. `feeds` gets at least one id: f0, no feed's, when the leaf names none of the
 * searcher's feeds, so it matches nothing.
 */
export interface MatchSpelling<M> {
  text(fields: readonly IndexField[], terms: ReadonlyArray<{ term: string; prefix: boolean }>, single: boolean): M;
  feeds(ids: readonly number[]): M;
  any(parts: readonly M[]): M;
  all(parts: readonly M[]): M;
  allBut(must: M, mustNot: M): M;
}

/** Plain terms search title and body; author: and title: name their field; feed: and tag: become feed ids. */
function leafMatch<M>(leaf: TermsLeaf, feeds: FeedLeafResolver, spell: MatchSpelling<M>): M {
  if (leaf.field === 'feed' || leaf.field === 'tag') {
    const ids = feeds(leaf);
    return spell.feeds(ids.length === 0 ? [0] : ids);
  }
  const fields: readonly IndexField[] = leaf.field === 'any' ? ['title', 'body'] : [leaf.field];
  const single = leaf.terms.length === 1 && isCjkChar(leaf.terms[0] as string);
  return spell.text(fields, leaf.terms.map((term) => ({ term, prefix: !single && isCjkChar(term) })), single);
}

function nodeMatch<M>(node: QueryNode, feeds: FeedLeafResolver, spell: MatchSpelling<M>): M {
  return node.kind === 'or' ? spell.any(node.children.map((leaf) => leafMatch(leaf, feeds, spell))) : leafMatch(node, feeds, spell);
}

/** The whole match of a parsed query as one searcher asks it (its date filters are the caller's). */
export function spellMatch<M>(ast: QueryAst, feeds: FeedLeafResolver, spell: MatchSpelling<M>): M {
  const must = spell.all(ast.must.map((node) => nodeMatch(node, feeds, spell)));
  return ast.mustNot.length === 0 ? must : spell.allBut(must, spell.any(ast.mustNot.map((leaf) => leafMatch(leaf, feeds, spell))));
}
