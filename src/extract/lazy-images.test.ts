import { describe, expect, it } from 'vitest';
import { parseDocument } from './dom.js';
import { isPlaceholderSrc, resolveLazyImages } from './lazy-images.js';

const resolve = (body: string) => {
  const doc = parseDocument(`<body>${body}</body>`);
  resolveLazyImages(doc);
  return doc.body.innerHTML;
};

describe('resolveLazyImages', () => {
  it.each([
    ['data-src over a base64 placeholder', '<img class="lazyload" src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP" data-src="/a.jpg">', '<img class="lazyload" src="/a.jpg">'],
    ['data-original over a placeholder file', '<img src="/assets/blank.gif" data-original="/b.jpg">', '<img src="/b.jpg">'],
    ['data-lazy-src without an extension (CDN)', '<img data-lazy-src="https://c.example/photo/5d21c7?w=1200">', '<img src="https://c.example/photo/5d21c7?w=1200">'],
    ['data-src over a real low-resolution src', '<img src="/thumb.jpg" data-src="/full.jpg">', '<img src="/full.jpg">'],
    ['data-srcset, with src from its widest candidate', '<img data-srcset="/s.jpg 480w, /l.jpg 940w">', '<img src="/l.jpg" srcset="/s.jpg 480w, /l.jpg 940w">'],
    ['srcset only', '<img srcset="/s.jpg 480w, /l.jpg 1024w">', '<img src="/l.jpg" srcset="/s.jpg 480w, /l.jpg 1024w">'],
    ['<source data-srcset> in a picture', '<picture><source data-srcset="/p.webp" type="image/webp"><img data-src="/p.jpg"></picture>', '<picture><source srcset="/p.webp" type="image/webp"><img src="/p.jpg"></picture>'],
    ['a real image is left alone', '<img src="/real.jpg" alt="x">', '<img src="/real.jpg" alt="x">'],
    ['a template expression is not a URL', '<img src="/real.jpg" data-src="{{ image.url }}">', '<img src="/real.jpg">'],
  ])('%s', (_case, body, html) => {
    expect(resolve(body)).toBe(html);
  });

  it.each([
    ['replaces the placeholder before it', '<img class="lazy" src="/blank.gif"><noscript><img src="/real.jpg"></noscript>', '<img src="/real.jpg">'],
    ['replaces a placeholder wrapped in a span', '<span><img src="/loading.gif"></span><noscript><img src="/real.jpg"></noscript>', '<span></span><img src="/real.jpg">'],
    ['is dropped when the script version is already real', '<img src="/real.jpg"><noscript><img src="/real.jpg"></noscript>', '<img src="/real.jpg">'],
    ['is unwrapped when nothing stands before it', '<p>x</p><noscript><img src="/only.jpg"></noscript>', '<p>x</p><img src="/only.jpg">'],
    ['is kept when it holds more than an image', '<noscript><p>Enable JavaScript</p></noscript>', '<noscript><p>Enable JavaScript</p></noscript>'],
  ])('a <noscript> fallback %s', (_case, body, html) => {
    expect(resolve(body)).toBe(html);
  });

  it.each([
    [null, true], ['', true], ['data:image/gif;base64,R0lGOD', true], ['/img/spacer.gif', true], ['/i/placeholder-16x9.png?v=2', true],
    ['data:image/svg+xml;base64,PHN2Zz4=', false], ['/img/2024/photo.jpg', false], ['/img/loading-dock.jpg', false],
  ])('isPlaceholderSrc(%j) is %s', (src, placeholder) => {
    expect(isPlaceholderSrc(src)).toBe(placeholder);
  });
});
