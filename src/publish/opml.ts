/**
 * writeOpml: a subscription list → an OPML 2.0 document (UTF-8 text), for export and for other
 * readers to import. Pure: the caller passes the feeds and, if it wants one, the creation date.
 *
 * How tags are written, so that parse/'s parseOpml gives back the same feeds with the same tags:
 * - Tags are cleaned first (characters XML forbids removed, whitespace collapsed, empty and
 *   repeated tags dropped), the way the parser reads them.
 * - The first tag is the folder: feeds are grouped under one folder outline per first tag, because
 *   folders are what every reader imports. Folders and untagged feeds keep the order of their
 *   first feed.
 * - The other tags go in the feed's `category` attribute as plain comma-separated tags (OPML 2.0:
 *   "to represent a tag, the category string should contain no slashes"). A comma or slash in one of
 *   these tags would split it, so they are written as the full-width "，" and "／" (one tag stays
 *   one tag; this is the one change a round trip makes).
 * - A feed without a title gets text="" and no title attribute, so it reads back as null.
 */
import { FeedkeeperError } from '../core/index.js';
import { escapeXmlAttribute, escapeXmlText, removeNonXmlCharacters } from './xml-escape.js';

export interface OpmlExportFeed {
  url: string;
  title: string | null;
  siteUrl: string | null;
  tags: string[];
}

export interface OpmlExport {
  title: string;
  feeds: OpmlExportFeed[];
  /** Written as <dateCreated> (RFC 822) when given. */
  dateCreated?: Date;
}

export function writeOpml(doc: OpmlExport): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">', '  <head>', `    <title>${escapeXmlText(doc.title)}</title>`];
  if (doc.dateCreated !== undefined) lines.push(`    <dateCreated>${rfc822(doc.dateCreated)}</dateCreated>`);
  lines.push('  </head>', '  <body>');
  for (const group of groupByFolder(doc.feeds)) {
    if (group.folder === null) {
      for (const feed of group.feeds) lines.push(`    ${feedOutline(feed)}`);
      continue;
    }
    const name = escapeXmlAttribute(group.folder);
    lines.push(`    <outline text="${name}" title="${name}">`);
    for (const feed of group.feeds) lines.push(`      ${feedOutline(feed)}`);
    lines.push('    </outline>');
  }
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}

interface Group {
  folder: string | null;
  feeds: Array<{ feed: OpmlExportFeed; categories: string[] }>;
}

function groupByFolder(feeds: readonly OpmlExportFeed[]): Group[] {
  const groups: Group[] = [];
  const byFolder = new Map<string, Group>();
  for (const feed of feeds) {
    const [folder, ...rest] = cleanTags(feed.tags);
    const entry = { feed, categories: categoryTags(folder, rest) };
    if (folder === undefined) {
      groups.push({ folder: null, feeds: [entry] });
      continue;
    }
    let group = byFolder.get(folder);
    if (group === undefined) {
      group = { folder, feeds: [] };
      byFolder.set(folder, group);
      groups.push(group);
    }
    group.feeds.push(entry);
  }
  return groups;
}

function feedOutline({ feed, categories }: { feed: OpmlExportFeed; categories: string[] }): string {
  const title = feed.title === null ? '' : escapeXmlAttribute(feed.title);
  let out = `<outline type="rss" text="${title}"`;
  if (feed.title !== null) out += ` title="${title}"`;
  out += ` xmlUrl="${escapeXmlAttribute(feed.url)}"`;
  if (feed.siteUrl !== null) out += ` htmlUrl="${escapeXmlAttribute(feed.siteUrl)}"`;
  if (categories.length > 0) out += ` category="${escapeXmlAttribute(categories.join(','))}"`;
  return `${out}/>`;
}

/** Tags as the parser will read them back: cleaned, non-empty, each once, in order. */
function cleanTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const tag of tags) {
    const clean = removeNonXmlCharacters(tag).replace(/\s+/g, ' ').trim();
    if (clean !== '' && !out.includes(clean)) out.push(clean);
  }
  return out;
}

/** The tags after the folder, made safe for a comma-separated, slash-delimited attribute. */
function categoryTags(folder: string | undefined, rest: readonly string[]): string[] {
  const out: string[] = [];
  for (const tag of rest) {
    const safe = tag.replace(/,/g, '，').replace(/\//g, '／');
    if (safe !== folder && !out.includes(safe)) out.push(safe);
  }
  return out;
}

function rfc822(date: Date): string {
  if (Number.isNaN(date.getTime())) {
    throw new FeedkeeperError('USAGE', 'writeOpml: dateCreated is an invalid Date; expected a valid Date or no dateCreated');
  }
  return date.toUTCString();
}
