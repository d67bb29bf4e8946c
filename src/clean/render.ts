/**
 * Writes a tree back to HTML: the one serializer of this stage, for the markup handed to the
 * allowlist and for the clean article. All text is escaped, even inside elements a browser reads
 * as raw text (<noembed>, <plaintext>, <iframe>), so text never turns into markup on the next
 * parse; attribute values escape < and > too, so no value can hold a closing tag even if the
 * article is later placed in a raw-text context (the noscript and style mutation tricks).
 * Non-ASCII text is written as is, so Chinese stays readable. Comments and doctypes are dropped.
 * Names are written as parsed: htmlparser2 reads them back the same, and only the allowlist's
 * names reach the clean article.
 */
import type { ChildNode, ParentNode } from './dom.js';
import { isElement } from './dom.js';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const BOOLEAN = new Set(['allowfullscreen', 'controls', 'reversed', 'open']);

export function renderHtml(root: ParentNode): string {
  return root.children.map(render).join('');
}

function render(node: ChildNode): string {
  if (node.type === 'text') return escapeText(node.data);
  if (!isElement(node)) return '';
  let out = `<${node.name}`;
  for (const [name, value] of Object.entries(node.attribs)) {
    out += value === '' && BOOLEAN.has(name) ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`;
  }
  out += '>';
  if (VOID.has(node.name)) return out;
  return `${out}${node.children.map(render).join('')}</${node.name}>`;
}

function escapeText(text: string): string {
  return text.replace(/[&<>\u00a0]/g, (ch) => ESCAPES[ch] ?? ch);
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"\u00a0]/g, (ch) => ESCAPES[ch] ?? ch);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\u00a0': '&nbsp;' };
