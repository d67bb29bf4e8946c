/**
 * writeJsonFeed: a PublishedFeed → a JSON Feed 1.1 document (https://jsonfeed.org/version/1.1).
 *
 * Decisions, following the spec where it is strict:
 * - Titles are plain text, as the spec says, even when they look like HTML.
 * - Every item must have content_html or content_text: an item without full text (fulltext=false)
 *   carries its summary as content_text, or an empty content_text when it has no summary.
 * - An attachment must have a mime_type: an unknown one is written as application/octet-stream.
 * - Dates are RFC 3339 in UTC; the author is `authors: [{ name }]`; categories are `tags`.
 */
import { formatRfc3339, prepareFeed, type PreparedItem, type PublishedEnclosure, type PublishedFeed } from './published-feed.js';

interface JsonFeedItem {
  id: string;
  url?: string;
  title?: string;
  content_html?: string;
  content_text?: string;
  summary?: string;
  date_published: string;
  date_modified?: string;
  authors?: Array<{ name: string }>;
  tags?: string[];
  attachments?: JsonFeedAttachment[];
}

interface JsonFeedAttachment {
  url: string;
  mime_type: string;
  size_in_bytes?: number;
}

export function writeJsonFeed(input: PublishedFeed): string {
  const feed = prepareFeed(input, 'writeJsonFeed');
  const doc = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.selfUrl,
    ...(feed.description === null ? {} : { description: feed.description }),
    ...(feed.language === null ? {} : { language: feed.language }),
    items: feed.items.map(jsonItem),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function jsonItem(item: PreparedItem): JsonFeedItem {
  return {
    id: item.id,
    ...(item.link === null ? {} : { url: item.link }),
    ...(item.title === null ? {} : { title: item.title }),
    ...(item.contentHtml === null ? { content_text: item.summary ?? '' } : { content_html: item.contentHtml }),
    ...(item.summary === null ? {} : { summary: item.summary }),
    date_published: formatRfc3339(item.published),
    ...(item.updated === null ? {} : { date_modified: formatRfc3339(item.updated) }),
    ...(item.author === null ? {} : { authors: [{ name: item.author }] }),
    ...(item.categories.length === 0 ? {} : { tags: item.categories }),
    ...(item.enclosures.length === 0 ? {} : { attachments: item.enclosures.map(attachment) }),
  };
}

function attachment(e: PublishedEnclosure): JsonFeedAttachment {
  return { url: e.url, mime_type: e.type ?? 'application/octet-stream', ...(e.length === null ? {} : { size_in_bytes: e.length }) };
}
