/**
 * Image galleries kept in the article. Readability removes a <div> holding more than one image and
 * fewer than half as many paragraphs ("bad p to img ratio"), which is exactly what a gallery is.
 * A wrapper whose content is only figures or pictures is unwrapped before Readability runs, so
 * each figure is judged as part of the text around it.
 */
import { selectAll, type DomDocument, type DomElement } from './dom.js';

const PICTURE_TAGS = new Set(['figure', 'picture', 'img']);
const squeeze = (text: string | null) => (text ?? '').replace(/\s+/g, '');

/** Two or more figures and nothing else: no loose text between them. */
function isFigureGroup(el: DomElement): boolean {
  const children = Array.from(el.children);
  if (children.length < 2 || !children.every((c) => PICTURE_TAGS.has(c.localName))) return false;
  return squeeze(el.textContent) === children.map((c) => squeeze(c.textContent)).join('');
}

export function unwrapFigureGroups(doc: DomDocument): void {
  for (const group of selectAll(doc.body, 'div, section').filter(isFigureGroup)) {
    const parent = group.parentElement;
    if (parent === null) continue;
    for (const child of Array.from(group.children)) parent.insertBefore(child, group);
    group.remove();
  }
}
