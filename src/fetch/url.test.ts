import { describe, expect, it } from 'vitest';
import { basicAuthorization, formatSeconds, parseFetchUrl, redactUrl, resolveLocation } from './url.js';

describe('parseFetchUrl', () => {
  it.each([
    ['https://news.example/rss.xml', 'https://news.example/rss.xml'],
    ['HTTP://News.Example:80/a b', 'http://news.example/a%20b'],
    ['http://2130706433/', 'http://127.0.0.1/'],
    ['http://user:pa%20ss@news.example/feed', 'http://user:pa%20ss@news.example/feed'],
  ])('accepts %s as %s', (input, href) => {
    expect(parseFetchUrl(input).href).toBe(href);
  });

  it.each([['news.example/rss.xml'], ['ftp://news.example/rss.xml'], ['data:text/xml,<rss/>'], ['http://exa mple/']])(
    'refuses %s',
    (input) => {
      expect(() => parseFetchUrl(input)).toThrow(expect.objectContaining({ code: 'FETCH_BAD_URL' }));
    },
  );
});

describe('resolveLocation', () => {
  const base = new URL('https://news.example/feeds/world/rss.xml?page=1');
  it.each([
    ['absolute', 'http://mirror.example/rss', 'http://mirror.example/rss'],
    ['root-relative', '/rss2.xml', 'https://news.example/rss2.xml'],
    ['path-relative', '../asia/rss.xml', 'https://news.example/feeds/asia/rss.xml'],
    ['scheme-relative', '//cdn.example/rss.xml', 'https://cdn.example/rss.xml'],
    ['query only', '?page=2', 'https://news.example/feeds/world/rss.xml?page=2'],
  ])('%s', (_case, location, expected) => {
    expect(resolveLocation(location, base, 'x').href).toBe(expected);
  });

  it('refuses a non-http target', () => {
    expect(() => resolveLocation('gopher://old.example/', base, 'https://news.example/')).toThrow(/expected an http or https URL, got gopher:/);
  });
});

describe('helpers', () => {
  it.each([
    ['http://reader:s3cret@news.example/feed', 'http://reader:***@news.example/feed'],
    ['http://reader@news.example/feed', 'http://reader@news.example/feed'],
    ['https://news.example/feed', 'https://news.example/feed'],
    ['not a url', 'not a url'],
  ])('redactUrl(%s)', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });

  it('builds Basic auth from percent-decoded credentials', () => {
    const header = basicAuthorization(new URL('http://r%C3%A9der:p%40ss@news.example/'));
    expect(Buffer.from((header ?? '').replace('Basic ', ''), 'base64').toString('utf8')).toBe('réder:p@ss');
    expect(basicAuthorization(new URL('http://news.example/'))).toBeNull();
  });

  it.each([
    [30_000, '30'],
    [300, '0.3'],
    [1250, '1.25'],
  ])('formatSeconds(%d) = %s', (ms, text) => {
    expect(formatSeconds(ms)).toBe(text);
  });
});
