/** URL resolution and the srcset reader. */
import { describe, expect, it } from 'vitest';
import { parseSrcset, rewriteSrcset } from './srcset.js';
import { resolveUrl, toBaseUrl } from './urls.js';

const BASE = toBaseUrl('https://news.example.com/2024/01/31/story.html');
const LINKS = new Set(['http:', 'https:', 'mailto:']);

describe('resolveUrl', () => {
  it.each([
    ['relative path', 'photo.jpg', 'https://news.example.com/2024/01/31/photo.jpg'],
    ['root-relative', '/a/b.jpg', 'https://news.example.com/a/b.jpg'],
    ['protocol-relative', '//cdn.example.org/x.jpg', 'https://cdn.example.org/x.jpg'],
    ['absolute http kept', 'http://example.org/x', 'http://example.org/x'],
    ['surrounding spaces', '  /x  ', 'https://news.example.com/x'],
    ['non-ASCII path is percent-encoded', '/新闻/图.jpg', 'https://news.example.com/%E6%96%B0%E9%97%BB/%E5%9B%BE.jpg'],
    ['javascript:', 'javascript:alert(1)', null],
    ['javascript: with a tab inside', 'java\tscript:alert(1)', null],
    ['vbscript:', 'vbscript:x', null],
    ['data:', 'data:image/png;base64,AAAA', null],
    ['ftp:', 'ftp://example.org/f', null],
    ['extra slashes read as browsers read them', 'http:///x', 'http://x/'],
    ['empty', '', null],
  ])('%s', (_case, raw, expected) => {
    expect(resolveUrl(raw, BASE)).toBe(expected);
  });

  it('mailto only where asked for', () => {
    expect(resolveUrl('mailto:a@example.com', BASE)).toBeNull();
    expect(resolveUrl('mailto:a@example.com', BASE, LINKS)).toBe('mailto:a@example.com');
  });

  it.each([
    ['absolute', 'https://example.org/x', 'https://example.org/x'],
    ['protocol-relative as https', '//example.org/x', 'https://example.org/x'],
    ['relative', '/x', null],
  ])('without a base: %s', (_case, raw, expected) => {
    expect(resolveUrl(raw, null)).toBe(expected);
  });

  it.each([['file:///tmp/a'], ['not a url'], ['javascript:void(0)']])('base %s counts as none', (base) => {
    expect(toBaseUrl(base)).toBeNull();
  });
});

describe('parseSrcset', () => {
  it.each([
    ['one URL', 'a.jpg', [{ url: 'a.jpg', descriptor: '' }]],
    ['width descriptors', 'a.jpg 300w, b.jpg 600w', [{ url: 'a.jpg', descriptor: '300w' }, { url: 'b.jpg', descriptor: '600w' }]],
    ['commas inside a CDN URL', 'https://cdn.example.com/w_300,h_200/a.jpg 1x, https://cdn.example.com/w_600,h_400/a.jpg 2x', [
      { url: 'https://cdn.example.com/w_300,h_200/a.jpg', descriptor: '1x' },
      { url: 'https://cdn.example.com/w_600,h_400/a.jpg', descriptor: '2x' },
    ]],
    ['no spaces after commas', 'a.jpg 1x,b.jpg 2x', [{ url: 'a.jpg', descriptor: '1x' }, { url: 'b.jpg', descriptor: '2x' }]],
    ['URL ending in a comma, no descriptor', 'a.jpg, b.jpg 2x', [{ url: 'a.jpg', descriptor: '' }, { url: 'b.jpg', descriptor: '2x' }]],
    ['newlines between candidates', '\n a.jpg 1x,\n b.jpg 2x\n', [{ url: 'a.jpg', descriptor: '1x' }, { url: 'b.jpg', descriptor: '2x' }]],
    ['empty', ' , ', []],
  ])('%s', (_case, value, expected) => {
    expect(parseSrcset(value)).toEqual(expected);
  });

  it('rewriteSrcset resolves each URL and drops the rejected ones', () => {
    const resolve = (url: string): string | null => resolveUrl(url, BASE);
    expect(rewriteSrcset('/a.jpg 1x, javascript:x 2x, //cdn.example.org/c.jpg 3x', resolve)).toBe(
      'https://news.example.com/a.jpg 1x, https://cdn.example.org/c.jpg 3x',
    );
    expect(rewriteSrcset('javascript:x 1x', resolve)).toBeNull();
  });
});
