/**
 * Matching analyzed terms against one analyzed text: the definition of "this leaf matches here"
 * that the reference matcher, the highlighter and (through the store contract) every backend
 * share. A phrase matches where its terms sit at consecutive positions; a non-phrase leaf needs
 * all its terms anywhere in the same text.
 */
import type { Token } from './analyze.js';
import type { QueryAst, QueryField, TermsLeaf } from './query.js';

/** One occurrence of a leaf, in original UTF-16 offsets. */
export interface MatchSpan {
  start: number;
  end: number;
}

/** Term → position → token, for one field value. */
export class PositionIndex {
  private readonly byTerm = new Map<string, Map<number, Token>>();

  constructor(tokens: readonly Token[]) {
    for (const token of tokens) {
      let positions = this.byTerm.get(token.term);
      if (positions === undefined) this.byTerm.set(token.term, (positions = new Map()));
      if (!positions.has(token.position)) positions.set(token.position, token);
    }
  }

  has(term: string): boolean {
    return this.byTerm.has(term);
  }

  /** Every place the terms occur at consecutive positions, first term first. */
  findPhrase(terms: readonly string[]): MatchSpan[] {
    const [first, ...rest] = terms;
    const anchors = first === undefined ? undefined : this.byTerm.get(first);
    if (anchors === undefined) return [];
    const spans: MatchSpan[] = [];
    for (const [position, anchor] of anchors) {
      let end = anchor.end;
      const matched = rest.every((term, k) => {
        const token = this.byTerm.get(term)?.get(position + k + 1);
        if (token !== undefined) end = Math.max(end, token.end);
        return token !== undefined;
      });
      if (matched) spans.push({ start: anchor.start, end });
    }
    return spans.sort((a, b) => a.start - b.start);
  }

  /** Does `leaf` match this text (ignoring its field, which the caller has already chosen)? */
  matches(leaf: TermsLeaf): boolean {
    if (leaf.phrase || leaf.terms.length === 1) return this.findPhrase(leaf.terms).length > 0;
    return leaf.terms.every((term) => this.has(term));
  }

  /** Spans to highlight for `leaf`: phrase occurrences, or each term's occurrences. */
  spansOf(leaf: TermsLeaf): MatchSpan[] {
    if (leaf.phrase) return this.findPhrase(leaf.terms);
    if (!this.matches(leaf)) return [];
    return leaf.terms.flatMap((term) => this.findPhrase([term]));
  }
}

/** The fields a document has; a query's 'any' searches title and body. */
export type TextField = 'title' | 'body' | 'author' | 'feed' | 'tag';

/** Does a leaf restricted to `leafField` look into text of `textField`? */
export function isFieldSearched(leafField: QueryField, textField: TextField): boolean {
  return leafField === 'any' ? textField === 'title' || textField === 'body' : leafField === textField;
}

/** The positive leaves of `ast`, OR groups opened. */
export function mustLeaves(ast: QueryAst): TermsLeaf[] {
  return ast.must.flatMap((node) => (node.kind === 'or' ? node.children : [node]));
}

/** The positive leaves of `ast` that look into text of `textField`: the ones to highlight there. */
export function leavesFor(ast: QueryAst, textField: TextField): TermsLeaf[] {
  return mustLeaves(ast).filter((leaf) => isFieldSearched(leaf.field, textField));
}
