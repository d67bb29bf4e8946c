import { describe, expect, it } from 'vitest';
import { articleImages, localizeImages } from './index.js';

describe('articleImages', () => {
  it.each([
    ['an img src', '<p><img src="https://a.example/1.png"></p>', ['https://a.example/1.png']],
    ['the widest srcset candidate over src', '<img src="https://a.example/s.jpg" srcset="https://a.example/m.jpg 600w, https://a.example/l.jpg 1200w, https://a.example/xs.jpg 300w">', ['https://a.example/l.jpg']],
    ['the densest x candidate', '<img srcset="https://a.example/1x.jpg, https://a.example/2x.jpg 2x">', ['https://a.example/2x.jpg']],
    ['a CDN URL with commas', '<img srcset="https://cdn.example/w_300,h_200/a.jpg 300w, https://cdn.example/w_900,h_600/a.jpg 900w">', ['https://cdn.example/w_900,h_600/a.jpg']],
    ['picture sources and the fallback img', '<picture><source type="image/webp" srcset="https://a.example/a.webp 800w"><img src="https://a.example/a.jpg"></picture>', ['https://a.example/a.webp', 'https://a.example/a.jpg']],
    ['an img in a figure, deduped', '<figure><img src="https://a.example/f.png"><figcaption>c</figcaption></figure><img src="https://a.example/f.png">', ['https://a.example/f.png']],
    ['no non-http URLs', '<img src="data:image/png;base64,AAAA"><img src="/relative.png">', []],
    ['a video source is not an image', '<video><source src="https://a.example/v.mp4"></video>', []],
  ])('%s', (_case, html, expected) => {
    expect(articleImages(html)).toEqual(expected);
  });
});

describe('localizeImages', () => {
  const local = (url: string) => (url.includes('kept') ? `/media/${url.length}` : null);

  it('points an archived img at the local copy only, and drops its srcset and sizes', () => {
    const out = localizeImages('<p><img src="https://a.example/s.jpg" srcset="https://a.example/kept.jpg 900w" sizes="100vw" alt="A"></p>', local);
    expect(out).toBe(`<p><img src="/media/${'https://a.example/kept.jpg'.length}" alt="A"></p>`);
  });

  it('keeps a remote image remote, with no referrer', () => {
    expect(localizeImages('<img src="https://a.example/remote.jpg">', local)).toBe('<img src="https://a.example/remote.jpg" referrerpolicy="no-referrer">');
  });

  it('rewrites a picture source to a single local candidate', () => {
    const out = localizeImages('<picture><source srcset="https://a.example/kept.webp 800w" type="image/webp"><img src="https://a.example/x.jpg"></picture>', local);
    expect(out).toContain(`<source srcset="/media/${'https://a.example/kept.webp'.length}" type="image/webp">`);
    expect(out).toContain('referrerpolicy="no-referrer"');
  });

  it('leaves HTML without images untouched', () => {
    expect(localizeImages('<p>a &amp; b</p>', local)).toBe('<p>a &amp; b</p>');
  });
});
