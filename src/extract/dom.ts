/**
 * The slice of the DOM that extract/ uses, typed here (the project compiles without the DOM lib),
 * and the one place a page becomes a document. linkedom is fast but is not an HTML5 tree
 * builder, and two of its habits break Readability; both are fixed here, before anyone else sees
 * the document:
 *  - It takes the first element as <html> and leaves <body> empty when the markup omits those tags
 *    (legal HTML, and common in CMS output): the skeleton is added to the text before parsing.
 *  - It leaves elements after </body> or </html> (and a second <html>) outside <body>, where an
 *    HTML5 parser would have moved them in; Readability walks up from every candidate until it
 *    meets BODY and crashes on one that has none. They are moved into <body> after parsing.
 *  - createElement keeps the case it is given, so Readability's createElement("DIV") serializes
 *    as <DIV>: names are lower-cased (tagName is upper-case either way, as Readability expects).
 * Readability's other needs (documentElement, getElementsByTagName, style.display, innerHTML,
 * attributes…) linkedom meets. Its baseURI is the raw <base href> and documentURI is undefined,
 * so Readability cannot absolutize links on linkedom; urls.ts does that before Readability runs.
 */
import { parseHTML } from 'linkedom';

export interface DomAttr {
  readonly name: string;
  readonly value: string;
}

export interface DomElement {
  readonly tagName: string;
  readonly localName: string;
  readonly attributes: ArrayLike<DomAttr>;
  readonly children: ArrayLike<DomElement>;
  readonly parentElement: DomElement | null;
  readonly outerHTML: string;
  textContent: string | null;
  innerHTML: string;
  className: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement> & ArrayLike<DomElement>;
  getElementsByTagName(tag: string): Iterable<DomElement> & ArrayLike<DomElement>;
  closest(selector: string): DomElement | null;
  contains(other: DomElement): boolean;
  remove(): void;
  append(...nodes: DomElement[]): void;
  insertBefore(node: DomElement, reference: DomElement | null): DomElement;
}

export interface DomDocument {
  readonly documentElement: DomElement;
  readonly children: ArrayLike<DomElement>;
  readonly body: DomElement;
  readonly title: string;
  createElement(tag: string): DomElement;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement> & ArrayLike<DomElement>;
  getElementsByTagName(tag: string): Iterable<DomElement> & ArrayLike<DomElement>;
}

// An <html> tag preceded only by a BOM, whitespace, a doctype and comments.
const STARTS_WITH_HTML_TAG = /^(?:\uFEFF|\s|<!doctype[^>]*>|<!--[\s\S]*?-->)*<html[\s>]/i;
const STARTS_WITH_HEAD_OR_BODY = /^(?:\uFEFF|\s|<!doctype[^>]*>|<!--[\s\S]*?-->)*<(?:head|body)[\s>]/i;
const HAS_HEAD_TAG = /<head[\s>]/i;
const HAS_BODY_TAG = /<body[\s>]/i;
const HEAD_END = /<\/head\s*>/i;
const HTML_START = /<html[^>]*>/i;

/**
 * Adds the <html>, <head> and <body> tags the markup left implicit, so linkedom builds a real body.
 * Markup that does not start with <html> (a fragment, a truncated page) is wrapped whole.
 */
function withSkeleton(html: string): string {
  if (STARTS_WITH_HEAD_OR_BODY.test(html)) html = `<html>${html}</html>`;
  else if (!STARTS_WITH_HTML_TAG.test(html)) return `<html><head></head><body>${html}</body></html>`;
  let text = html;
  if (!HAS_HEAD_TAG.test(text)) {
    const at = HTML_START.exec(text);
    const cut = at ? at.index + at[0].length : 0;
    text = `${text.slice(0, cut)}<head></head>${text.slice(cut)}`;
  }
  if (!HAS_BODY_TAG.test(text)) {
    const at = HEAD_END.exec(text) ?? HTML_START.exec(text);
    const cut = at ? at.index + at[0].length : 0;
    text = `${text.slice(0, cut)}<body>${text.slice(cut)}</body>`;
  }
  return text;
}

/** Moves every element outside html > head and html > body into the body, in document order. */
function gatherIntoBody(doc: DomDocument): void {
  const html = doc.documentElement;
  const body = Array.from(html.children).find((el) => el.localName === 'body');
  if (body === undefined) return;
  const firstInBody = body.children[0] ?? null;
  let beforeBody = true;
  for (const el of Array.from(html.children)) {
    if (el === body) beforeBody = false;
    else if (el.localName !== 'head') body.insertBefore(el, beforeBody ? firstInBody : null);
  }
  for (const el of Array.from(doc.children)) {
    if (el === html) continue;
    if (el.localName === 'html') {
      // A second document pasted after the first: keep what its body shows.
      const shown = el.querySelector('body') ?? el;
      body.append(...Array.from(shown.children).filter((c) => c.localName !== 'head'));
      el.remove();
    } else {
      body.append(el);
    }
  }
}

export function parseDocument(html: string): DomDocument {
  const { document } = parseHTML(withSkeleton(html)) as unknown as { document: DomDocument };
  gatherIntoBody(document);
  const create = document.createElement.bind(document);
  (document as { createElement: (tag: string) => DomElement }).createElement = (tag) => create(tag.toLowerCase());
  return document;
}

/** A fresh element list, safe to iterate while removing elements. */
export function selectAll(root: DomDocument | DomElement, selector: string): DomElement[] {
  return Array.from(root.querySelectorAll(selector));
}

/** Text content with whitespace collapsed. */
export function textOf(el: DomElement | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
