/**
 * The search language, parsed into an AST whose leaves already hold analyzed terms, so a backend
 * only matches tokens and never analyzes text itself.
 *
 *   董军 国防          both must match (AND)
 *   a b OR c           a AND (b OR c): OR binds tighter than AND, as in web search engines.
 *                      Only the uppercase keyword is OR; "or" is a word. There are no parentheses.
 *   "exact phrase"     consecutive terms ("", ＂ and “ ” all quote)
 *   -word  -"phrase"   exclusion; an exclusion cannot take part in OR
 *   title: author: feed: tag:   restrict a word, CJK sequence or quoted phrase to that field;
 *                      plain terms search title and body
 *   after:2024-03-01   published on or after that day, 00:00 UTC
 *   before:2024-03-01  published before that day, 00:00 UTC
 *
 * A word that analyzes to several terms (国防部长, iPhone手机, e-mail) is a phrase. A CJK run becomes
 * its chain of bigrams (国防部长 → 国防 防部 部长); a lone character stays a unigram. Spaces and
 * punctuation inside a phrase only separate terms: "国防 部长" also finds 国防部长 and 国防。部长,
 * as "hello world" finds "hello, world"; only the unquoted 防部 refuses to span the 。.
 *
 * Errors (QUERY_INVALID, with the character number): an unclosed quote, a malformed or impossible
 * date, an excluded date filter, and a query with nothing to include. Slips are ignored with a
 * note in `notes`: a lone `-`, OR with nothing on one side, empty quotes, `title:` without a
 * value, a word with nothing searchable in it (!!!, 😀).
 */
import { analyzeText, DEFAULT_ANALYZER_OPTIONS, isBigramTerm } from './analyze.js';
import type { AnalyzerOptions, Token } from './analyze.js';
import { characterNumber, lexQuery, queryError } from './query-lexer.js';
import type { Lexeme } from './query-lexer.js';

export type QueryField = 'any' | 'title' | 'author' | 'feed' | 'tag';

export interface TermsLeaf {
  kind: 'terms';
  field: QueryField;
  /** True when the terms must sit at consecutive positions (always so for more than one term). */
  phrase: boolean;
  /** Analyzed terms, one per consecutive position. */
  terms: string[];
}

export interface OrNode {
  kind: 'or';
  children: TermsLeaf[];
}

export type QueryNode = TermsLeaf | OrNode;

export interface QueryAst {
  /** Every clause must match. Never empty. */
  must: QueryNode[];
  /** No clause may match. */
  mustNot: TermsLeaf[];
  /** after: — inclusive lower bound on the published time, epoch ms (00:00 UTC), or null. */
  publishedFrom: number | null;
  /** before: — exclusive upper bound on the published time, epoch ms (00:00 UTC), or null. */
  publishedBefore: number | null;
  /** What was ignored and why, to show beside the results. */
  notes: string[];
}

/** Phrase terms for a token stream: per position the widest token (bigram over unigram). */
function queryTerms(tokens: readonly Token[]): string[] {
  const terms: string[] = [];
  let lastPosition = -1;
  for (const token of tokens) {
    if (token.position === lastPosition) terms[terms.length - 1] = token.term;
    else terms.push(token.term);
    lastPosition = token.position;
  }
  // The last character of a CJK run is already inside the bigram before it.
  const beforeLast = terms[terms.length - 2];
  if (beforeLast !== undefined && isBigramTerm(beforeLast)) terms.pop();
  return terms;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(query: string, lexeme: Extract<Lexeme, { kind: 'atom' }>): number {
  const where = `${lexeme.field}:${lexeme.text} at character ${characterNumber(query, lexeme.at)}`;
  if (lexeme.negated) throw queryError(query, `-${where}: a date filter cannot be excluded; use after: or before:`, lexeme.at);
  const match = DATE.exec(lexeme.text.normalize('NFKC').trim());
  if (match === null) throw queryError(query, `${where}: expected a date as YYYY-MM-DD`, lexeme.at);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) throw queryError(query, `${where}: month ${match[2]} does not exist`, lexeme.at);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) {
    throw queryError(query, `${where}: day ${match[3]} does not exist (${match[1]}-${match[2]} has ${daysInMonth} days)`, lexeme.at);
  }
  return Date.UTC(year, month - 1, day);
}

type AtomLexeme = Extract<Lexeme, { kind: 'atom' }>;

/** Collects clauses left to right; an OR joins the term before it to the term after it. */
class ClauseCollector {
  readonly ast: QueryAst;
  private group: TermsLeaf[] | null = null;
  private pendingOr: Lexeme | null = null;

  constructor(
    private readonly query: string,
    notes: string[],
  ) {
    this.ast = { must: [], mustNot: [], publishedFrom: null, publishedBefore: null, notes };
  }

  private noteIgnoredOr(lexeme: Lexeme, why: string): void {
    this.ast.notes.push(`"OR" at character ${characterNumber(this.query, lexeme.at)} ignored: ${why}`);
  }

  or(lexeme: Lexeme): void {
    if (this.group === null) this.noteIgnoredOr(lexeme, 'nothing before it to combine');
    else if (this.pendingOr !== null) this.noteIgnoredOr(lexeme, 'it repeats the one before');
    else this.pendingOr = lexeme;
  }

  date(lexeme: AtomLexeme): void {
    const day = parseDay(this.query, lexeme);
    const { ast } = this;
    if (lexeme.field === 'after') ast.publishedFrom = Math.max(ast.publishedFrom ?? day, day);
    else ast.publishedBefore = Math.min(ast.publishedBefore ?? day, day);
    this.closeGroup('a date filter cannot be part of OR');
  }

  include(leaf: TermsLeaf): void {
    if (this.pendingOr !== null && this.group !== null) this.group.push(leaf);
    else {
      this.closeGroup('');
      this.group = [leaf];
    }
    this.pendingOr = null;
  }

  exclude(leaf: TermsLeaf): void {
    this.closeGroup('an exclusion cannot be part of OR');
    this.ast.mustNot.push(leaf);
  }

  /** End the current OR group; a dangling OR is dropped with `why`. */
  closeGroup(why: string): void {
    if (this.pendingOr !== null) this.noteIgnoredOr(this.pendingOr, why);
    this.pendingOr = null;
    const group = this.group;
    if (group !== null) this.ast.must.push(group.length === 1 && group[0] ? group[0] : { kind: 'or', children: group });
    this.group = null;
  }
}

/** Parse with explicit analyzer options (the relevance measurements compare options). */
export function parseQueryWith(query: string, options: Readonly<AnalyzerOptions>): QueryAst {
  const { lexemes, notes } = lexQuery(query);
  const clauses = new ClauseCollector(query, notes);
  for (const lexeme of lexemes) {
    if (lexeme.kind === 'or') {
      clauses.or(lexeme);
    } else if (lexeme.field === 'after' || lexeme.field === 'before') {
      clauses.date(lexeme);
    } else {
      const terms = queryTerms(analyzeText(lexeme.text, options));
      const leaf: TermsLeaf = { kind: 'terms', field: lexeme.field, phrase: lexeme.quoted || terms.length > 1, terms };
      if (terms.length === 0) notes.push(`"${lexeme.text}" at character ${characterNumber(query, lexeme.at)} ignored: nothing searchable in it`);
      else if (lexeme.negated) clauses.exclude(leaf);
      else clauses.include(leaf);
    }
  }
  clauses.closeGroup('nothing after it to combine');
  checkSearchable(query, clauses.ast);
  return clauses.ast;
}

function checkSearchable(query: string, ast: QueryAst): void {
  if (ast.must.length === 0) {
    const why = ast.mustNot.length > 0 ? 'this query only excludes' : 'this query has no search terms';
    throw queryError(query, `a search needs at least one term to include; ${why}`, 0);
  }
  const { publishedFrom: from, publishedBefore: before } = ast;
  if (from !== null && before !== null && from >= before) {
    ast.notes.push('the after: date is not earlier than the before: date, so nothing can match');
  }
}

/** Parse a search string into an AST; throws FeedkeeperError('QUERY_INVALID') on a malformed query. */
export function parseQuery(query: string): QueryAst {
  return parseQueryWith(query, DEFAULT_ANALYZER_OPTIONS);
}
