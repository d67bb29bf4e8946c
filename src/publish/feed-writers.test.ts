import { describe, expect, it } from 'vitest';
import { FeedkeeperError } from '../core/index.js';
import { parseFeed } from '../parse/index.js';
import { writeAtom, writeJsonFeed, writeRss, type PublishedFeed, type PublishedItem } from './index.js';
import { atomFeedAuthor, expectRawJsonTitles, expectValid, expectedItem, feedOf, itemOf, T0, type Format } from './testdata/round-trip.js';

const WRITERS = [
  ['RSS 2.0', 'rss', writeRss, 'rss2.0'],
  ['Atom 1.0', 'atom', writeAtom, 'atom1.0'],
  ['JSON Feed 1.1', 'json', writeJsonFeed, 'json1.1'],
] as const;

function readBack(format: Format, write: (feed: PublishedFeed) => string, feed: PublishedFeed): ReturnType<typeof parseFeed> {
  const out = write(feed);
  expectValid(format, out);
  const parsed = parseFeed(out);
  expect(parsed.warnings).toEqual([]);
  if (format === 'json') expectRawJsonTitles(out, feed.items);
  return parsed;
}

const english = itemOf({
  id: 'https://news.example/en/2024/03/budget',
  title: 'Council approves 2024 budget',
  link: 'https://news.example/en/2024/03/budget',
  author: 'Jane Doe',
  summary: 'The council voted 7–2.',
  contentHtml: '<p>The council voted <strong>7–2</strong> on Monday.</p>',
  categories: ['Local', 'Politics'],
});

const CASES: Array<[string, PublishedItem[]]> = [
  ['a Chinese item', [itemOf()]],
  ['an English item', [english]],
  ['"]]>", "&" and "<" in content and titles', [itemOf({
    title: 'Q & A: is a < b? Use <video> & ]]> 标签',
    summary: 'if a < b && c > d ]]> end',
    contentHtml: '<p>x]]>y &amp; <code>a &lt; b</code> ]]]]> <![CDATA[ z ]]></p>',
    categories: ['R&D', '<tag>', 'a]]>b'],
  })]],
  ['emoji and characters outside the BMP', [itemOf({ title: '📰 新闻 👨‍👩‍👧 𠀀', contentHtml: '<p>🎉 庆祝 𠀀</p>', categories: ['🎉'], author: '王 🐼' })]],
  ['control characters and unpaired surrogates', [itemOf({
    id: 'tag:news.example,2024:\u0001ctl',
    title: '标题\u0001一\u0008\uFFFE \uD800',
    summary: '摘要\u0000',
    contentHtml: '<p>正文\u001F\uFFFF</p>\r\n<p>二</p>',
    categories: ['\u0002本地', '\u0003'],
  })]],
  ['missing optional fields', [itemOf({ author: null, updated: null, summary: null, contentHtml: null, categories: [], enclosures: [] })]],
  ['no content but a summary', [itemOf({ contentHtml: null, summary: '只有摘要 & more' })]],
  ['an id that is not an IRI, and no link', [itemOf({ id: '文章 42', link: '' }), itemOf({ id: 'plain-id-7', link: '', contentHtml: null })]],
  ['dates with milliseconds, updates and the far past', [
    itemOf({ id: 'tag:news.example,2024:a', published: T0, updated: T0 + 3_600_000 }),
    itemOf({ id: 'tag:news.example,2024:b', published: Date.UTC(1066, 9, 14, 9, 0, 0, 999) }),
  ]],
  ['enclosures, complete and not, duplicated', [itemOf({
    enclosures: [
      { url: 'https://media.example/a.mp3?x=1&y=2', type: 'audio/mpeg', length: 1234 },
      { url: 'https://media.example/b.jpg', type: null, length: null },
      { url: 'https://media.example/a.mp3?x=1&y=2', type: 'audio/ogg', length: 1 },
      { url: 'https://media.example/c.mp4', type: 'video/mp4', length: -5 },
    ],
  })]],
  ['several items, order kept, one without an author', [english, itemOf({ id: 'tag:news.example,2024:2', author: null }), itemOf()]],
];

describe.each(WRITERS)('%s', (_name, format, write, formatName) => {
  it.each(CASES)('round-trips %s through parseFeed', (_case, items) => {
    const feed = feedOf(items);
    const parsed = readBack(format, write, feed);
    expect(parsed.feed).toMatchObject({ format: formatName, title: '江城日报 全文', link: 'https://news.example/', language: 'zh-CN' });
    expect(parsed.items).toEqual(items.map((item) => expectedItem(item, format, atomFeedAuthor(feed))));
  });

  it('writes a valid feed with no items', () => {
    const parsed = readBack(format, write, feedOf([], { description: null, language: null }));
    expect(parsed.items).toEqual([]);
    expect(parsed.feed).toMatchObject({ format: formatName, title: '江城日报 全文', link: 'https://news.example/' });
  });

  it.each([
    ['control characters are removed from titles', { title: '标题\u0001一\u0008' }, '标题一', null],
    ['"]]>" survives in content', { contentHtml: '<p>a]]>b</p>' }, null, '<p>a]]>b</p>'],
    ['"]]>" twice in a row survives in content', { contentHtml: ']]>]]>' }, null, ']]>]]>'],
    ['"&" and "<" survive in titles', { title: 'A & B < C' }, 'A & B < C', null],
    ['a title that looks like HTML survives as text', { title: 'Use <video> &amp; <audio>' }, format === 'json' ? null : 'Use <video> &amp; <audio>', null],
    ['entities in content are kept as written', { contentHtml: '<p>&amp;&lt;&#20013;&nbsp;</p>' }, null, '<p>&amp;&lt;&#20013;&nbsp;</p>'],
    ['CR LF in content becomes LF', { contentHtml: '<p>一</p>\r\n<p>二</p>\r<p>三</p>' }, null, '<p>一</p>\n<p>二</p>\n<p>三</p>'],
    ['whitespace in titles collapses', { title: '  两个\n\t空格  ' }, '两个 空格', null],
  ] as const)('%s', (_case, over, title, content) => {
    const [item] = readBack(format, write, feedOf([itemOf(over)])).items;
    if (title !== null) expect(item?.title).toBe(title);
    if (content !== null) expect(item?.content).toBe(content);
  });

  it.each([
    ['a NaN publication date', { published: Number.NaN }, /items\[0\] \(tag:news\.example,2024:1\) published: expected epoch milliseconds in the years 1000–9999, got NaN/],
    ['a date past year 9999', { updated: Date.UTC(10000, 0, 1) }, /updated: expected epoch milliseconds/],
    ['neither an id nor a link', { id: ' ', link: '' }, /items\[0\]: has neither an id nor a link/],
  ] as const)('refuses %s with USAGE', (_case, over, message) => {
    const attempt = (): string => write(feedOf([itemOf(over)]));
    expect(attempt).toThrow(FeedkeeperError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (err) {
      expect((err as FeedkeeperError).code).toBe('USAGE');
    }
  });

  it('refuses an invalid feed date', () => {
    expect(() => write(feedOf([], { updated: Number.POSITIVE_INFINITY }))).toThrow(/feed updated: expected epoch milliseconds .* got Infinity/);
  });
});
