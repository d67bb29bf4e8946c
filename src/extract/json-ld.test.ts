import { describe, expect, it } from 'vitest';
import { parseDocument } from './dom.js';
import { readJsonLdArticle } from './json-ld.js';

const page = (...blocks: string[]) =>
  parseDocument(`<html><head>${blocks.map((b) => `<script type="application/ld+json">${b}</script>`).join('')}</head><body></body></html>`);

describe('readJsonLdArticle', () => {
  it('reads a NewsArticle', () => {
    const doc = page(JSON.stringify({
      '@type': 'NewsArticle', headline: ' Headline ', datePublished: '2024-03-05T13:20:00Z', inLanguage: 'en',
      author: { '@type': 'Person', name: 'Maria Okafor' }, image: ['https://cdn.example.com/a.jpg', 'https://cdn.example.com/b.jpg'],
    }));
    expect(readJsonLdArticle(doc)).toEqual({
      headline: 'Headline', datePublished: '2024-03-05T13:20:00Z', authors: ['Maria Okafor'],
      images: ['https://cdn.example.com/a.jpg', 'https://cdn.example.com/b.jpg'], inLanguage: 'en',
    });
  });

  it.each([
    ['inside @graph', { '@graph': [{ '@type': 'WebPage' }, { '@type': 'NewsArticle', headline: 'H' }] }],
    ['in a top-level array', [{ '@type': 'Organization', name: 'X' }, { '@type': 'Article', headline: 'H' }]],
    ['with @type as an array', { '@type': ['CreativeWork', 'ReportageNewsArticle'], headline: 'H' }],
    ['as a BlogPosting', { '@type': 'BlogPosting', headline: 'H' }],
  ])('finds the article %s', (_case, value) => {
    expect(readJsonLdArticle(page(JSON.stringify(value)))?.headline).toBe('H');
  });

  it('skips a broken block and reads the next one', () => {
    const doc = page('{"@type":"BreadcrumbList","itemListElement":[{"position":1},]', '{"@type":"NewsArticle","headline":"H"}');
    expect(readJsonLdArticle(doc)?.headline).toBe('H');
  });

  it('accepts JSON wrapped in an HTML comment', () => {
    expect(readJsonLdArticle(page('<!-- {"@type":"NewsArticle","headline":"H"} -->'))?.headline).toBe('H');
  });

  it.each([
    ['author as a string', { author: 'Jane Roe' }, ['Jane Roe']],
    ['author name as an array', { author: { '@type': 'Person', name: ['Olivia Grant'] } }, ['Olivia Grant']],
    ['several authors', { author: [{ name: '黃家明' }, { name: '林美玲' }] }, ['黃家明', '林美玲']],
    ['organizations are not bylines', { author: [{ '@type': 'NewsMediaOrganization', name: 'BBC News 中文' }] }, []],
    ['an author of the wrong shape is ignored', { author: 42 }, []],
  ])('%s', (_case, fields, authors) => {
    expect(readJsonLdArticle(page(JSON.stringify({ '@type': 'NewsArticle', ...fields })))?.authors).toEqual(authors);
  });

  it.each([
    ['an ImageObject', { image: { '@type': 'ImageObject', url: 'https://x/a.jpg' } }, ['https://x/a.jpg']],
    ['a contentUrl', { image: { contentUrl: 'https://x/b.jpg' } }, ['https://x/b.jpg']],
    ['a string', { image: 'https://x/c.jpg' }, ['https://x/c.jpg']],
    ['a number', { image: 7 }, []],
  ])('image as %s', (_case, fields, images) => {
    expect(readJsonLdArticle(page(JSON.stringify({ '@type': 'NewsArticle', ...fields })))?.images).toEqual(images);
  });

  it('treats a field of the wrong type as absent and keeps the others', () => {
    const article = readJsonLdArticle(page(JSON.stringify({ '@type': 'NewsArticle', headline: { text: 'H' }, datePublished: '2024-01-01' })));
    expect(article).toMatchObject({ headline: null, datePublished: '2024-01-01' });
  });

  it('returns null when no block describes an article', () => {
    expect(readJsonLdArticle(page('{"@type":"WebSite","name":"X"}', 'null', '42', '"text"', '[]'))).toBeNull();
  });

  it('never throws, whatever the blocks hold', () => {
    const samples = ['', '{', '}', '[[[', '{"@graph":null}', '{"@graph":[null,1,"x"]}', '{"@type":null}', '{"@type":"NewsArticle","author":[null]}',
      '{"@type":"NewsArticle","image":[null,{}]}', '{"@type":"NewsArticle","author":{"name":{"x":1}}}', '\u0000', '{"__proto__":{"x":1}}'];
    for (const sample of samples) expect(() => readJsonLdArticle(page(sample))).not.toThrow();
  });
});
