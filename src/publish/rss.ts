/**
 * writeRss: a PublishedFeed → an RSS 2.0 document. Full text goes in content:encoded as CDATA,
 * the plain-text summary in description, dates are RFC 822 in GMT (whole seconds), and the
 * channel names its own URL with atom:link rel="self" (the RSS Advisory Board's advice).
 *
 * Decisions, so that readers (parse/'s parseFeed among them) get back what was given:
 * - RSS never said whether a title is text or HTML, and readers guess: one that looks like markup
 *   (`<b`, `&amp;`) is read as HTML. Such titles are written HTML-escaped, so the HTML reading gives
 *   the text back; any other title is written as plain text, so "Q & A" stays readable everywhere.
 * - The author is a name, not the e-mail address `<author>` wants, so it goes in dc:creator.
 * - The RSS Best Practices Profile advises one <enclosure> per item, and requires its type and
 *   length. So the first enclosure is an <enclosure> when both are known, and every enclosure is
 *   also a media:content (Media RSS allows many, and type and size are optional there).
 * - An item's update time goes in dcterms:modified (W3C-DTF).
 */
import { escapeXmlAttribute, escapeXmlText, wrapCdata } from './xml-escape.js';
import { formatRfc3339, formatRfc822, prepareFeed, type PreparedFeed, type PreparedItem, type PublishedEnclosure, type PublishedFeed } from './published-feed.js';

const NAMESPACES = [
  'xmlns:atom="http://www.w3.org/2005/Atom"',
  'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:dcterms="http://purl.org/dc/terms/"',
  'xmlns:media="http://search.yahoo.com/mrss/"',
].join(' ');

export function writeRss(input: PublishedFeed): string {
  const feed = prepareFeed(input, 'writeRss');
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<rss version="2.0" ${NAMESPACES}>`, '  <channel>'];
  lines.push(...channelElements(feed).map((l) => `    ${l}`));
  for (const item of feed.items) {
    lines.push('    <item>', ...itemElements(item).map((l) => `      ${l}`), '    </item>');
  }
  lines.push('  </channel>', '</rss>', '');
  return lines.join('\n');
}

function channelElements(feed: PreparedFeed): string[] {
  const out = [
    `<title>${rssTitle(feed.title)}</title>`,
    `<link>${escapeXmlText(feed.homeUrl)}</link>`,
    // RSS requires a description; the title is the honest fallback.
    `<description>${htmlOfText(feed.description ?? feed.title)}</description>`,
    `<atom:link rel="self" type="application/rss+xml" href="${escapeXmlAttribute(feed.selfUrl)}"/>`,
  ];
  if (feed.language !== null) out.push(`<language>${escapeXmlText(feed.language)}</language>`);
  out.push(`<lastBuildDate>${formatRfc822(feed.updated)}</lastBuildDate>`, '<generator>feedkeeper</generator>');
  return out;
}

function itemElements(item: PreparedItem): string[] {
  const out: string[] = [];
  if (item.title !== null) out.push(`<title>${rssTitle(item.title)}</title>`);
  if (item.link !== null) out.push(`<link>${escapeXmlText(item.link)}</link>`);
  out.push(`<guid isPermaLink="${isPermalink(item)}">${escapeXmlText(item.id)}</guid>`);
  out.push(`<pubDate>${formatRfc822(item.published)}</pubDate>`);
  if (item.author !== null) out.push(`<dc:creator>${escapeXmlText(item.author)}</dc:creator>`);
  for (const c of item.categories) out.push(`<category>${escapeXmlText(c)}</category>`);
  if (item.summary !== null) out.push(`<description>${htmlOfText(item.summary)}</description>`);
  if (item.contentHtml !== null) out.push(`<content:encoded>${wrapCdata(item.contentHtml)}</content:encoded>`);
  out.push(...enclosureElements(item.enclosures));
  if (item.updated !== null) out.push(`<dcterms:modified>${formatRfc3339(item.updated)}</dcterms:modified>`);
  return out;
}

function enclosureElements(list: readonly PublishedEnclosure[]): string[] {
  const out: string[] = [];
  const first = list[0];
  if (first !== undefined && first.type !== null && first.length !== null) {
    out.push(`<enclosure url="${escapeXmlAttribute(first.url)}" length="${first.length}" type="${escapeXmlAttribute(first.type)}"/>`);
  }
  for (const e of list) {
    let el = `<media:content url="${escapeXmlAttribute(e.url)}"`;
    if (e.type !== null) el += ` type="${escapeXmlAttribute(e.type)}"`;
    if (e.length !== null) el += ` fileSize="${e.length}"`;
    out.push(`${el}/>`);
  }
  return out;
}

/** The guid is a permalink only when it is the item's own http(s) link. */
function isPermalink(item: PreparedItem): boolean {
  return item.id === item.link && /^https?:\/\//i.test(item.id);
}

// `<` before a letter, `!`, `/` or `?` starts a tag, comment or processing instruction, and an
// entity reference is decoded, when a reader takes the title for HTML.
const LOOKS_LIKE_MARKUP = /<[A-Za-z!/?]|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);/;

/** True when readers that guess would take this plain-text title for HTML. */
function looksLikeMarkup(text: string): boolean {
  return LOOKS_LIKE_MARKUP.test(text);
}

function rssTitle(title: string): string {
  return looksLikeMarkup(title) ? htmlOfText(title) : escapeXmlText(title);
}

/** Plain text as HTML (escaped once), then as XML element content (escaped again). */
function htmlOfText(text: string): string {
  return escapeXmlText(escapeXmlText(text));
}
