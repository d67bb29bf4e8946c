/**
 * The plain-text summary a list shows: the feed's own summary when it has one (feeds often put
 * HTML there, so tags are dropped and entities decoded), else the start of the clean text; always
 * with whitespace collapsed and cut to about SUMMARY_CHARS. Cheap on purpose: text without `<` or
 * `&` is never parsed, and the clean text arrives already cut short by the query.
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
