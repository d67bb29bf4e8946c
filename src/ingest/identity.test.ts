import { describe, expect, it } from 'vitest';
import { articleKey, contentHash, normalizeLink } from './identity.js';

describe('normalizeLink', () => {
  it.each([
    ['tracking parameters removed, others kept', 'https://News.Example.org/a?id=7&utm_source=rss&utm_medium=feed', 'https://news.example.org/a?id=7'],
    ['fragment dropped', 'https://example.org/a#comments', 'https://example.org/a'],
    ['default port dropped', 'http://example.org:80/a', 'http://example.org/a'],
    ['only tracking parameters leaves no "?"', 'https://example.org/a?fbclid=x', 'https://example.org/a'],
    ['non-ASCII path percent-encoded once', 'https://example.org/新闻/1', 'https://example.org/%E6%96%B0%E9%97%BB/1'],
    ['surrounding spaces', '  https://example.org/a  ', 'https://example.org/a'],
  ])('%s', (_name, input, expected) => {
    expect(normalizeLink(input)).toBe(expected);
  });

  it.each([['not a URL', 'news/1'], ['mailto', 'mailto:x@example.org'], ['javascript', 'javascript:alert(1)']])('%s → null', (_n, input) => {
    expect(normalizeLink(input)).toBeNull();
  });
});

describe('articleKey', () => {
  const feed = 'https://feeds.example.org/zh.xml';
  const base = { id: null, link: null, title: null, published: null };
  it.each([
    ['URL guid is a normalized link', { ...base, id: 'https://Example.org/a?utm_source=x' }, 'url:https://example.org/a'],
    ['other guid scoped to the feed host', { ...base, id: '1234', link: 'https://example.org/a' }, 'guid:feeds.example.org:1234'],
    ['link when there is no guid', { ...base, link: 'https://example.org/a#top' }, 'url:https://example.org/a'],
  ])('%s', (_name, item, expected) => {
    expect(articleKey(item, feed)).toBe(expected);
  });

  it('a URL guid and the same link in another feed give the same key', () => {
    expect(articleKey({ ...base, id: 'https://example.org/a' }, feed)).toBe(articleKey({ ...base, link: 'https://example.org/a?utm_campaign=z' }, 'https://other.example/rss'));
  });

  it('falls back to a hash of title and date, stable and distinct', () => {
    const a = articleKey({ ...base, title: '城市图书馆延长开放', published: '2024-01-31T11:33:00.000Z' }, feed);
    expect(a).toMatch(/^hash:[0-9a-f]{64}$/);
    expect(articleKey({ ...base, title: '城市图书馆延长开放', published: '2024-01-31T11:33:00.000Z' }, feed)).toBe(a);
    expect(articleKey({ ...base, title: '城市图书馆延长开放', published: '2024-02-01T11:33:00.000Z' }, feed)).not.toBe(a);
  });
});

describe('contentHash', () => {
  it('changes with the title or the HTML, and cannot be fooled by moving text between them', () => {
    const h = contentHash('标题', '<p>正文</p>');
    expect(contentHash('标题', '<p>正文</p>')).toBe(h);
    expect(contentHash('标题!', '<p>正文</p>')).not.toBe(h);
    expect(contentHash('标题', '<p>正文。</p>')).not.toBe(h);
    expect(contentHash('ab', 'c')).not.toBe(contentHash('a', 'bc'));
  });
});
