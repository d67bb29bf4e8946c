/**
 * `feed:` and `tag:` are about the searcher's own feeds: the names they see (their own title for
 * a feed, and the feed's title) and the tags they gave. Those differ per user while the index is
 * shared, so a backend does not index them: it indexes each article's feed ids, and this turns a
 * feed: or tag: leaf into the ids of the user's feeds it names, matched exactly as the reference
 * matcher matches any field (a phrase at consecutive positions, one name or tag at a time). Then
 * no search can match, or learn, another user's names or tags, and renaming or tagging a feed
 * costs no reindex.
 */
import { analyze } from './analyze.js';
import { mustLeaves, PositionIndex } from './match.js';
import type { QueryAst, TermsLeaf } from './query.js';

/** One feed as the searcher knows it. */
export interface SearcherFeed {
  id: number;
  /** The user's own title and the feed's title (either answers feed:). */
  names: ReadonlyArray<string | null>;
  tags: readonly string[];
}

/** Resolves feed: and tag: leaves of one query for one searcher, analyzing each name once. */
export function feedResolver(feeds: readonly SearcherFeed[]): (leaf: TermsLeaf) => number[] {
  const indexed = feeds.map((f) => ({
    id: f.id,
    names: f.names.filter((n): n is string => n !== null && n !== '').map((n) => new PositionIndex(analyze(n))),
    tags: f.tags.map((t) => new PositionIndex(analyze(t))),
  }));
  return (leaf) => {
    if (leaf.field !== 'feed' && leaf.field !== 'tag') return [];
    return indexed.filter((f) => (leaf.field === 'feed' ? f.names : f.tags).some((index) => index.matches(leaf))).map((f) => f.id);
  };
}

/** Whether the query has a feed: or tag: leaf at all (so a backend need not load the user's feeds). */
export function namesFeeds(ast: QueryAst): boolean {
  return [...mustLeaves(ast), ...ast.mustNot].some((leaf) => leaf.field === 'feed' || leaf.field === 'tag');
}
