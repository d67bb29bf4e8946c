/**
 * search/: the analyzer (NFKC, case folding, Traditional → Simplified, CJK unigrams + bigrams,
 * words elsewhere), the query language → AST, highlights and snippets, and the reference matcher
 * every storage backend is checked against. Pure: no fs, no network, no store.
 */
export { analyze, ANALYZER_VERSION } from './analyze.js';
export type { Token } from './analyze.js';
export { parseQuery } from './query.js';
export type { QueryAst, QueryNode, QueryField, TermsLeaf, OrNode } from './query.js';
export { snippet } from './snippet.js';
export type { HighlightOptions } from './snippet.js';
export type { TextField } from './match.js';
export { feedResolver, namesFeeds } from './feed-filter.js';
export type { SearcherFeed } from './feed-filter.js';
export { articleStreams, isCjkChar } from './streams.js';
export type { FieldStreams, IndexedText } from './streams.js';
