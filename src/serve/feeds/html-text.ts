/**
 * The plain text of clean HTML, for matching include/exclude terms against an entry's text when
 * the source did not hand us the clean text (lists load only the HTML). Tags become spaces, so
 * words of two paragraphs never run together; entities are decoded. Not for display.
 */
import { Parser } from 'htmlparser2';

export function textOfHtml(html: string): string {
  const parts: string[] = [];
  const parser = new Parser(
    {
      ontext: (text) => void parts.push(text),
      onopentag: () => void parts.push(' '),
      onclosetag: () => void parts.push(' '),
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

const SUMMARY_CHARS = 300;

/** A summary from plain text, for entries the store had no clean text to summarize: about 300 characters. */
export function summaryOfText(text: string): string | null {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  if (chars.length === 0) return null;
  return chars.length <= SUMMARY_CHARS ? chars.join('') : `${chars.slice(0, SUMMARY_CHARS).join('').trimEnd()}…`;
}
