/**
 * What comes before the root element: control characters anywhere in the text, the DOCTYPE and
 * its internal entity declarations, and junk some servers print before the document (PHP
 * warnings, blank lines, a stray BOM). This is the prolog of XML, not HTML, so small scanners are
 * the right tool; the document itself goes to htmlparser2.
 *
 * Entity safety: external entities are never loaded; internal ones are expanded with a size
 * budget computed from their lengths before any expansion happens, so a "billion laughs"
 * document fails at once, in bounded memory.
 */
import { FeedkeeperError } from '../../core/index.js';
import type { Warnings } from '../warnings.js';
import type { EntityTable } from './entities.js';

/** Largest expansion of one declared entity, and of all references in a document together. */
const MAX_ENTITY_EXPANSION = 64 * 1024;
const MAX_TOTAL_EXPANSION = 4 * 1024 * 1024;

const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;

export function stripControlCharacters(text: string, warnings: Warnings): string {
  CONTROL.lastIndex = 0;
  if (!CONTROL.test(text)) return text;
  let count = 0;
  const cleaned = text.replace(CONTROL, () => {
    count++;
    return '';
  });
  warnings.add('CONTROL_CHARACTERS', `${count} control character(s) not allowed in XML removed`);
  return cleaned;
}

export interface Prolog {
  /** The document with the DOCTYPE and any junk before the root removed. */
  text: string;
  entities: EntityTable;
}

/** Root elements a feed may have; OPML passes its own. */
const FEED_ROOTS: readonly string[] = ['rss', 'feed', 'RDF', 'channel'];

export function readProlog(input: string, warnings: Warnings, roots: readonly string[] = FEED_ROOTS): Prolog {
  const doctype = findDoctype(input);
  let text = input;
  const table = { internal: new Map<string, string>(), external: new Set<string>(), budget: { remaining: MAX_TOTAL_EXPANSION } };
  if (doctype) {
    if (doctype.subset) declareEntities(doctype.subset, table);
    text = input.slice(0, doctype.start) + input.slice(doctype.end);
  }
  return { text: skipJunk(text, warnings, roots), entities: table };
}

interface Doctype { start: number; end: number; subset: string | null }

function findDoctype(text: string): Doctype | null {
  // A DOCTYPE belongs to the prolog, before the first element: never scan the whole document.
  const firstElement = text.search(/<[A-Za-z]/);
  const start = text.slice(0, firstElement === -1 ? text.length : firstElement).search(/<!DOCTYPE/i);
  if (start === -1) return null;
  let i = start + 9;
  let quote = '';
  let subsetStart = -1;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '[' && subsetStart === -1) {
      subsetStart = i + 1;
      const close = findSubsetEnd(text, subsetStart);
      if (close === -1) return { start, end: text.length, subset: text.slice(subsetStart) };
      i = close;
    } else if (c === '>') {
      const subset = subsetStart === -1 ? null : text.slice(subsetStart, text.lastIndexOf(']', i));
      return { start, end: i + 1, subset };
    }
  }
  return { start, end: text.length, subset: null };
}

function findSubsetEnd(text: string, from: number): number {
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ']') return i;
  }
  return -1;
}

const ENTITY_DECL = /<!ENTITY\s+(%\s+)?([^\s%;&"'<>]+)\s+(?:(?:SYSTEM|PUBLIC)\b[^>]*|"([^"]*)"|'([^']*)')[^>]*>/g;

function declareEntities(subset: string, table: { internal: Map<string, string>; external: Set<string> }): void {
  const raw = new Map<string, string>();
  for (const m of subset.matchAll(ENTITY_DECL)) {
    const [, percent, name, dq, sq] = m;
    if (percent || name === undefined) continue; // parameter entities are never expanded
    if (raw.has(name) || table.external.has(name)) continue; // first declaration wins (XML 1.0 §4.2)
    const value = dq ?? sq;
    if (value === undefined) table.external.add(name);
    else raw.set(name, value);
  }
  const lengths = new Map<string, number>();
  for (const name of raw.keys()) expandedLength(name, raw, lengths, []);
  for (const name of raw.keys()) table.internal.set(name, expand(name, raw, table.external));
}

const REF_IN_VALUE = /&([A-Za-z_][\w.-]*);/g;

/** Length of an entity's full expansion, computed without expanding; throws past the budget. */
function expandedLength(name: string, raw: Map<string, string>, memo: Map<string, number>, path: string[]): number {
  const known = memo.get(name);
  if (known !== undefined) return known;
  if (path.includes(name)) {
    throw new FeedkeeperError('ENTITY_EXPANSION_LIMIT', `entity &${name}; refers to itself (${[...path, name].join(' → ')})`);
  }
  const value = raw.get(name) ?? '';
  let length = value.length;
  for (const m of value.matchAll(REF_IN_VALUE)) {
    const ref = m[1] as string;
    if (!raw.has(ref)) continue;
    length += expandedLength(ref, raw, memo, [...path, name]) - m[0].length;
    if (length > MAX_ENTITY_EXPANSION) {
      throw new FeedkeeperError(
        'ENTITY_EXPANSION_LIMIT',
        `entity &${name}; would expand to more than ${MAX_ENTITY_EXPANSION} characters (a "billion laughs" document?); refusing to expand it`,
      );
    }
  }
  memo.set(name, length);
  return length;
}

function expand(name: string, raw: Map<string, string>, external: Set<string>): string {
  return (raw.get(name) ?? '').replace(REF_IN_VALUE, (whole, ref: string) => {
    if (raw.has(ref)) return expand(ref, raw, external);
    return external.has(ref) ? '' : whole;
  });
}

const PROLOG_BITS = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*/;
const rootPatterns = new Map<readonly string[], { at: RegExp; anywhere: RegExp }>();

function patternsFor(roots: readonly string[]): { at: RegExp; anywhere: RegExp } {
  let p = rootPatterns.get(roots);
  if (!p) {
    const names = roots.join('|');
    p = { at: new RegExp(`^<(?:[A-Za-z_][\\w.-]*:)?(?:${names}|html)[\\s>/]`, 'i'), anywhere: new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?(?:${names})(?=[\\s>/])`) };
    rootPatterns.set(roots, p);
  }
  return p;
}

function skipJunk(text: string, warnings: Warnings, roots: readonly string[]): string {
  const { at, anywhere } = patternsFor(roots);
  const p = PROLOG_BITS.exec(text)?.[0].length ?? 0;
  if (p >= text.length) return text;
  const rest = text.slice(p);
  // A document that starts with an element that is not a feed root may still be a feed with an
  // HTML-formatted warning printed in front of it (PHP's "<br /><b>Warning</b>: …").
  if (rest.startsWith('<') && at.test(rest)) return text;
  const m = anywhere.exec(rest);
  if (!m || m.index === 0) return text;
  const junk = rest.slice(0, m.index).replace(/\s+/g, ' ').trim();
  warnings.add('JUNK_BEFORE_ROOT', `skipped ${m.index} characters before the root element: "${junk.slice(0, 60)}"`);
  return rest.slice(m.index);
}
