/**
 * Highlights and snippets over the ORIGINAL text: the reader sees the article's own characters
 * (a Traditional query marks the Simplified text it matched), HTML-escaped, with the caller's
 * marks around every match. Lengths count code points; a cut never splits a surrogate pair,
 * never separates a character from its combining marks, and avoids cutting a Latin word in two.
 * Nothing here decides whether a document matches; it only shows where.
 */
import { analyzeText } from './analyze.js';
import { leavesFor, PositionIndex } from './match.js';
import type { TextField } from './match.js';
import type { QueryAst } from './query.js';
import { CJK_CHAR } from './scripts.js';

export interface HighlightOptions {
  /** Most code points of the original text to show (marks and ellipses not counted). */
  maxLength: number;
  /** Inserted verbatim before and after each match, e.g. ['<mark>', '</mark>']. */
  mark: readonly [string, string];
  /** Which field the text is, to pick the query leaves that apply to it. Default 'body'. */
  field?: TextField;
}

interface Span {
  start: number;
  end: number;
  leaves: Set<number>;
}

const ELLIPSIS = '…';
const WORD_SNAP_LIMIT = 24;
const EXTENDER = /[\p{M}\u200C\u200D]/u;
const LATIN_WORD_CHAR = /[\p{L}\p{N}]/u;
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** Merged match spans (overlapping or touching spans become one), in text order. */
function findSpans(original: string, ast: QueryAst, field: TextField): Span[] {
  const index = new PositionIndex(analyzeText(original));
  const raw = leavesFor(ast, field).flatMap((leaf, n) => index.spansOf(leaf).map((s) => ({ ...s, leaves: new Set([n]) })));
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of raw) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span.start <= last.end) {
      last.end = Math.max(last.end, span.end);
      for (const leaf of span.leaves) last.leaves.add(leaf);
    } else merged.push(span);
  }
  return merged;
}

/** UTF-16 offset of every code point start, plus the text length at the end. */
function codePointOffsets(text: string): number[] {
  const offsets: number[] = [];
  let offset = 0;
  for (const ch of text) {
    offsets.push(offset);
    offset += ch.length;
  }
  offsets.push(offset);
  return offsets;
}

/** Index of the code point that starts at (or contains) UTF-16 offset `at`. */
function codePointIndex(offsets: readonly number[], at: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((offsets[mid] ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The window [first, last) of code points around the best cluster: most distinct leaves, then most matches. */
function chooseWindow(offsets: readonly number[], spans: readonly Span[], maxLength: number): [number, number] {
  const total = offsets.length - 1;
  let best: { from: number; to: number; leaves: number; count: number } | null = null;
  for (let i = 0; i < spans.length; i++) {
    const from = codePointIndex(offsets, spans[i]?.start ?? 0);
    const leaves = new Set<number>();
    let to = from;
    let count = 0;
    for (let j = i; j < spans.length; j++) {
      const span = spans[j];
      const end = span === undefined ? to : codePointIndex(offsets, span.end - 1) + 1;
      if (j > i && end - from > maxLength) break;
      to = Math.min(end, from + maxLength);
      count++;
      for (const leaf of span?.leaves ?? []) leaves.add(leaf);
    }
    if (best === null || leaves.size > best.leaves || (leaves.size === best.leaves && count > best.count)) {
      best = { from, to, leaves: leaves.size, count };
    }
  }
  if (best === null) return [0, Math.min(total, maxLength)];
  const slack = maxLength - (best.to - best.from);
  const first = Math.max(0, Math.min(best.from - Math.floor(slack / 2), total - maxLength));
  return [first, Math.min(total, first + maxLength)];
}

function isLatinWordChar(ch: string | undefined): boolean {
  return ch !== undefined && LATIN_WORD_CHAR.test(ch) && !CJK_CHAR.test(ch);
}

/** Move the cut points off the middle of Latin words and off combining marks, without losing matches. */
function snapWindow(text: string, offsets: readonly number[], window: [number, number], spans: readonly Span[]): [number, number] {
  let [first, last] = window;
  const total = offsets.length - 1;
  const at = (k: number): string => String.fromCodePoint(text.codePointAt(offsets[k] ?? 0) ?? 0);
  const firstMatch = spans.find((s) => s.end > (offsets[first] ?? 0));
  const keepFrom = firstMatch === undefined ? last : codePointIndex(offsets, firstMatch.start);
  const lastMatch = spans.filter((s) => s.start < (offsets[last] ?? 0)).pop();
  const keepTo = lastMatch === undefined ? first : Math.min(last, codePointIndex(offsets, lastMatch.end - 1) + 1);
  if (first > 0 && isLatinWordChar(at(first - 1))) {
    let k = first;
    while (k < total && k - first < WORD_SNAP_LIMIT && isLatinWordChar(at(k))) k++;
    if (k - first < WORD_SNAP_LIMIT && k <= keepFrom) first = k;
  }
  while (first < last && first < keepFrom && (/\s/.test(at(first)) || EXTENDER.test(at(first)))) first++;
  if (last < total && isLatinWordChar(at(last))) {
    let k = last;
    while (k > first && last - k < WORD_SNAP_LIMIT && isLatinWordChar(at(k - 1))) k--;
    if (last - k < WORD_SNAP_LIMIT && k > first && k >= keepTo) last = k;
  }
  while (last > first && last < total && EXTENDER.test(at(last))) last--;
  while (last > first && /\s/.test(at(last - 1))) last--;
  return [first, last];
}

function render(text: string, from: number, to: number, spans: readonly Span[], mark: readonly [string, string]): string {
  let out = from > 0 ? ELLIPSIS : '';
  let cursor = from;
  for (const span of spans) {
    const start = Math.max(span.start, from);
    const end = Math.min(span.end, to);
    if (end <= start) continue;
    out += escapeHtml(text.slice(cursor, start)) + mark[0] + escapeHtml(text.slice(start, end)) + mark[1];
    cursor = end;
  }
  out += escapeHtml(text.slice(cursor, to));
  return to < text.length ? out + ELLIPSIS : out;
}

function excerpt(original: string, query: QueryAst, opts: HighlightOptions, aroundMatches: boolean): string {
  const spans = findSpans(original, query, opts.field ?? 'body');
  const offsets = codePointOffsets(original);
  const total = offsets.length - 1;
  const maxLength = Math.max(1, Math.floor(opts.maxLength));
  if (total <= maxLength) return render(original, 0, original.length, spans, opts.mark);
  const window = aroundMatches ? chooseWindow(offsets, spans, maxLength) : ([0, maxLength] as [number, number]);
  const [first, last] = snapWindow(original, offsets, window, spans);
  return render(original, offsets[first] ?? 0, offsets[last] ?? original.length, spans, opts.mark);
}

/** The whole text (cut at maxLength from its start) with every match marked; for titles. */
export function highlight(original: string, query: QueryAst, opts: HighlightOptions): string {
  return excerpt(original, query, opts, false);
}

/** At most maxLength code points around the best cluster of matches, marked, with ellipses at cuts. */
export function snippet(original: string, query: QueryAst, opts: HighlightOptions): string {
  return excerpt(original, query, opts, true);
}
