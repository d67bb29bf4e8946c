/**
 * Plain text of extracted article HTML, and the token F1 that tests and the benchmark use to
 * compare two texts. Text is one paragraph per block element (p, li, h1–h6, blockquote,
 * figcaption, td…), paragraphs separated by a blank line, whitespace collapsed inside each.
 * A <br> also ends a paragraph: old CMSs separate paragraphs with <br><br>, and one rule is easier
 * to predict than two. Uses htmlparser2 (no DOM): it runs on every stored article.
 */
import { Parser } from 'htmlparser2';

export interface TextBlock {
  text: string;
  /** A CSS-like path to the element the paragraph came from: `div > p:nth-of-type(3)`. */
  path: string;
}

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption',
  'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p',
  'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'head', 'title']);
const VOID_TAGS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

interface Frame {
  tag: string;
  /** How many children of each tag name this element has seen so far. */
  seen: Map<string, number>;
  step: string;
}

/** Paragraphs of the HTML with the path of the element each came from. */
export function textBlocks(html: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  const stack: Frame[] = [{ tag: '#root', seen: new Map(), step: '' }];
  let buffer = '';
  let bufferPath = '';
  let skipDepth = 0;
  const pathOf = () => stack.slice(1).map((f) => f.step).join(' > ');
  const flush = () => {
    const text = buffer.replace(/\s+/g, ' ').trim();
    if (text !== '') blocks.push({ text, path: bufferPath || pathOf() });
    buffer = '';
    bufferPath = '';
  };
  const parser = new Parser(
    {
      onopentag(rawName) {
        const tag = rawName.toLowerCase();
        const parent = stack[stack.length - 1] as Frame;
        const n = (parent.seen.get(tag) ?? 0) + 1;
        parent.seen.set(tag, n);
        if (SKIPPED_TAGS.has(tag) && !VOID_TAGS.has(tag)) skipDepth++;
        if (BLOCK_TAGS.has(tag)) flush();
        if (!VOID_TAGS.has(tag)) stack.push({ tag, seen: new Map(), step: n === 1 ? tag : `${tag}:nth-of-type(${n})` });
      },
      ontext(text) {
        if (skipDepth > 0) return;
        if (buffer === '' && text.trim() !== '') bufferPath = pathOf();
        buffer += text;
      },
      onclosetag(rawName) {
        const tag = rawName.toLowerCase();
        if (VOID_TAGS.has(tag)) return;
        if (BLOCK_TAGS.has(tag)) flush();
        if (SKIPPED_TAGS.has(tag)) skipDepth = Math.max(0, skipDepth - 1);
        const index = stack.map((f) => f.tag).lastIndexOf(tag);
        if (index > 0) stack.length = index;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return blocks;
}

/** The article as plain text: paragraphs separated by blank lines. */
export function articleText(contentHtml: string): string {
  return textBlocks(contentHtml).map((b) => b.text).join('\n\n');
}

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
// A CJK character alone, or a run of letters, digits and marks that are not CJK.
const TOKEN = new RegExp(`[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])+`, 'gu');

/** Tokens for comparing texts: each CJK character on its own, other words whole, case-folded. */
export function tokenize(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(TOKEN) ?? [];
}

/**
 * Harmonic mean of token precision and recall of `actual` against `expected` (multisets, order
 * ignored). 1 when both are empty, 0 when only one is.
 */
export function tokenF1(actual: string, expected: string): number {
  const a = tokenize(actual);
  const b = tokenize(expected);
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of b) counts.set(t, (counts.get(t) ?? 0) + 1);
  let overlap = 0;
  for (const t of a) {
    const left = counts.get(t) ?? 0;
    if (left > 0) {
      overlap++;
      counts.set(t, left - 1);
    }
  }
  if (overlap === 0) return 0;
  const precision = overlap / a.length;
  const recall = overlap / b.length;
  return (2 * precision * recall) / (precision + recall);
}
