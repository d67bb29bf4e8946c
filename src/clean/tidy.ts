/**
 * The last pass over sanitized markup: wrappers that ended up empty (a share bar's <div> after
 * its links went, an <a> around a removed pixel, `<p>&nbsp;</p>` spacers) are removed, and rules
 * (<hr>, <br>) left dangling at the start or end of the article are trimmed. It removes no text:
 * an emptied inline element that held a space is unwrapped, so the words around it stay apart.
 */
import type { ChildNode, ParentNode } from './dom.js';
import { isElement, isVoidOfContent, remove, unwrap } from './dom.js';

const PRUNABLE = new Set([
  'p', 'div', 'span', 'a', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'blockquote', 'q', 'cite',
  'strong', 'em', 'b', 'i', 'u', 's', 'del', 'ins', 'small', 'mark', 'sub', 'sup', 'code', 'kbd', 'samp', 'pre',
  'h2', 'h3', 'h4', 'h5', 'h6', 'abbr', 'time', 'picture', 'ruby', 'caption', 'details', 'summary',
]);
const INLINE = new Set(['span', 'a', 'strong', 'em', 'b', 'i', 'u', 's', 'del', 'ins', 'small', 'mark', 'sub', 'sup', 'code', 'kbd', 'samp', 'abbr', 'time', 'q', 'cite']);
const SEPARATORS = new Set(['br', 'hr']);
const WRAPPERS = new Set(['div', 'p', 'blockquote', 'figure']);

/** Removes emptied elements, innermost first; returns how many went. */
export function pruneEmpty(parent: ParentNode): number {
  let pruned = 0;
  for (const child of [...parent.children]) {
    if (!isElement(child)) continue;
    pruned += pruneEmpty(child);
    if (!PRUNABLE.has(child.name) || !isVoidOfContent(child)) continue;
    if (INLINE.has(child.name) && /\s/.test(textOf(child))) unwrap(child);
    else remove(child);
    pruned++;
  }
  return pruned;
}

/**
 * Squeezes the blank text left between blocks where elements were removed: a run of
 * whitespace-only text nodes becomes one newline (or one space when it had no newline). <pre> is
 * left alone.
 */
export function squeezeBlankText(parent: ParentNode): void {
  for (const child of [...parent.children]) {
    if (isElement(child)) {
      if (child.name !== 'pre') squeezeBlankText(child);
      continue;
    }
    if (child.type !== 'text' || child.data.trim() !== '') continue;
    const prev = child.prev;
    if (prev !== null && prev.type === 'text' && prev.data.trim() === '') {
      prev.data = squeezed(prev.data + child.data);
      remove(child);
    } else {
      child.data = squeezed(child.data);
    }
  }
}

/** Trims <br>, <hr> and blank text at both edges of the article, looking into wrapping blocks. */
export function trimEdgeSeparators(parent: ParentNode): void {
  trimEdge(parent, 'first');
  trimEdge(parent, 'last');
}

function trimEdge(parent: ParentNode, side: 'first' | 'last'): void {
  for (;;) {
    const edge: ChildNode | undefined = side === 'first' ? parent.children[0] : parent.children[parent.children.length - 1];
    if (edge === undefined) return;
    if (edge.type === 'text' && edge.data.trim() === '') remove(edge);
    else if (edge.type === 'comment') remove(edge);
    else if (isElement(edge) && SEPARATORS.has(edge.name)) remove(edge);
    else {
      if (isElement(edge) && WRAPPERS.has(edge.name)) trimEdge(edge, side);
      return;
    }
  }
}

function squeezed(blank: string): string {
  return blank.includes('\n') ? '\n' : ' ';
}

function textOf(node: ChildNode): string {
  if (node.type === 'text') return node.data;
  return isElement(node) ? node.children.map(textOf).join('') : '';
}
