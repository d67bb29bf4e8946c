/**
 * publish/: what feedkeeper writes for others to read: OPML subscription lists, and republished
 * feeds as RSS 2.0, Atom 1.0 and JSON Feed 1.1, with the output filters a feed URL may ask for.
 * Pure: everything arrives as arguments (plain data, never store rows), the result is text.
 */
export { writeOpml, type OpmlExport, type OpmlExportFeed } from './opml.js';
export type { PublishedEnclosure, PublishedFeed, PublishedItem } from './published-feed.js';
export { formatRfc3339, isWritableDate } from './published-feed.js';
export { writeRss } from './rss.js';
export { writeAtom } from './atom.js';
export { writeJsonFeed } from './json-feed.js';
export { applyFilters, parseFilters, type OutputFilters } from './output-filters.js';
export type { ChineseConversion } from './chinese-convert.js';
export { escapeXmlAttribute, escapeXmlText } from './xml-escape.js';
