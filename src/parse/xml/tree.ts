/**
 * Feed text → a small element tree. htmlparser2 in XML mode tokenizes (it keeps going through
 * unclosed and misnested tags); this builder adds what feeds need on top: namespaces by URI,
 * xml:base, our own entity decoding, CDATA kept apart from text, a depth cap, and a record of
 * which elements the end of the document closed (a truncated download).
 */
import { Parser } from 'htmlparser2';
import { decodeEntities, type EntityTable } from './entities.js';
import { canonicalName, extendScope, type Scope } from './namespaces.js';
import { lineAt, type Warnings } from '../warnings.js';

export interface XmlElement {
  /** Canonical name to match on: `atom:entry`, `dc:creator`, `title`. */
  name: string;
  /** The name as written, for serializing inline XHTML. */
  qname: string;
  attrs: Record<string, string>;
  children: XmlChild[];
  parent: XmlElement | null;
  /** xml:base in scope, resolved; null when the document sets none. */
  base: string | null;
  /** Closed only because the document ended: the download was cut short. */
  truncated: boolean;
}
export interface Cdata { cdata: string }
export type XmlChild = XmlElement | string | Cdata;

/** Deeper nesting than any feed needs is flattened, so hostile input cannot blow the stack. */
const MAX_DEPTH = 256;

export function buildTree(text: string, entities: EntityTable, warnings: Warnings, docUrl: string | null): XmlElement | null {
  const rootHolder: XmlElement = element('#document', '#document', {}, null, null);
  let current = rootHolder;
  let scope: Scope = new Map();
  const scopes: Scope[] = [];
  const starts: number[] = [];
  let depth = 0;
  let ignored = 0;
  let inCdata = false;
  let ending = false;
  let justOpened = false;
  // htmlparser2 drops a closing tag that matches nothing without telling us; such a tag shows up
  // as a gap between the end of one event and the start of the next.
  let expectedStart = 0;
  const track = () => {
    const start = parser.startIndex;
    if (start > expectedStart) reportStray(text, expectedStart, start, warnings);
    expectedStart = Math.max(expectedStart, parser.endIndex + 1);
  };

  const parser = new Parser(
    {
      onopentag(qname, rawAttrs) {
        track();
        justOpened = true;
        if (depth >= MAX_DEPTH) {
          ignored++;
          return;
        }
        const attrs: Record<string, string> = {};
        for (const k in rawAttrs) attrs[k] = decodeEntities(rawAttrs[k] as string, entities, warnings);
        scopes.push(scope);
        scope = extendScope(scope, attrs);
        const xmlBase = attrs['xml:base'];
        // A relative xml:base with none above it resolves against the document's own URL (XML Base §4.2).
        const base = xmlBase === undefined ? current.base : resolve(xmlBase, current.base ?? docUrl);
        const el = element(canonicalName(qname, scope), qname, attrs, current, base);
        current.children.push(el);
        current = el;
        starts.push(parser.startIndex);
        depth++;
      },
      onclosetag(qname, isImplied) {
        if (!ending) track();
        const selfClosed = justOpened;
        justOpened = false;
        if (ignored > 0) {
          ignored--;
          return;
        }
        const start = starts.pop() ?? 0;
        if (ending) current.truncated = true;
        else if (isImplied && !selfClosed) {
          warnings.add('UNCLOSED_TAG', `<${qname}> opened on line ${lineAt(text, start)} was not closed; closed at line ${lineAt(text, parser.startIndex)}`);
        }
        scope = scopes.pop() ?? new Map();
        current = current.parent ?? rootHolder;
        depth--;
      },
      ontext(raw) {
        track();
        justOpened = false;
        const value = inCdata ? raw : decodeEntities(raw, entities, warnings);
        appendText(current, value, inCdata);
      },
      oncdatastart() {
        track();
        inCdata = true;
      },
      oncdataend() {
        inCdata = false;
      },
      oncomment: track,
      onprocessinginstruction: track,
    },
    { xmlMode: true, decodeEntities: false, recognizeCDATA: true, recognizeSelfClosing: true },
  );
  parser.write(text);
  if (expectedStart < text.length) reportStray(text, expectedStart, text.length, warnings);
  ending = true;
  parser.end();
  return rootHolder.children.find(isElement) ?? null;
}

function reportStray(text: string, from: number, to: number, warnings: Warnings): void {
  const gap = text.slice(from, to).trimStart();
  if (gap.startsWith('</')) {
    warnings.add('STRAY_CLOSING_TAG', `closing tag ${gap.slice(0, 40)} on line ${lineAt(text, from)} closes nothing; ignored`);
  }
}

function element(name: string, qname: string, attrs: Record<string, string>, parent: XmlElement | null, base: string | null): XmlElement {
  return { name, qname, attrs, children: [], parent, base, truncated: false };
}

function appendText(el: XmlElement, value: string, cdata: boolean): void {
  if (value === '') return;
  const last = el.children[el.children.length - 1];
  if (!cdata && typeof last === 'string') el.children[el.children.length - 1] = last + value;
  else if (cdata && last !== undefined && isCdata(last)) last.cdata += value;
  else el.children.push(cdata ? { cdata: value } : value);
}

function resolve(ref: string, base: string | null): string | null {
  try {
    return new URL(ref, base ?? undefined).href;
  } catch {
    return base;
  }
}

export function isElement(child: XmlChild): child is XmlElement {
  return typeof child === 'object' && 'name' in child;
}

export function isCdata(child: XmlChild): child is Cdata {
  return typeof child === 'object' && 'cdata' in child;
}
