/**
 * Streams as Google Reader's Atom (`/reader/atom/<stream>` and `output=atom`): what newsboat's
 * `feedhq` source and other FeedHQ-era clients fetch. Each entry's id is the long item id (these
 * clients send it back to edit-tag as it is), its content is the clean full text as type="html",
 * and its state is a category in Google's scheme whose `label` is the state's last word: newsboat
 * marks an entry read for `read` and unread for `fresh`. The continuation is gr:continuation.
 */
import { escapeXmlAttribute, escapeXmlText, formatRfc3339, isWritableDate } from '../../publish/index.js';
import { longItemId } from './item-id.js';
import { itemCategories } from './present-json.js';
import { feedStreamId } from './stream-id.js';
import type { SyncItem } from './sync-item.js';

const SCHEME = 'http://www.google.com/reader/';


export function atomStream(stream: { id: string; title: string; selfUrl: string; nowMs: number }, items: readonly SyncItem[], continuation: string | null): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:gr="http://www.google.com/schemas/reader/atom/" xmlns:idx="urn:atom-extension:indexing" idx:index="no">`,
    '  <generator>feedkeeper</generator>',
    `  <id>tag:google.com,2005:reader/${escapeXmlText(stream.id)}</id>`,
    `  <title type="text">${escapeXmlText(stream.title)}</title>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXmlAttribute(stream.selfUrl)}"/>`,
    `  <updated>${formatRfc3339(stream.nowMs)}</updated>`,
  ];
  if (continuation !== null) lines.push(`  <gr:continuation>${escapeXmlText(continuation)}</gr:continuation>`);
  for (const item of items) lines.push(...atomEntry(item).map((l) => `  ${l}`));
  lines.push('</feed>', '');
  return lines.join('\n');
}

function atomEntry(item: SyncItem): string[] {
  // A date outside what Atom can write (a feed's year 20000) falls back to when it was stored.
  const published = isWritableDate(item.publishedAt) ? item.publishedAt : item.crawledAt;
  const categories = itemCategories(item).map((term) => {
    const label = term.slice(term.lastIndexOf('/') + 1);
    return `  <category term="${escapeXmlAttribute(term)}" scheme="${SCHEME}" label="${escapeXmlAttribute(label)}"/>`;
  });
  return [
    `<entry gr:crawl-timestamp-msec="${item.crawledAt}">`,
    `  <id gr:original-id="${escapeXmlAttribute(item.link)}">${longItemId(item.id)}</id>`,
    ...categories,
    `  <title type="text">${escapeXmlText(item.title)}</title>`,
    `  <published>${formatRfc3339(published)}</published>`,
    `  <updated>${formatRfc3339(item.updatedAt !== null && isWritableDate(item.updatedAt) ? item.updatedAt : published)}</updated>`,
    `  <link rel="alternate" type="text/html" href="${escapeXmlAttribute(item.link)}"/>`,
    `  <content type="html">${escapeXmlText(item.html)}</content>`,
    ...(item.author === null || item.author === '' ? [] : [`  <author><name>${escapeXmlText(item.author)}</name></author>`]),
    `  <source gr:stream-id="${feedStreamId(item.origin.feedId)}">`,
    `    <id>tag:google.com,2005:reader/${feedStreamId(item.origin.feedId)}</id>`,
    `    <title type="text">${escapeXmlText(item.origin.title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${escapeXmlAttribute(item.origin.siteUrl ?? item.origin.url)}"/>`,
    '  </source>',
    '</entry>',
  ];
}
