import { describe, expect, it } from 'vitest';
import { parseDocument } from './dom.js';
import { absolutizeUrls, documentBase, largestSrcsetUrl, parseSrcset, resolveUrl } from './urls.js';

describe('documentBase', () => {
  it.each([
    ['the page URL without <base>', '<p>x</p>', 'https://a.example/x/y.html', 'https://a.example/x/y.html'],
    ['<base href> resolved against the page URL', '<base href="/news/"><p>x</p>', 'https://a.example/x/y.html', 'https://a.example/news/'],
    ['an absolute <base href> without a page URL', '<base href="https://cdn.example/"><p>x</p>', null, 'https://cdn.example/'],
    ['nothing at all', '<p>x</p>', null, null],
    ['a page URL that does not parse', '<p>x</p>', 'not a url', null],
  ])('%s', (_case, html, url, base) => {
    expect(documentBase(parseDocument(html), url)).toBe(base);
  });
});

describe('absolutizeUrls', () => {
  it('makes links, images, sources and posters absolute and leaves fragments and schemes alone', () => {
    const doc = parseDocument(
      '<body><a href="../a.html">a</a><a href="#note-1">1</a><a href="mailto:x@example.com">m</a><a href="javascript:void(0)">j</a>' +
        '<img src="//img.example.cn/p.jpg"><img src="data:image/gif;base64,R0lG"><picture><source srcset="s-480.jpg 480w, s-960.jpg 960w"></picture>' +
        '<video poster="poster.jpg" src="v.mp4"></video><blockquote cite="/source">q</blockquote></body>',
    );
    absolutizeUrls(doc, 'https://www.example.net/news/2024/story.html');
    expect(doc.body.innerHTML).toBe(
      '<a href="https://www.example.net/news/a.html">a</a><a href="#note-1">1</a><a href="mailto:x@example.com">m</a><a href="javascript:void(0)">j</a>' +
        '<img src="https://img.example.cn/p.jpg"><img src="data:image/gif;base64,R0lG"><picture><source srcset="https://www.example.net/news/2024/s-480.jpg 480w, https://www.example.net/news/2024/s-960.jpg 960w"></picture>' +
        '<video poster="https://www.example.net/news/2024/poster.jpg" src="https://www.example.net/news/2024/v.mp4"></video><blockquote cite="https://www.example.net/source">q</blockquote>',
    );
  });

  it('does nothing without a base', () => {
    const doc = parseDocument('<body><a href="a.html">a</a></body>');
    absolutizeUrls(doc, null);
    expect(doc.body.innerHTML).toBe('<a href="a.html">a</a>');
  });
});

describe('srcset', () => {
  it.each([
    ['width descriptors', 'a.jpg 480w, b.jpg 1024w', [{ url: 'a.jpg', descriptor: '480w' }, { url: 'b.jpg', descriptor: '1024w' }]],
    ['density descriptors and no spaces after commas', 'a.jpg 1x,b.jpg 2x', [{ url: 'a.jpg', descriptor: '1x' }, { url: 'b.jpg', descriptor: '2x' }]],
    ['commas inside a CDN URL', 'https://c.example/w_300,h_200/p.jpg 300w', [{ url: 'https://c.example/w_300,h_200/p.jpg', descriptor: '300w' }]],
    ['a bare URL', 'only.jpg', [{ url: 'only.jpg', descriptor: '' }]],
    ['empty', ' ', []],
  ])('parses %s', (_case, srcset, candidates) => {
    expect(parseSrcset(srcset)).toEqual(candidates);
  });

  it('picks the widest candidate', () => {
    expect(largestSrcsetUrl('s.jpg 480w, l.jpg 1024w, m.jpg 800w')).toBe('l.jpg');
    expect(largestSrcsetUrl('a.jpg 1x, b.jpg 2x')).toBe('b.jpg');
    expect(largestSrcsetUrl('')).toBeNull();
  });
});

describe('resolveUrl', () => {
  it.each([
    ['relative', 'b.jpg', 'https://a.example/x/', 'https://a.example/x/b.jpg'],
    ['protocol-relative', '//cdn.example/b.jpg', 'https://a.example/', 'https://cdn.example/b.jpg'],
    ['absolute without a base', 'https://a.example/b.jpg', null, 'https://a.example/b.jpg'],
    ['relative without a base', 'b.jpg', null, null],
    ['empty', '  ', 'https://a.example/', null],
  ])('%s', (_case, href, base, url) => {
    expect(resolveUrl(href, base)).toBe(url);
  });
});
