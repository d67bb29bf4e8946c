/**
 * Escaping for the XML that publish/ writes (OPML, RSS and Atom). Text from feeds and
 * users can hold anything, including characters XML 1.0 forbids outright (C0 controls, U+FFFE,
 * U+FFFF, unpaired surrogates): those cannot be escaped, only removed, or the output is not XML.
 */

// No `u` flag on purpose: matching code units is what finds unpaired surrogates.
const NOT_XML_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function removeNonXmlCharacters(s: string): string {
  return s.replace(NOT_XML_CHAR, '');
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

// Tab, newline and carriage return are written as references: a parser normalizes them to spaces
// when they appear raw in an attribute value (XML 1.0 §3.3.3).
const ATTR_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** Element content: `&`, `<` and `>` (so `]]>` can never appear), forbidden characters removed. */
export function escapeXmlText(s: string): string {
  return removeNonXmlCharacters(s).replace(/[&<>]/g, (ch) => TEXT_ESCAPES[ch] as string);
}

/** A double-quoted attribute value, forbidden characters removed. */
export function escapeXmlAttribute(s: string): string {
  return removeNonXmlCharacters(s).replace(/[&<>"\t\n\r]/g, (ch) => ATTR_ESCAPES[ch] as string);
}

/**
 * A CDATA section holding `s`, forbidden characters removed. A CDATA section cannot contain "]]>",
 * so each one is split across two sections: "]]" ends the first, ">" opens the next.
 */
export function wrapCdata(s: string): string {
  return `<![CDATA[${removeNonXmlCharacters(s).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
