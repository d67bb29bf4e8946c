/**
 * writeAtom: a PublishedFeed → an Atom 1.0 document (RFC 4287). Titles and summaries are
 * type="text", full text is content type="html", dates are RFC 3339 in UTC.
 *
 * Decisions, so that the document is valid and reads back as given:
 * - atom:id must be an IRI. Item and feed ids that are one (a tag: URI, an article URL) are written
 *   as they are; any other id becomes `urn:feedkeeper:` + its percent-encoding, the same every time.
 * - Every entry needs an author. When some item has none, the feed gets one, named after the feed
 *   title, which covers those entries (and is what readers show for them).
 * - Every entry needs an updated date: the item's update time, or its publication time.
 * - Every entry needs content or an alternate link: an item with neither gets its summary as
 *   content type="text".
 * - Enclosures are link rel="enclosure"; the language is xml:lang on the feed.
 */
import { escapeXmlAttribute, escapeXmlText } from './xml-escape.js';
import { formatRfc3339, prepareFeed, type PreparedFeed, type PreparedItem, type PublishedFeed } from './published-feed.js';

export function writeAtom(input: PublishedFeed): string {
  const feed = prepareFeed(input, 'writeAtom');
  const lang = feed.language === null ? '' : ` xml:lang="${escapeXmlAttribute(feed.language)}"`;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<feed xmlns="http://www.w3.org/2005/Atom"${lang}>`];
  lines.push(...feedElements(feed).map((l) => `  ${l}`));
  for (const item of feed.items) {
    lines.push('  <entry>', ...entryElements(item).map((l) => `    ${l}`), '  </entry>');
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

function feedElements(feed: PreparedFeed): string[] {
  const out = [
    `<id>${escapeXmlText(atomId(feed.id))}</id>`,
    `<title type="text">${escapeXmlText(feed.title)}</title>`,
  ];
  if (feed.description !== null) out.push(`<subtitle type="text">${escapeXmlText(feed.description)}</subtitle>`);
  out.push(
    `<link rel="alternate" type="text/html" href="${escapeXmlAttribute(feed.homeUrl)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXmlAttribute(feed.selfUrl)}"/>`,
    `<updated>${formatRfc3339(feed.updated)}</updated>`,
  );
  if (feed.items.some((item) => item.author === null)) out.push(author(feed.title));
  out.push('<generator>feedkeeper</generator>');
  return out;
}

function entryElements(item: PreparedItem): string[] {
  const out = [`<id>${escapeXmlText(atomId(item.id))}</id>`, `<title type="text">${escapeXmlText(item.title ?? '')}</title>`];
  if (item.link !== null) out.push(`<link rel="alternate" type="text/html" href="${escapeXmlAttribute(item.link)}"/>`);
  out.push(`<published>${formatRfc3339(item.published)}</published>`, `<updated>${formatRfc3339(item.updated ?? item.published)}</updated>`);
  if (item.author !== null) out.push(author(item.author));
  for (const c of item.categories) out.push(`<category term="${escapeXmlAttribute(c)}"/>`);
  for (const e of item.enclosures) {
    let link = `<link rel="enclosure" href="${escapeXmlAttribute(e.url)}"`;
    if (e.type !== null) link += ` type="${escapeXmlAttribute(e.type)}"`;
    if (e.length !== null) link += ` length="${e.length}"`;
    out.push(`${link}/>`);
  }
  if (item.summary !== null) out.push(`<summary type="text">${escapeXmlText(item.summary)}</summary>`);
  if (item.contentHtml !== null) {
    out.push(`<content type="html">${escapeXmlText(item.contentHtml)}</content>`);
  } else if (item.link === null) {
    // An entry with neither content nor an alternate link is invalid: the summary stands in.
    out.push(`<content type="text">${escapeXmlText(item.summary ?? '')}</content>`);
  }
  return out;
}

function author(name: string): string {
  return `<author><name>${escapeXmlText(name)}</name></author>`;
}

// An absolute IRI: a scheme, then no whitespace and none of the characters RFC 3987 excludes.
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/u;

/** The id itself when it is an absolute IRI, else a URN made from it (the same every time). */
function atomId(id: string): string {
  return ABSOLUTE_IRI.test(id) ? id : `urn:feedkeeper:${encodeURIComponent(id)}`;
}
