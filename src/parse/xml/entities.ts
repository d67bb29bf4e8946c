/**
 * Entity decoding for feed XML. We run htmlparser2 with its own decoding off and decode here,
 * because real feeds use HTML entities (&nbsp;, &mdash;) without declaring them and write bare
 * `&`. XML's five entities and numeric references decode as the spec says; declared internal
 * entities come from the DTD (already size-checked); undeclared HTML entities decode as HTML
 * would, with a warning; anything else is a literal `&`, with a warning.
 */
import { decodeHTMLStrict } from 'entities';
import { FeedkeeperError } from '../../core/index.js';
import type { Warnings } from '../warnings.js';

export interface EntityTable {
  /** Declared internal entities, fully expanded. */
  internal: ReadonlyMap<string, string>;
  /** Declared external entities: never fetched, references are dropped. */
  external: ReadonlySet<string>;
  /** Characters that declared entities may still add to this document. */
  budget: { remaining: number };
}

const XML_PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// Longest HTML entity name is 31 characters ("CounterClockwiseContourIntegral").
const REF = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));/y;

export function decodeEntities(raw: string, table: EntityTable, warnings: Warnings): string {
  let amp = raw.indexOf('&');
  if (amp === -1) return raw;
  let out = '';
  let last = 0;
  while (amp !== -1) {
    out += raw.slice(last, amp);
    REF.lastIndex = amp;
    const m = REF.exec(raw);
    if (m === null) {
      warnings.add('BARE_AMPERSAND', `bare "&" kept as text near "${snippet(raw, amp)}"`);
      out += '&';
      last = amp + 1;
    } else {
      out += resolveRef(m, table, warnings);
      last = amp + m[0].length;
    }
    amp = raw.indexOf('&', last);
  }
  return out + raw.slice(last);
}

function resolveRef(m: RegExpExecArray, table: EntityTable, warnings: Warnings): string {
  const [whole, dec, hex, name] = m;
  // The two that entity-escaped HTML is made of come first.
  if (name === 'lt') return '<';
  if (name === 'gt') return '>';
  if (dec !== undefined || hex !== undefined) {
    const cp = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex as string, 16);
    return isXmlChar(cp) ? String.fromCodePoint(cp) : '\uFFFD';
  }
  const n = name as string;
  const predefined = XML_PREDEFINED[n];
  if (predefined !== undefined) return predefined;
  const declared = table.internal.get(n);
  if (declared !== undefined) {
    table.budget.remaining -= declared.length;
    if (table.budget.remaining < 0) {
      throw new FeedkeeperError('ENTITY_EXPANSION_LIMIT', `references to &${n}; expand past the document's entity budget; refusing to expand further`);
    }
    return declared;
  }
  if (table.external.has(n)) {
    warnings.add('EXTERNAL_ENTITY_IGNORED', `reference to external entity &${n}; dropped (external entities are never loaded)`);
    return '';
  }
  const html = decodeHTMLStrict(whole);
  if (html !== whole) {
    warnings.add('UNDECLARED_ENTITY', `undeclared entity ${whole} read as its HTML meaning`);
    return html;
  }
  warnings.add('BARE_AMPERSAND', `unknown entity ${whole} kept as text`);
  return whole;
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function snippet(text: string, at: number): string {
  return text.slice(Math.max(0, at - 10), at + 10).replace(/\s+/g, ' ');
}
