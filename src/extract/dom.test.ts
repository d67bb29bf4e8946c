import { describe, expect, it } from 'vitest';
import { parseDocument } from './dom.js';

describe('parseDocument (linkedom, adapted)', () => {
  it.each([
    ['an empty string', '', ''],
    ['text only', 'plain text', 'plain text'],
    ['a fragment', '<p>x</p><p>y</p>', '<p>x</p><p>y</p>'],
    ['<head> without <body>', '<html><head><title>t</title></head><p>x</p><p>y</p></html>', '<p>x</p><p>y</p>'],
    ['no <html> and no <body>', '<meta charset="utf-8"><title>t</title><p>x</p>', '<meta charset="utf-8"><title>t</title><p>x</p>'],
    ['upper-case tags', '<HTML><BODY><P>x</P></BODY></HTML>', '<p>x</p>'],
  ])('gives %s a real <html> and <body>', (_case, html, body) => {
    const doc = parseDocument(html);
    expect(doc.documentElement.localName).toBe('html');
    expect(doc.body.innerHTML).toBe(body);
  });

  it('creates elements that serialize in lower case, as Readability expects', () => {
    const doc = parseDocument('<p>x</p>');
    const div = doc.createElement('DIV');
    expect(div.tagName).toBe('DIV');
    expect(div.outerHTML).toBe('<div></div>');
  });
});

describe('parseDocument moves strays into <body>', () => {
  it.each([
    ['an element after </html>', '<html><head></head><body><p>a</p></body></html><div>after</div>', '<p>a</p><div>after</div>'],
    ['an element after </body>', '<html><head></head><body><p>a</p></body><div>x</div></html>', '<p>a</p><div>x</div>'],
    ['elements before <head>', '<html><div>1</div><div>2</div><head></head><body><p>a</p></body></html>', '<div>1</div><div>2</div><p>a</p>'],
    ['a second document', '<html><head></head><body><p>a</p></body></html><html><head><title>t</title></head><body><p>b</p></body></html>', '<p>a</p><p>b</p>'],
  ])('%s', (_case, html, body) => {
    const doc = parseDocument(html);
    expect(doc.body.innerHTML).toBe(body);
    expect(Array.from(doc.children).map((c) => c.localName)).toEqual(['html']);
    expect(Array.from(doc.documentElement.children).map((c) => c.localName)).toEqual(['head', 'body']);
  });
});
