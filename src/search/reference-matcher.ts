/**
 * A tiny in-memory search engine: an inverted index with positions over the analyzer's tokens,
 * evaluating a QueryAst exactly as the search language defines it. It is the oracle: the
 * relevance fixtures are checked against it, and the store contract asserts that every backend
 * returns the same hit sets. Speed is not its job; being obviously right is.
 *
 * Each field value is matched on its own (a phrase never runs from the title into the body, nor
 * from one tag into the next); plain terms look into title and body.
 */
import { analyzeText, DEFAULT_ANALYZER_OPTIONS } from './analyze.js';
import type { AnalyzerOptions } from './analyze.js';
import { isFieldSearched, PositionIndex } from './match.js';
import type { TextField } from './match.js';
import type { QueryAst, QueryNode, TermsLeaf } from './query.js';

export interface SearchDocument {
  id: string;
  title: string;
  body: string;
  author: string;
  feed: string;
  tags: readonly string[];
  /** ISO 8601 timestamp or epoch milliseconds. */
  published: string | number;
}

interface IndexedDocument {
  id: string;
  published: number;
  fields: ReadonlyArray<{ field: TextField; index: PositionIndex }>;
}

export interface ReferenceMatcher {
  /** Ids of the matching documents, in the order they were given. */
  search(ast: QueryAst): string[];
}

function indexDocument(doc: SearchDocument, options: Readonly<AnalyzerOptions>): IndexedDocument {
  const values: Array<[TextField, string]> = [
    ['title', doc.title],
    ['body', doc.body],
    ['author', doc.author],
    ['feed', doc.feed],
    ...doc.tags.map((tag): [TextField, string] => ['tag', tag]),
  ];
  const published = typeof doc.published === 'number' ? doc.published : Date.parse(doc.published);
  return {
    id: doc.id,
    published,
    fields: values.map(([field, text]) => ({ field, index: new PositionIndex(analyzeText(text, options)) })),
  };
}

function matchesLeaf(doc: IndexedDocument, leaf: TermsLeaf): boolean {
  return doc.fields.some(({ field, index }) => isFieldSearched(leaf.field, field) && index.matches(leaf));
}

function matchesNode(doc: IndexedDocument, node: QueryNode): boolean {
  return node.kind === 'or' ? node.children.some((leaf) => matchesLeaf(doc, leaf)) : matchesLeaf(doc, node);
}

function isInDateRange(doc: IndexedDocument, ast: QueryAst): boolean {
  if (ast.publishedFrom !== null && !(doc.published >= ast.publishedFrom)) return false;
  if (ast.publishedBefore !== null && !(doc.published < ast.publishedBefore)) return false;
  return true;
}

/** Index `docs` in memory. `options` exist for measurements; everything else uses the defaults. */
export function createReferenceMatcher(
  docs: readonly SearchDocument[],
  options: Readonly<AnalyzerOptions> = DEFAULT_ANALYZER_OPTIONS,
): ReferenceMatcher {
  const indexed = docs.map((doc) => indexDocument(doc, options));
  return {
    search(ast) {
      return indexed
        .filter((doc) => isInDateRange(doc, ast))
        .filter((doc) => ast.must.every((node) => matchesNode(doc, node)))
        .filter((doc) => !ast.mustNot.some((leaf) => matchesLeaf(doc, leaf)))
        .map((doc) => doc.id);
    },
  };
}
