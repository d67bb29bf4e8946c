/**
 * Short plain text from article HTML, for lists and republished feeds (never for display as HTML):
 * - summaryText: the feed's own summary when it has one (feeds often put HTML there, so tags are
 *   dropped and entities decoded), else the start of the clean text; whitespace collapsed, cut to
 *   about SUMMARY_CHARS. Cheap on purpose: text without `<` or `&` is never parsed, and a store
 *   can hand over just the start of the clean text (SUMMARY_SOURCE_CHARS).
 * - htmlText: the words of an HTML fragment, block boundaries as spaces, inline tags joined (so
 *   港<b>城</b> stays 港城), script and style skipped.
 * Every store and every front door summarizes the same way through here.
 */
import { Parser } from 'htmlparser2';

const SUMMARY_CHARS = 300;
/** How much clean text the query reads for a summary: enough to cut at a word boundary. */
export const SUMMARY_SOURCE_CHARS = 2 * SUMMARY_CHARS;

// Elements whose text is not the summary's words.
const SKIPPED = new Set(['script', 'style', 'template', 'noscript']);
// Elements that sit inside a line of text; every other tag separates words.
const INLINE = new Set(['a', 'abbr', 'b', 'cite', 'code', 'em', 'i', 'mark', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u']);

export function summaryText(summary: string | null, cleanTextStart: string | null): string | null {
  const fromSummary = summary === null ? '' : collapse(/[<&]/.test(summary) ? stripTags(summary) : summary);
  const text = fromSummary !== '' ? fromSummary : collapse(cleanTextStart ?? '');
  return text === '' ? null : cut(text);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function htmlText(html: string): string {
  return collapse(stripTags(html));
}

function stripTags(html: string): string {
  let out = '';
  let skipping = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (SKIPPED.has(name)) skipping++;
        else if (!INLINE.has(name)) out += ' ';
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        else if (!INLINE.has(name)) out += ' ';
      },
      ontext(text) {
        if (skipping === 0) out += text;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out;
}

/** At most SUMMARY_CHARS code points plus "…", at a space when one is near the end (Latin text). */
function cut(text: string): string {
  const chars = Array.from(text);
  if (chars.length <= SUMMARY_CHARS) return text;
  let head = chars.slice(0, SUMMARY_CHARS).join('');
  const space = head.lastIndexOf(' ');
  if (space > head.length - 40) head = head.slice(0, space);
  return `${head.trimEnd()}…`;
}
