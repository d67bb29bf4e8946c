/** Lazy-loaded images become real images; placeholders and duplicate fallbacks go. */
import { describe, expect, it } from 'vitest';
import { cleanHtml } from './index.js';

const BASE = 'https://news.example.com/2024/01/31/story.html';
const GIF = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
const abs = (path: string): string => `https://news.example.com${path}`;

describe('lazy images', () => {
  it.each([
    ['data-src with no src', '<img data-src="/a.jpg" alt="a">', `<img alt="a" src="${abs('/a.jpg')}">`],
    ['data-src over a 1×1 gif data URL', `<img src="${GIF}" data-src="/a.jpg">`, `<img src="${abs('/a.jpg')}">`],
    ['data-original over blank.gif', '<img src="/static/blank.gif" data-original="/b.jpg">', `<img src="${abs('/b.jpg')}">`],
    ['data-lazy-src over a placeholder', '<img src="/img/placeholder.png" data-lazy-src="/c.jpg">', `<img src="${abs('/c.jpg')}">`],
    ['data-actualsrc over lazy.png', '<img src="/lazy.png" data-actualsrc="/d.jpg">', `<img src="${abs('/d.jpg')}">`],
    ['data-srcset fills a missing srcset', `<img src="${GIF}" data-src="/e.jpg" data-srcset="/e-1.jpg 1x, /e-2.jpg 2x">`, `<img src="${abs('/e.jpg')}" srcset="${abs('/e-1.jpg')} 1x, ${abs('/e-2.jpg')} 2x">`],
    ['a real src is left alone', '<img src="/real.jpg" data-src="/other.jpg">', `<img src="${abs('/real.jpg')}">`],
    ['picture sources use data-srcset', '<picture><source data-srcset="/f.webp" type="image/webp"><img data-src="/f.jpg"></picture>', `<picture><source type="image/webp" srcset="${abs('/f.webp')}"><img src="${abs('/f.jpg')}"></picture>`],
    ['noscript fallback replaces a placeholder image', `<img src="${GIF}" class="lazy"><noscript><img src="/g.jpg" alt="g"></noscript>`, `<img src="${abs('/g.jpg')}" alt="g">`],
    ['noscript after a working image is a duplicate', '<img data-src="/h.jpg"><noscript><img src="/h.jpg"></noscript>', `<img src="${abs('/h.jpg')}">`],
    ['noscript image alone becomes the image', '<figure><noscript><img src="/i.jpg"></noscript><figcaption>cap</figcaption></figure>', `<figure><img src="${abs('/i.jpg')}"><figcaption>cap</figcaption></figure>`],
    ['noscript with text is dropped whole', '<p>a</p><noscript><p>Please enable JavaScript</p><img src="/j.jpg"></noscript>', '<p>a</p>'],
    ['a placeholder with nothing behind it is dropped', `<p>a</p><img src="${GIF}">`, '<p>a</p>'],
  ])('%s', (_case, input, expected) => {
    expect(cleanHtml(input, { baseUrl: BASE }).html).toBe(expected);
  });

  it('reports lazy-image only when it changed something', () => {
    expect(cleanHtml('<img data-src="/a.jpg">', { baseUrl: BASE }).firedRules).toEqual(['lazy-image']);
    expect(cleanHtml('<img src="/a.jpg" data-src="/a.jpg">', { baseUrl: BASE }).firedRules).toEqual([]);
  });

  it('a tracking pixel in a noscript fallback is still removed', () => {
    const result = cleanHtml('<p>a</p><noscript><img src="https://sb.scorecardresearch.com/p?c1=2"></noscript>', { baseUrl: BASE });
    expect(result.html).toBe('<p>a</p>');
    expect(result.firedRules).toContain('pixel-tracker');
  });
});
