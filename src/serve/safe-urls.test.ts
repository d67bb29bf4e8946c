import { describe, expect, it } from 'vitest';
import { safeHref, safePath } from './safe-urls.js';

describe('safePath: going back only within this site', () => {
  it.each([
    ['a path', '/search?q=港', '/search?q=港'],
    ['the root', '/', '/'],
    ['a protocol-relative URL', '//evil.example/', '/'],
    ['a backslash that browsers read as a slash', '/\\evil.example', '/'],
    ['a full URL', 'https://evil.example/', '/'],
    ['a javascript: URL', 'javascript:alert(1)', '/'],
    ['a relative path', 'entries/3', '/'],
    ['nothing', undefined, '/'],
    ['not a string', ['/a'], '/'],
  ])('%s', (_case, next, expected) => {
    expect(safePath(next)).toBe(expected);
  });

  it('uses the fallback it is given', () => {
    expect(safePath('//evil.example', '/entries/7')).toBe('/entries/7');
  });
});

describe('safeHref: an article’s own link only when it is http(s)', () => {
  it.each([
    ['https', 'https://news.example.org/a?b=1', 'https://news.example.org/a?b=1'],
    ['http', 'http://news.example.org/港', 'http://news.example.org/%E6%B8%AF'],
    ['javascript:', 'javascript:alert(1)', null],
    ['data:', 'data:text/html,<script>alert(1)</script>', null],
    ['not a URL', 'news/1.html', null],
  ])('%s', (_case, link, expected) => {
    expect(safeHref(link)).toBe(expected);
  });
});
