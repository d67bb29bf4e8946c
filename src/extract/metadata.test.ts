import { describe, expect, it } from 'vitest';
import { parseDocument } from './dom.js';
import { readPageMetadata } from './metadata.js';

const read = (head: string, body = '', base: string | null = 'https://news.example.com/a/b.html') =>
  readPageMetadata(parseDocument(`<html><head>${head}</head><body>${body}</body></html>`), base);

describe('readPageMetadata: title', () => {
  it.each([
    ['JSON-LD headline first', '<script type="application/ld+json">{"@type":"NewsArticle","headline":"LD"}</script><meta property="og:title" content="OG">', '<h1>H</h1>', 'LD'],
    ['the <h1> that <title> carries before a site name', '<title>一座县城图书馆的二十年 | 山河周刊</title>', '<h1>山河周刊</h1><h1>一座县城图书馆的二十年</h1>', '一座县城图书馆的二十年'],
    ['the <h1> after a site name', '<title>Example Daily — Storm closes schools</title>', '<h1>Storm closes schools</h1>', 'Storm closes schools'],
    ['og:title with its suffix trimmed by the <h1>', '<meta property="og:title" content="港鐵東濱線延誤｜海港時報">', '<h1>港鐵東濱線延誤</h1>', '港鐵東濱線延誤'],
    ['og:title as given when no heading matches', '<meta property="og:title" content="Social headline"><title>Site</title>', '<h1>Different headline</h1>', 'Social headline'],
    ['a lone <h1> when the page has no title at all', '', '<h1>Only heading</h1>', 'Only heading'],
    ['nothing', '<title></title>', '<h1>a</h1><h1>b</h1>', null],
  ])('%s', (_case, head, body, title) => {
    expect(read(head, body).title).toBe(title);
  });
});

describe('readPageMetadata: byline, date, language, images', () => {
  it.each([
    ['JSON-LD people', '<script type="application/ld+json">{"@type":"Article","author":[{"name":"A"},{"name":"B"}]}</script>', 'A, B'],
    ['meta author', '<meta name="author" content="李静">', '李静'],
    ['a URL in article:author is skipped for the next source', '<meta property="article:author" content="https://x.example/staff/p"><meta name="byl" content="By Priya N">', 'Priya N'],
  ])('byline from %s', (_case, head, byline) => {
    expect(read(head).byline).toBe(byline);
  });

  it.each([
    ['article:published_time', '<meta property="article:published_time" content="2024-03-06T09:15:00+08:00">', '', '2024-03-06T01:15:00.000Z'],
    ['itemprop on a meta tag', '<meta itemprop="datePublished" content="2024-02-29T20:00:00+08:00">', '', '2024-02-29T12:00:00.000Z'],
    ['<time pubdate>', '', '<time pubdate datetime="2024-03-03T21:05:00Z">3 March</time>', '2024-03-03T21:05:00.000Z'],
    ['a zone-less value falls through to the next source', '<meta property="article:published_time" content="2024-03-06 09:15"><meta name="pubdate" content="2024-03-06">', '', '2024-03-06T00:00:00.000Z'],
    ['nothing usable', '<meta name="date" content="March 6, 2024">', '', null],
  ])('date from %s', (_case, head, body, published) => {
    expect(read(head, body).published).toBe(published);
  });

  it.each([
    ['<html lang>', '<html lang="zh-Hant-HK"><head></head><body></body></html>', 'zh-Hant-HK'],
    ['og:locale with an underscore', '<html><head><meta property="og:locale" content="zh_CN"></head><body></body></html>', 'zh-CN'],
    ['Content-Language', '<html><head><meta http-equiv="Content-Language" content="en"></head><body></body></html>', 'en'],
    ['a value that is not a language tag', '<html lang="{{lang}}"><head></head><body></body></html>', null],
  ])('language from %s', (_case, html, lang) => {
    expect(readPageMetadata(parseDocument(html), null).lang).toBe(lang);
  });

  it('offers JSON-LD images, then og:image, then twitter:image, absolute and without prose or duplicates', () => {
    const head = '<script type="application/ld+json">{"@type":"NewsArticle","image":["not a url at all","/ld.jpg"]}</script>' +
      '<meta property="og:image" content="//cdn.example.com/og.jpg"><meta name="twitter:image" content="/ld.jpg">';
    expect(read(head).imageCandidates).toEqual(['https://news.example.com/ld.jpg', 'https://cdn.example.com/og.jpg']);
  });
});
