/**
 * Reading the element tree: finding children by canonical name, text, attributes, and turning
 * mixed content (inline XHTML, or HTML a feed forgot to escape) back into an HTML string.
 */
import { isCdata, isElement, type XmlChild, type XmlElement } from './tree.js';

export function childrenNamed(el: XmlElement, ...names: string[]): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (isElement(c) && names.includes(c.name)) out.push(c);
  return out;
}

/** The first child with any of the names, trying the names in order of preference. */
export function childNamed(el: XmlElement, ...names: string[]): XmlElement | null {
  for (const name of names) {
    for (const c of el.children) if (isElement(c) && c.name === name) return c;
  }
  return null;
}

export function attr(el: XmlElement, name: string): string | null {
  const exact = el.attrs[name];
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  for (const k in el.attrs) if (k.toLowerCase() === lower) return el.attrs[k] as string;
  return null;
}

/** All text below the element: entity-decoded text and CDATA as written. */
export function textOf(el: XmlElement): string {
  if (el.children.length === 1) {
    const only = el.children[0] as XmlChild;
    if (typeof only === 'string') return only;
    if (isCdata(only)) return only.cdata;
  }
  let out = '';
  for (const c of el.children) {
    if (typeof c === 'string') out += c;
    else if (isCdata(c)) out += c.cdata;
    else out += textOf(c);
  }
  return out;
}

function hasElementChildren(el: XmlElement): boolean {
  return el.children.some(isElement);
}

/**
 * The element's content as HTML. Escaped or CDATA HTML is already HTML once decoded; real child
 * elements (inline XHTML, or unescaped HTML) are serialized.
 */
export function htmlOf(el: XmlElement): string {
  return hasElementChildren(el) ? innerHtml(el) : textOf(el);
}

export function innerHtml(el: XmlElement): string {
  let out = '';
  for (const c of el.children) out += serialize(c);
  return out;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

function serialize(c: XmlChild): string {
  if (typeof c === 'string') return escapeText(c);
  if (isCdata(c)) return c.cdata;
  const tag = localName(c.qname);
  let open = `<${tag}`;
  for (const k in c.attrs) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
    open += ` ${k}="${escapeAttr(c.attrs[k] as string)}"`;
  }
  open += '>';
  // An HTML void element written without `/>` swallowed what followed it; give that back.
  if (VOID.has(tag.toLowerCase())) return open + innerHtml(c);
  return `${open}${innerHtml(c)}</${tag}>`;
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? qname : qname.slice(colon + 1);
}

export function escapeText(s: string): string {
  return s.replace(/[&<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;'));
}

function escapeAttr(s: string): string {
  return s.replace(/[&"<]/g, (ch) => (ch === '&' ? '&amp;' : ch === '"' ? '&quot;' : '&lt;'));
}
