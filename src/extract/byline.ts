/**
 * Bylines as names: "By Maria Okafor, Transport Correspondent" → "Maria Okafor",
 * "作者：陈晓" → "陈晓", "记者 李静" → "李静". Pages mix the credit with labels, roles, dates and
 * reading times; we keep the names and drop the rest, and give up (null) on anything that does
 * not look like a credit at all (a URL, a sentence).
 */

// Labels before the names, in English and Chinese (simplified and traditional). Latin labels need a
// word boundary ("Byron" is a name); 文 needs a separator ("文静" is a name too).
const LEADING_LABEL = /^(?:(?:(?:written|words|text|photos?)\s+)?by\b|author\b|本报记者|本報記者|作者|撰文|撰稿|记者|記者|编译|編譯)\s*[:：/／,，|]?\s*|^文\s*[:：/／]\s*/i;
// A role after the first name, in English ("…, Transport Correspondent") only: Chinese lists of names use "，" too.
const TRAILING_ROLE = /,\s+(?:[A-Z][a-z]+\s+)*(?:correspondent|reporter|editor|writer|columnist|contributor|staff|producer)\b.*$/i;
// Everything from the first separator that starts a date, a reading time or another credit.
const TRAILING_EXTRAS = /\s*(?:[·•|｜]|\s-\s|\s–\s).*$/;
const DATE_LIKE = /\d{4}\s*(?:[-/.年])\s*\d{1,2}|\d{1,2}:\d{2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b/i;
const MAX_LENGTH = 100;

export function normalizeByline(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  let text = raw.replace(/\s+/g, ' ').trim();
  if (text === '' || /^https?:\/\//i.test(text)) return null;
  for (let i = 0; i < 2; i++) text = text.replace(LEADING_LABEL, '');
  text = text.replace(TRAILING_EXTRAS, '').replace(TRAILING_ROLE, '');
  // A date glued to the names ("MEI LIN2024年3月1日") is cut where it starts.
  const date = DATE_LIKE.exec(text);
  if (date) text = text.slice(0, date.index);
  text = text.replace(/[\s,，;；:：]+$/, '').trim();
  if (text === '' || text.length > MAX_LENGTH || /[.!?。！？]$/.test(text)) return null;
  return text;
}

/** Several credited people, as one byline. */
export function joinNames(names: readonly string[]): string | null {
  const unique = [...new Set(names.map((n) => normalizeByline(n)).filter((n): n is string => n !== null))];
  return unique.length > 0 ? unique.join(', ') : null;
}
