/**
 * The tree the clean stage works on: htmlparser2's DOM (domhandler nodes), reached only through
 * htmlparser2's own exports, since domhandler and domutils are its dependencies and not ours.
 * This module owns parsing, walking and measuring text; the passes never touch markup as
 * strings. DROPPED_WITH_CONTENT lives here because the text measures must agree with the
 * allowlist, which imports it; everything else about what is allowed is allowlist.ts's.
 */
import { DomUtils, parseDocument } from 'htmlparser2';

export type Document = ReturnType<typeof parseDocument>;
export type ChildNode = Document['children'][number];
export type Element = Extract<ChildNode, { attribs: Record<string, string> }>;
export type ParentNode = Document | Element;

/** Elements whose content the sanitizer drops with them, so it is never counted as text. */
export const DROPPED_WITH_CONTENT: readonly string[] = [
  'script', 'style', 'template', 'noscript', 'textarea', 'select', 'option', 'button', 'svg', 'math',
  'object', 'applet', 'title', 'head', 'xmp', 'noembed', 'noframes', 'iframe', 'frameset', 'canvas',
];
const DROPPED = new Set(DROPPED_WITH_CONTENT);

/** Elements that stand for content even without text. */
const MEDIA = new Set(['img', 'picture', 'video', 'audio', 'iframe']);

export function parseHtml(html: string): Document {
  return parseDocument(html);
}

export function isElement(node: ChildNode | Document): node is Element {
  return DomUtils.isTag(node);
}

/** Every element under root in document order (root itself excluded). */
export function allElements(root: ParentNode): Element[] {
  return DomUtils.findAll(() => true, root.children);
}

export function elementsNamed(root: ParentNode, ...names: string[]): Element[] {
  const wanted = new Set(names);
  return DomUtils.findAll((el) => wanted.has(el.name), root.children);
}

export function remove(node: ChildNode): void {
  DomUtils.removeElement(node);
}

/** Replaces an element by its children. */
export function unwrap(el: Element): void {
  for (const child of [...el.children]) DomUtils.prepend(el, child);
  DomUtils.removeElement(el);
}

/** Replaces `el` by `nodes`, moving them out of wherever they were. */
export function replaceWith(el: Element, nodes: readonly ChildNode[]): void {
  for (const node of nodes) DomUtils.prepend(el, node);
  DomUtils.removeElement(el);
}

export function previousElement(el: Element): Element | null {
  return DomUtils.prevElementSibling(el);
}

/** Visible text of a subtree (text the sanitizer would drop is skipped), whitespace runs collapsed. */
export function collapsedText(node: ChildNode | Document): string {
  return gatherText(node, false).replace(/\s+/g, ' ').trim();
}

/**
 * Length of the text that is not link text: the prose a removal would take away. Share bars and
 * feed-service footers are mostly links; a paragraph of an article is mostly not.
 */
export function proseLength(node: ChildNode | Document): number {
  return gatherText(node, true).replace(/\s+/g, ' ').trim().length;
}

function gatherText(node: ChildNode | Document, skipLinks: boolean): string {
  if (node.type === 'text') return node.data;
  if (!('children' in node)) return '';
  if (isElement(node) && (DROPPED.has(node.name) || (skipLinks && node.name === 'a'))) return '';
  let text = '';
  for (const child of node.children) text += gatherText(child, skipLinks);
  return text;
}

/** True when a subtree holds no visible text and no media: what an emptied wrapper looks like. */
export function isVoidOfContent(node: ChildNode): boolean {
  if (node.type === 'text') return node.data.trim() === '';
  if (!isElement(node)) return true;
  if (MEDIA.has(node.name)) return false;
  if (DROPPED.has(node.name)) return true;
  return node.children.every(isVoidOfContent);
}

/**
 * True when nothing with content follows `el` before the end of `root`: the position of a
 * footer that a full-text feed service appends to every item.
 */
export function isAtEnd(el: Element, root: ParentNode): boolean {
  let node: ChildNode = el;
  for (;;) {
    if (!followingAreEmpty(node)) return false;
    const parent: ChildNode['parent'] = node.parent;
    if (parent === null || parent === root || !isElement(parent)) return true;
    node = parent;
  }
}

function followingAreEmpty(node: ChildNode): boolean {
  for (let next = node.next; next !== null; next = next.next) if (!isVoidOfContent(next)) return false;
  return true;
}

/**
 * Unwraps elements nested deeper than `maxDepth`, keeping their text, so that no later pass
 * (nor the serializer, which recurses) runs out of stack on hostile nesting. Returns true when
 * something was flattened.
 */
export function flattenDeepNesting(root: Document, maxDepth: number): boolean {
  let flattened = false;
  const stack: Array<{ parent: ParentNode; depth: number }> = [{ parent: root, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { parent, depth } = item;
    if (depth >= maxDepth) {
      for (let deep = parent.children.filter(isElement); deep.length > 0; deep = parent.children.filter(isElement)) {
        for (const el of deep) unwrap(el);
        flattened = true;
      }
      continue;
    }
    for (const child of parent.children) if (isElement(child)) stack.push({ parent: child, depth: depth + 1 });
  }
  return flattened;
}
