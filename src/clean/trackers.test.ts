/** Tracking pixels leave the article, and the links that only wrapped them go too. */
import { describe, expect, it } from 'vitest';
import { cleanHtml } from './index.js';

const BASE = 'https://news.example.com/2024/01/31/story.html';

describe('tracking pixels', () => {
  it.each([
    ['1×1 image at the end', '<p>Body.</p><img src="https://news.example.com/t.gif" width="1" height="1">'],
    ['0×0 image by style', '<p>Body.</p><img src="/t.gif" style="width:0;height:0">'],
    ['feedburner pixel', '<p>Body.</p><img src="http://feeds.feedburner.com/~r/Example/~4/AbC" height="1" width="1" alt="">'],
    ['feedburner ad inside a link', '<p>Body.</p><p><a href="http://feeds.feedburner.com/~a/Example?a=1"><img src="http://feeds.feedburner.com/~a/Example?i=1"></a></p>'],
    ['wordpress stats pixel', '<p>Body.</p><img alt="" src="https://pixel.wp.com/b.gif?host=blog.example.com&amp;blog=1&amp;post=2" width="1" height="1">'],
    ['quantserve and scorecard together', '<p>Body.</p><img src="//pixel.quantserve.com/pixel/p-x.gif"><img src="https://sb.scorecardresearch.com/p?c1=2&amp;c2=3">'],
    ['feedsportal flare inside a div', '<p>Body.</p><div><a href="http://da.feedsportal.com/r/1/rss"><img src="http://da.feedsportal.com/r/1/rss.gif" border="0"></a></div>'],
  ])('%s', (_case, html) => {
    const result = cleanHtml(html, { baseUrl: BASE });
    expect(result.html).toBe('<p>Body.</p>');
    expect(result.firedRules).toContain('pixel-tracker');
  });

  it('keeps a real photo from a CDN', () => {
    const html = '<p>Body.</p><img src="https://img.example.com/2024/01/bridge.jpg" width="800" height="450">';
    expect(cleanHtml(html, { baseUrl: BASE }).html).toBe(html);
  });
});
