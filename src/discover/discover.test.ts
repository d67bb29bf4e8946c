import { describe, expect, it } from 'vitest';
import { discoverFeeds } from './index.js';

const page = (head: string) => `<!doctype html><html><head>${head}</head><body><p>本站新闻</p></body></html>`;

describe('discoverFeeds', () => {
  it.each([
    ['RSS and Atom links in page order', page('<link rel="alternate" type="application/rss+xml" title="全部新闻" href="/feed.xml"><link rel="alternate" type="application/atom+xml" href="https://news.example.org/atom">'), 'https://news.example.org/zh/', ['https://news.example.org/feed.xml', 'https://news.example.org/atom']],
    ['relative href resolved against <base>', page('<base href="https://cdn.example.net/site/"><link rel="alternate" type="application/rss+xml" href="rss.xml">'), 'https://news.example.org/', ['https://cdn.example.net/site/rss.xml']],
    ['rel with several tokens and upper-case type', page('<link rel="Alternate home" type="Application/RSS+XML" href="/r">'), 'https://a.example/', ['https://a.example/r']],
    ['stylesheet and icon links ignored', page('<link rel="stylesheet" href="/s.css"><link rel="icon" href="/i.png">'), 'https://a.example/', []],
    ['alternate language versions are not feeds', page('<link rel="alternate" hreflang="en" href="/en/">'), 'https://a.example/', []],
    ['plain application/json only when it says feed', page('<link rel="alternate" type="application/json" href="/api/data"><link rel="alternate" type="application/json" href="/feed.json">'), 'https://a.example/', ['https://a.example/feed.json']],
    ['duplicates listed once', page('<link rel="alternate" type="application/rss+xml" href="/f"><link rel="alternate" type="application/rss+xml" href="https://a.example/f">'), 'https://a.example/', ['https://a.example/f']],
  ])('%s', (_name, html, url, expected) => {
    expect(discoverFeeds(html, url).map((f) => f.url)).toEqual(expected);
  });

  it('keeps type and title', () => {
    const [feed] = discoverFeeds(page('<link rel="alternate" type="application/atom+xml" title=" 国际 " href="/intl.atom">'), 'https://a.example/');
    expect(feed).toEqual({ url: 'https://a.example/intl.atom', type: 'atom', title: '国际' });
  });
});
