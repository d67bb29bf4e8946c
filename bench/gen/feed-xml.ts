/**
 * Renders a generated feed model as RSS 2.0 or Atom 1.0 text, indented the way publishing
 * software usually writes it. Three content styles cover what parsers meet in the wild:
 * RSS with content:encoded in CDATA, RSS with entity-escaped HTML in <description>, and Atom
 * with type="html" content (escaped or in CDATA).
 */
import { escapeHtml } from './article.js';

export type FeedStyle = 'rss-cdata' | 'rss-escaped' | 'atom';

export interface GeneratedItem {
  title: string;
  link: string;
  guid: string;
  /** Epoch milliseconds. */
  published: number;
  author: string;
  categories: string[];
  summary: string;
  html: string;
  image: { url: string; length: number } | null;
}

export interface GeneratedFeed {
  style: FeedStyle;
  lang: 'zh' | 'en';
  /** Minutes east of UTC used when writing dates, e.g. 480 for +0800. */
  zoneMinutes: number;
  title: string;
  siteUrl: string;
  feedUrl: string;
  description: string;
  items: GeneratedItem[];
  /** When true, Atom content goes in CDATA instead of being entity-escaped. */
  atomCdata: boolean;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

function zoneParts(zoneMinutes: number): { sign: string; hh: string; mm: string } {
  const abs = Math.abs(zoneMinutes);
  return { sign: zoneMinutes < 0 ? '-' : '+', hh: pad(Math.floor(abs / 60)), mm: pad(abs % 60) };
}

/** RFC 822 as RSS uses it: `Wed, 05 Jun 2024 08:30:00 +0800` (or GMT when the zone is zero). */
function formatRfc822(epochMs: number, zoneMinutes: number): string {
  const d = new Date(epochMs + zoneMinutes * 60_000);
  const z = zoneParts(zoneMinutes);
  const zone = zoneMinutes === 0 ? 'GMT' : `${z.sign}${z.hh}${z.mm}`;
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${zone}`;
}

/** RFC 3339 as Atom uses it: `2024-06-05T08:30:00+08:00`. */
function formatRfc3339(epochMs: number, zoneMinutes: number): string {
  const local = new Date(epochMs + zoneMinutes * 60_000).toISOString().slice(0, 19);
  const z = zoneParts(zoneMinutes);
  return zoneMinutes === 0 ? `${local}Z` : `${local}${z.sign}${z.hh}:${z.mm}`;
}

const cdata = (text: string): string => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

export function renderFeed(feed: GeneratedFeed): string {
  return feed.style === 'atom' ? renderAtom(feed) : renderRss(feed);
}

function renderRss(feed: GeneratedFeed): string {
  const newest = feed.items[0]?.published ?? 0;
  const head = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"' +
      ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `  <title>${escapeHtml(feed.title)}</title>`,
    `  <link>${feed.siteUrl}</link>`,
    `  <description>${escapeHtml(feed.description)}</description>`,
    `  <language>${feed.lang === 'zh' ? 'zh-cn' : 'en-us'}</language>`,
    `  <lastBuildDate>${formatRfc822(newest, feed.zoneMinutes)}</lastBuildDate>`,
    `  <atom:link href="${feed.feedUrl}" rel="self" type="application/rss+xml"/>`,
  ];
  const items = feed.items.map((item) => renderRssItem(feed, item));
  return [...head, ...items, '</channel>', '</rss>', ''].join('\n');
}

function renderRssItem(feed: GeneratedFeed, item: GeneratedItem): string {
  const lines = [
    '  <item>',
    `    <title>${escapeHtml(item.title)}</title>`,
    `    <link>${item.link}</link>`,
    `    <guid isPermaLink="false">${item.guid}</guid>`,
    `    <pubDate>${formatRfc822(item.published, feed.zoneMinutes)}</pubDate>`,
    `    <dc:creator>${escapeHtml(item.author)}</dc:creator>`,
    ...item.categories.map((c) => `    <category>${escapeHtml(c)}</category>`),
  ];
  if (feed.style === 'rss-cdata') {
    lines.push(`    <description>${escapeHtml(item.summary)}</description>`);
    lines.push(`    <content:encoded>${cdata(item.html)}</content:encoded>`);
  } else {
    lines.push(`    <description>${escapeHtml(item.html)}</description>`);
  }
  if (item.image) {
    lines.push(`    <enclosure url="${item.image.url}" length="${item.image.length}" type="image/jpeg"/>`);
  }
  lines.push('  </item>');
  return lines.join('\n');
}

function renderAtom(feed: GeneratedFeed): string {
  const newest = feed.items[0]?.published ?? 0;
  const head = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${feed.lang === 'zh' ? 'zh-CN' : 'en'}">`,
    `  <title>${escapeHtml(feed.title)}</title>`,
    `  <subtitle>${escapeHtml(feed.description)}</subtitle>`,
    `  <link rel="alternate" type="text/html" href="${feed.siteUrl}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${feed.feedUrl}"/>`,
    `  <id>${feed.siteUrl}</id>`,
    `  <updated>${formatRfc3339(newest, feed.zoneMinutes)}</updated>`,
  ];
  const entries = feed.items.map((item) => renderAtomEntry(feed, item));
  return [...head, ...entries, '</feed>', ''].join('\n');
}

function renderAtomEntry(feed: GeneratedFeed, item: GeneratedItem): string {
  const content = feed.atomCdata ? cdata(item.html) : escapeHtml(item.html);
  return [
    '  <entry>',
    `    <title type="text">${escapeHtml(item.title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${item.link}"/>`,
    `    <id>${item.guid}</id>`,
    `    <published>${formatRfc3339(item.published, feed.zoneMinutes)}</published>`,
    `    <updated>${formatRfc3339(item.published, feed.zoneMinutes)}</updated>`,
    `    <author><name>${escapeHtml(item.author)}</name></author>`,
    ...item.categories.map((c) => `    <category term="${escapeHtml(c)}"/>`),
    `    <summary type="text">${escapeHtml(item.summary)}</summary>`,
    `    <content type="html">${content}</content>`,
    '  </entry>',
  ].join('\n');
}
