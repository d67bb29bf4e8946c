import { describe, expect, it } from 'vitest';
import { FeedkeeperError } from '../core/index.js';
import { parseFeed } from '../parse/index.js';
import { applyFilters, parseFilters, writeRss, type OutputFilters, type PublishedItem } from './index.js';
import { feedOf, itemOf } from './testdata/round-trip.js';

describe('parseFilters', () => {
  it.each<[string, string, OutputFilters]>([
    ['nothing asked', '', {}],
    ['a limit', 'limit=20', { limit: 20 }],
    ['the smallest limit', 'limit=1', { limit: 1 }],
    ['the largest limit', 'limit=500', { limit: 500 }],
    ['repeated include terms', 'include=港股&include=台风', { include: ['港股', '台风'] }],
    ['comma-separated terms, trimmed, each once', 'include=a,%20b%20,,a', { include: ['a', 'b'] }],
    ['an exclude term', 'exclude=Sport', { exclude: ['Sport'] }],
    ['each opencc direction', 'opencc=s2tw', { opencc: 's2tw' }],
    ['opencc in capitals', 'opencc=S2HK', { opencc: 's2hk' }],
    ['fulltext=false', 'fulltext=false', { fulltext: false }],
    ['fulltext=0', 'fulltext=0', { fulltext: false }],
    ['fulltext=true', 'fulltext=true', { fulltext: true }],
    ['fulltext=1', 'fulltext=1', { fulltext: true }],
    ['other parameters are not its business', 'format=atom&token=x', {}],
    [
      'everything at once',
      'limit=5&include=%E6%B8%AF&exclude=sport&opencc=t2s&fulltext=false',
      { limit: 5, include: ['港'], exclude: ['sport'], opencc: 't2s', fulltext: false },
    ],
  ])('reads %s', (_case, query, expected) => {
    expect(parseFilters(new URLSearchParams(query))).toEqual(expected);
  });

  it.each([
    ['limit=0', 'limit: expected a whole number from 1 to 500, got "0"'],
    ['limit=501', 'limit: expected a whole number from 1 to 500, got "501"'],
    ['limit=abc', 'limit: expected a whole number from 1 to 500, got "abc"'],
    ['limit=1.5', 'limit: expected a whole number from 1 to 500, got "1.5"'],
    ['limit=-1', 'limit: expected a whole number from 1 to 500, got "-1"'],
    ['limit=', 'limit: expected a whole number from 1 to 500, got ""'],
    ['limit=1e2', 'limit: expected a whole number from 1 to 500, got "1e2"'],
    ['limit=5&limit=6', 'limit: given 2 times; expected it once'],
    ['opencc=x', 'opencc: expected one of s2t, t2s, s2tw, s2hk, got "x"'],
    ['opencc=s2twp', 'opencc: expected one of s2t, t2s, s2tw, s2hk, got "s2twp"'],
    ['opencc=', 'opencc: expected one of s2t, t2s, s2tw, s2hk, got ""'],
    ['opencc=s2t&opencc=t2s', 'opencc: given 2 times; expected it once'],
    ['fulltext=maybe', 'fulltext: expected true or false (or 1 or 0), got "maybe"'],
    ['fulltext=', 'fulltext: expected true or false (or 1 or 0), got ""'],
    ['include=', 'include: expected one or more comma-separated terms, got ""'],
    ['exclude=,%20,', 'exclude: expected one or more comma-separated terms, got ", ,"'],
  ])('refuses %s', (query, message) => {
    const attempt = (): OutputFilters => parseFilters(new URLSearchParams(query));
    expect(attempt).toThrow(FeedkeeperError);
    expect(attempt).toThrow(message);
    expect(() => attempt()).toThrow(expect.objectContaining({ code: 'USAGE', message }));
  });
});

const ITEMS: PublishedItem[] = [
  itemOf({ id: 'a', title: '港股收涨 恒指升1%', contentHtml: '<p>香港股市今日上涨。</p>' }),
  itemOf({ id: 'b', title: 'Typhoon Haikui nears coast', contentHtml: '<p>Sport events cancelled.</p>' }),
  itemOf({ id: 'c', title: '台风“海葵”逼近', contentHtml: '<p>多地停课。</p>' }),
  itemOf({ id: 'd', title: 'Market Rally continues', contentHtml: '<p>Stocks rose again.</p>' }),
];
const textOf = (item: PublishedItem): string => (item.contentHtml ?? '').replace(/<[^>]*>/g, '');
const idsAfter = (filters: OutputFilters): string[] => applyFilters(feedOf(ITEMS), filters, textOf).items.map((i) => i.id);

describe('applyFilters', () => {
  it.each<[string, OutputFilters, string[]]>([
    ['no filters keep everything in order', {}, ['a', 'b', 'c', 'd']],
    ['limit keeps the first items', { limit: 2 }, ['a', 'b']],
    ['a limit above the count keeps all', { limit: 500 }, ['a', 'b', 'c', 'd']],
    ['a Chinese include term matches the title', { include: ['港股'] }, ['a']],
    ['a Chinese include term matches the text', { include: ['停课'] }, ['c']],
    ['a Chinese term inside quotes matches', { include: ['海葵'] }, ['c']],
    ['include is case-insensitive', { include: ['TYPHOON'] }, ['b']],
    ['include is case-insensitive the other way', { include: ['rally'] }, ['d']],
    ['include terms are alternatives', { include: ['港股', 'typhoon'] }, ['a', 'b']],
    ['exclude matches text case-insensitively', { exclude: ['SPORT'] }, ['a', 'c', 'd']],
    ['exclude with a Chinese term', { exclude: ['恒指'] }, ['b', 'c', 'd']],
    ['exclude beats include', { include: ['台风', 'typhoon'], exclude: ['sport'] }, ['c']],
    ['limit applies after filtering', { exclude: ['港股'], limit: 2 }, ['b', 'c']],
    ['a Traditional term does not match Simplified text without opencc', { include: ['颱風'] }, []],
    ['with opencc, a term in the output script matches the source', { include: ['颱風'], opencc: 's2t' }, ['c']],
    ['with opencc, the source-script term still matches', { include: ['台风'], opencc: 's2tw' }, ['c']],
    ['with opencc, exclude matches the output script too', { exclude: ['港股', '颱風'], opencc: 's2hk' }, ['b', 'd']],
    ['nothing matches', { include: ['选举'] }, []],
  ])('%s', (_case, filters, expected) => {
    expect(idsAfter(filters)).toEqual(expected);
  });

  it('converts titles, summaries, categories and HTML text, never markup, ids, links or authors (opencc)', () => {
    const item = itemOf({
      id: 'tag:news.example,2024:为',
      title: '台湾发展新闻',
      link: 'https://news.example/里面',
      author: '记者 里面',
      summary: '为什么发展',
      contentHtml: '<p title="为"><a href="https://news.example/为">里面</a>为什么</p>',
      categories: ['台湾', 'Tech'],
    });
    const out = applyFilters(feedOf([item], { title: '新闻 全文', description: '发展' }), { opencc: 's2tw' }, textOf);
    expect(out.title).toBe('新聞 全文');
    expect(out.description).toBe('發展');
    expect(out.items).toEqual([{
      ...item,
      title: '臺灣發展新聞',
      summary: '為什麼發展',
      contentHtml: '<p title="为"><a href="https://news.example/为">裡面</a>為什麼</p>',
      categories: ['臺灣', 'Tech'],
    }]);
  });

  it.each<[string, OutputFilters, string | null, string | null]>([
    ['fulltext=false drops the HTML and keeps the summary', { fulltext: false }, null, '摘要'],
    ['fulltext=true keeps both', { fulltext: true }, '<p>全文</p>', '摘要'],
    ['no fulltext filter keeps both', {}, '<p>全文</p>', '摘要'],
    ['fulltext=false with opencc converts the summary', { fulltext: false, opencc: 's2t' }, null, '摘要'],
  ])('%s', (_case, filters, contentHtml, summary) => {
    const [item] = applyFilters(feedOf([itemOf({ contentHtml: '<p>全文</p>', summary: '摘要' })]), filters, textOf).items;
    expect(item?.contentHtml).toBe(contentHtml);
    expect(item?.summary).toBe(summary);
  });

  it('does not change its input, and asks for text only when it filters', () => {
    const feed = feedOf(ITEMS);
    const before = structuredClone(feed);
    let asked = 0;
    applyFilters(feed, { limit: 1, opencc: 's2t', fulltext: false }, () => String(++asked));
    expect(asked).toBe(0);
    applyFilters(feed, { include: ['x'] }, () => String(++asked));
    expect(asked).toBe(ITEMS.length);
    expect(feed).toEqual(before);
  });

  it.each([0, 501, 2.5, Number.NaN])('refuses limit %s with USAGE', (limit) => {
    expect(() => applyFilters(feedOf(ITEMS), { limit }, textOf)).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });

  it('composes with parseFilters and a writer: the query decides what parseFeed reads back', () => {
    const filters = parseFilters(new URLSearchParams('opencc=s2tw&exclude=sport&limit=2&fulltext=false'));
    const feed = feedOf([itemOf({ id: 'x', title: 'Sport 体育' }), ...ITEMS]);
    const parsed = parseFeed(writeRss(applyFilters(feed, filters, textOf)));
    expect(parsed.feed.title).toBe('江城日報 全文');
    expect(parsed.items.map((i) => [i.id, i.title, i.content])).toEqual([
      ['a', '港股收漲 恒指升1%', null],
      ['c', '颱風“海葵”逼近', null],
    ]);
  });
});
