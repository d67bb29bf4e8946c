/**
 * Plain text of a cleaned article, for search and summaries: one paragraph per block element,
 * paragraphs separated by a blank line, whitespace collapsed inside a paragraph. A <br> becomes
 * a line break, <pre> keeps its spacing, table cells are separated by a space, and image alt
 * text is left out (it describes a picture, it is not the article's words).
 */
import type { ChildNode, ParentNode } from './dom.js';
import { isElement } from './dom.js';

const BLOCKS = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'table', 'caption', 'tr', 'figure', 'figcaption', 'pre', 'hr', 'video', 'audio', 'iframe', 'details', 'summary',
]);
const CELLS = new Set(['td', 'th']);

// Stand-ins that survive whitespace collapsing: a <br> line break, and spaces and tabs inside <pre>.
const LINE = '\u2028';
const PRE_SPACE = '\ue000';
const PRE_TAB = '\ue001';

export function toPlainText(root: ParentNode): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const text = finish(current);
    if (text !== '') paragraphs.push(text);
    current = '';
  };
  const visit = (node: ChildNode, inPre: boolean): void => {
    if (node.type === 'text') {
      current += inPre ? node.data.replace(/\r?\n/g, LINE).replace(/ /g, PRE_SPACE).replace(/\t/g, PRE_TAB) : node.data;
      return;
    }
    if (!isElement(node)) return;
    if (node.name === 'br') {
      current += LINE;
      return;
    }
    const block = BLOCKS.has(node.name);
    if (block) flush();
    for (const child of node.children) visit(child, inPre || node.name === 'pre');
    if (block) flush();
    else if (CELLS.has(node.name)) current += ' ';
  };
  for (const child of root.children) visit(child, false);
  flush();
  return paragraphs.join('\n\n');
}

function finish(raw: string): string {
  return raw
    .replace(/[^\S\u2028]+/g, ' ')
    .replace(/ ?\u2028 ?/g, '\n')
    .trim()
    .replace(/\ue000/g, ' ')
    .replace(/\ue001/g, '\t');
}
