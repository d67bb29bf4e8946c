import { describe, expect, it } from 'vitest';
import { writeAtom, writeJsonFeed, writeRss, type PublishedFeed } from './index.js';
import { feedOf, itemOf } from './testdata/round-trip.js';

// One small English feed, written out in full by each writer: the golden outputs below are what
// a reviewer reads to see the exact shape of each format.
const small: PublishedFeed = {
  id: 'tag:daily.example,2024:feed',
  title: 'The Daily Example',
  description: 'News & notes',
  homeUrl: 'https://daily.example/',
  selfUrl: 'https://reader.example/feeds/7.xml',
  language: 'en',
  updated: Date.UTC(2024, 0, 31, 11, 33),
  items: [
    {
      id: 'https://daily.example/2024/01/31/bridge',
      title: 'Bridge reopens',
      link: 'https://daily.example/2024/01/31/bridge',
      author: 'Ann Lee',
      published: Date.UTC(2024, 0, 31, 9, 0),
      updated: null,
      summary: 'Traffic flows again.',
      contentHtml: '<p>Traffic flows again.</p>',
      categories: ['Local'],
      enclosures: [{ url: 'https://daily.example/a.mp3', type: 'audio/mpeg', length: 1024 }],
    },
  ],
};

describe('golden outputs', () => {
  it('writeRss', () => {
    expect(writeRss(small)).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>The Daily Example</title>
    <link>https://daily.example/</link>
    <description>News &amp;amp; notes</description>
    <atom:link rel="self" type="application/rss+xml" href="https://reader.example/feeds/7.xml"/>
    <language>en</language>
    <lastBuildDate>Wed, 31 Jan 2024 11:33:00 GMT</lastBuildDate>
    <generator>feedkeeper</generator>
    <item>
      <title>Bridge reopens</title>
      <link>https://daily.example/2024/01/31/bridge</link>
      <guid isPermaLink="true">https://daily.example/2024/01/31/bridge</guid>
      <pubDate>Wed, 31 Jan 2024 09:00:00 GMT</pubDate>
      <dc:creator>Ann Lee</dc:creator>
      <category>Local</category>
      <description>Traffic flows again.</description>
      <content:encoded><![CDATA[<p>Traffic flows again.</p>]]></content:encoded>
      <enclosure url="https://daily.example/a.mp3" length="1024" type="audio/mpeg"/>
      <media:content url="https://daily.example/a.mp3" type="audio/mpeg" fileSize="1024"/>
    </item>
  </channel>
</rss>
`);
  });

  it('writeAtom', () => {
    expect(writeAtom(small)).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>tag:daily.example,2024:feed</id>
  <title type="text">The Daily Example</title>
  <subtitle type="text">News &amp; notes</subtitle>
  <link rel="alternate" type="text/html" href="https://daily.example/"/>
  <link rel="self" type="application/atom+xml" href="https://reader.example/feeds/7.xml"/>
  <updated>2024-01-31T11:33:00Z</updated>
  <generator>feedkeeper</generator>
  <entry>
    <id>https://daily.example/2024/01/31/bridge</id>
    <title type="text">Bridge reopens</title>
    <link rel="alternate" type="text/html" href="https://daily.example/2024/01/31/bridge"/>
    <published>2024-01-31T09:00:00Z</published>
    <updated>2024-01-31T09:00:00Z</updated>
    <author><name>Ann Lee</name></author>
    <category term="Local"/>
    <link rel="enclosure" href="https://daily.example/a.mp3" type="audio/mpeg" length="1024"/>
    <summary type="text">Traffic flows again.</summary>
    <content type="html">&lt;p&gt;Traffic flows again.&lt;/p&gt;</content>
  </entry>
</feed>
`);
  });

  it('writeJsonFeed', () => {
    expect(JSON.parse(writeJsonFeed(small))).toEqual({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'The Daily Example',
      home_page_url: 'https://daily.example/',
      feed_url: 'https://reader.example/feeds/7.xml',
      description: 'News & notes',
      language: 'en',
      items: [{
        id: 'https://daily.example/2024/01/31/bridge',
        url: 'https://daily.example/2024/01/31/bridge',
        title: 'Bridge reopens',
        content_html: '<p>Traffic flows again.</p>',
        summary: 'Traffic flows again.',
        date_published: '2024-01-31T09:00:00Z',
        authors: [{ name: 'Ann Lee' }],
        tags: ['Local'],
        attachments: [{ url: 'https://daily.example/a.mp3', mime_type: 'audio/mpeg', size_in_bytes: 1024 }],
      }],
    });
    expect(writeJsonFeed(small).endsWith('}\n')).toBe(true);
  });
});

describe('writeRss decisions', () => {
  it.each([
    ['a plain title is escaped once', 'Q & A: 1 < 2', '<title>Q &amp; A: 1 &lt; 2</title>'],
    ['a title that looks like a tag is escaped as HTML too', 'Use <video>', '<title>Use &amp;lt;video&amp;gt;</title>'],
    ['a title with an entity-like run is escaped as HTML too', 'AT&amp;T', '<title>AT&amp;amp;amp;T</title>'],
    ['"]]>" in a title never appears raw', 'a]]>b', '<title>a]]&gt;b</title>'],
  ])('%s', (_case, title, expected) => {
    expect(writeRss(feedOf([itemOf({ title })]))).toContain(expected);
  });

  it.each([
    ['one "]]>"', 'a]]>b', '<![CDATA[a]]]]><![CDATA[>b]]>'],
    ['"]]>" at both ends', ']]>x]]>', '<![CDATA[]]]]><![CDATA[>x]]]]><![CDATA[>]]>'],
    ['"]]]]>"', ']]]]>', '<![CDATA[]]]]]]><![CDATA[>]]>'],
  ])('splits CDATA around %s', (_case, contentHtml, expected) => {
    expect(writeRss(feedOf([itemOf({ contentHtml })]))).toContain(`<content:encoded>${expected}</content:encoded>`);
  });

  it('marks a guid as a permalink only when it is the item link', () => {
    const out = writeRss(feedOf([itemOf({ id: 'tag:news.example,2024:9' }), itemOf({ id: 'https://news.example/x', link: 'https://news.example/x' })]));
    expect(out).toContain('<guid isPermaLink="false">tag:news.example,2024:9</guid>');
    expect(out).toContain('<guid isPermaLink="true">https://news.example/x</guid>');
  });

  it('writes an <enclosure> only for a first enclosure with type and length, and media:content for all', () => {
    const out = writeRss(feedOf([itemOf({ enclosures: [{ url: 'https://m.example/a.jpg', type: 'image/jpeg', length: null }, { url: 'https://m.example/b.mp3', type: 'audio/mpeg', length: 9 }] })]));
    expect(out).not.toContain('<enclosure');
    expect(out).toContain('<media:content url="https://m.example/a.jpg" type="image/jpeg"/>');
    expect(out).toContain('<media:content url="https://m.example/b.mp3" type="audio/mpeg" fileSize="9"/>');
  });

  it('falls back to the title when the feed has no description, as RSS requires one', () => {
    expect(writeRss(feedOf([], { description: null }))).toContain('<description>江城日报 全文</description>');
  });
});

describe('writeAtom decisions', () => {
  it.each([
    ['a tag: URI is kept', 'tag:news.example,2024:1', 'tag:news.example,2024:1'],
    ['a URL is kept', 'https://news.example/a?b=1&c=2', 'https://news.example/a?b=1&amp;c=2'],
    ['a Chinese IRI is kept', 'https://新闻.example/文章/1', 'https://新闻.example/文章/1'],
    ['a bare number becomes a URN', '12345', 'urn:feedkeeper:12345'],
    ['text with spaces becomes a URN', '文章 1', 'urn:feedkeeper:%E6%96%87%E7%AB%A0%201'],
  ])('ids: %s', (_case, id, expected) => {
    expect(writeAtom(feedOf([itemOf({ id })]))).toContain(`<entry>\n    <id>${expected}</id>`);
  });

  it('adds a feed author, named after the feed, only when an entry has none', () => {
    expect(writeAtom(feedOf([itemOf()])).split('<entry>')[0]).not.toContain('<author>');
    expect(writeAtom(feedOf([itemOf(), itemOf({ author: null })]))).toContain('  <author><name>江城日报 全文</name></author>\n  <generator>');
  });

  it('gives an entry with neither content nor link its summary as text content', () => {
    expect(writeAtom(feedOf([itemOf({ link: '', contentHtml: null, summary: 'a < b' })]))).toContain('<content type="text">a &lt; b</content>');
  });
});

describe('writeJsonFeed decisions', () => {
  const first = (feed: PublishedFeed): Record<string, unknown> => (JSON.parse(writeJsonFeed(feed)) as { items: Array<Record<string, unknown>> }).items[0] ?? {};

  it.each([
    ['content_html when there is full text', { contentHtml: '<p>全文</p>' }, { content_html: '<p>全文</p>' }],
    ['the summary as content_text without full text', { contentHtml: null, summary: '摘要 & <b>' }, { content_text: '摘要 & <b>' }],
    ['an empty content_text with neither', { contentHtml: null, summary: null }, { content_text: '' }],
    ['titles as plain text, even when they look like HTML', { title: 'Use <video> &amp; more' }, { title: 'Use <video> &amp; more' }],
    ['application/octet-stream for an unknown attachment type', { enclosures: [{ url: 'https://m.example/x', type: null, length: null }] }, { attachments: [{ url: 'https://m.example/x', mime_type: 'application/octet-stream' }] }],
  ])('writes %s', (_case, over, expected) => {
    expect(first(feedOf([itemOf(over)]))).toMatchObject(expected);
  });

  it('leaves out what is missing rather than writing null', () => {
    const item = first(feedOf([itemOf({ author: null, summary: null, categories: [], link: '' })]));
    expect(Object.keys(item).sort()).toEqual(['content_html', 'date_published', 'id', 'title']);
  });
});

it.each([['writeRss', writeRss], ['writeAtom', writeAtom], ['writeJsonFeed', writeJsonFeed]] as const)('%s does not change its input', (_name, write) => {
  const feed = feedOf([itemOf({ title: ' 空格 \u0001', categories: ['a', 'a'] })]);
  const before = structuredClone(feed);
  write(feed);
  expect(feed).toEqual(before);
});
