/**
 * Turning raw values into the normalized contract: trimmed strings or null, plain-text titles,
 * absolute URLs, ISO-8601 UTC dates. Shared by every format adapter.
 */
import { Parser } from 'htmlparser2';
import { hasCjkDateMarkers, parseDate, toIsoUtc } from './dates.js';
import { escapeText } from './xml/dom.js';
import type { Warnings } from './warnings.js';

/** What adapters need to know about the document they are reading. */
export interface Context {
  warnings: Warnings;
  /** Where the feed was fetched from (or --base-url). */
  docUrl: string | null;
  /** Zone-less dates are read as UTC+8 in Chinese-language feeds (see docs/DESIGN.md). */
  chineseFeed: boolean;
}

/** Trimmed, or null when nothing is left. */
export function clean(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const t = value.trim();
  return t === '' ? null : t;
}

const WHITESPACE = /\s+/g;
const LOOKS_LIKE_MARKUP = /<[A-Za-z!/]|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/;

/** Plain text of a value that may hold HTML: tags dropped, entities decoded, whitespace collapsed. */
export function plainText(value: string | null, mayBeHtml: boolean): string | null {
  if (value === null) return null;
  const text = mayBeHtml && LOOKS_LIKE_MARKUP.test(value) ? htmlToText(value) : value;
  return clean(text.replace(WHITESPACE, ' '));
}

const SKIP_TEXT_OF = new Set(['script', 'style', 'template']);

export function htmlToText(html: string): string {
  let out = '';
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP_TEXT_OF.has(name)) skipping++;
      },
      onclosetag(name) {
        if (SKIP_TEXT_OF.has(name)) skipping = Math.max(0, skipping - 1);
      },
      ontext(text) {
        if (skipping === 0) out += text;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return out;
}

/** Plain text made safe to carry as HTML (JSON Feed content_text, Atom type="text"). */
export function textToHtml(text: string | null): string | null {
  return text === null ? null : escapeText(text);
}

/** An absolute URL when a base allows it; a relative one that cannot be resolved is kept, with a warning. */
export function resolveUrl(ref: string | null, bases: ReadonlyArray<string | null>, ctx: Context): string | null {
  const value = clean(ref);
  if (value === null) return null;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(value)) return normalizeAbsolute(value);
  for (const base of bases) {
    if (base === null) continue;
    try {
      return new URL(value, base).href;
    } catch {
      // a base that is not absolute: try the next one
    }
  }
  ctx.warnings.add('RELATIVE_LINK', `relative link "${value}" kept as is: no base URL to resolve it against`);
  return value;
}

function normalizeAbsolute(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

/** First non-null date text → ISO-8601 UTC; unreadable dates become null with a warning. */
export function isoDate(raw: string | null, ctx: Context, field: string): string | null {
  const text = clean(raw);
  if (text === null) return null;
  const offset = ctx.chineseFeed || hasCjkDateMarkers(text) ? 480 : 0;
  const parsed = parseDate(text, offset);
  if (parsed === null) {
    ctx.warnings.add('BAD_DATE', `${field}: cannot read "${text.slice(0, 60)}" as a date`);
    return null;
  }
  if (parsed.zoneAssumed) {
    ctx.warnings.add('DATE_ZONE_ASSUMED', `${field}: "${text}" has no time zone; read as UTC${offset ? '+8' : ''}`);
  }
  return toIsoUtc(parsed.ms);
}

export function parseLength(raw: string | null): number | null {
  const t = clean(raw);
  if (t === null || !/^\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
}

export function unique(values: Iterable<string | null>): string[] {
  const seen = new Set<string>();
  for (const v of values) if (v !== null) seen.add(v);
  return [...seen];
}
