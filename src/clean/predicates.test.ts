/** The named predicates, one row per shape seen in feeds. */
import { describe, expect, it } from 'vitest';
import type { Element } from './dom.js';
import { elementsNamed, parseHtml } from './dom.js';
import { isHidden, isPixelTracker, isPlaceholderSrc, isTrackerImage } from './predicates.js';

function firstElement(html: string): Element {
  const doc = parseHtml(html);
  const [el] = elementsNamed(doc, 'img', 'div', 'p', 'span');
  if (el === undefined) throw new Error(`no element in ${html}`);
  return el;
}

describe('isPixelTracker', () => {
  it.each([
    ['1×1 by attributes', '<img src="/p.gif" width="1" height="1">', true],
    ['0×0 by attributes', '<img src="/p.gif" width="0" height="0">', true],
    ['1px×1px by attributes', '<img src="/p.gif" width="1px" height="1px">', true],
    ['1×1 by style', '<img src="/p.gif" style="width: 1px; height: 1px !important">', true],
    ['mixed attribute and style', '<img src="/p.gif" width="1" style="height:0">', true],
    ['only the width known', '<img src="/p.gif" width="1">', false],
    ['a real image', '<img src="/a.jpg" width="640" height="1">', false],
    ['no size at all', '<img src="/a.jpg">', false],
    ['percent sizes are not pixels', '<img src="/a.jpg" width="1%" height="1%">', false],
  ])('%s', (_case, html, expected) => {
    expect(isPixelTracker(firstElement(html))).toBe(expected);
  });
});

describe('isTrackerImage', () => {
  it.each([
    ['feedburner ~r', 'http://feeds.feedburner.com/~r/ExampleNews/~4/abc', true],
    ['feedburner ~ff flare', 'https://feeds.feedburner.com/~ff/ExampleNews?d=yIl2AUoC8zA', true],
    ['feedburner feed images are not', 'https://feeds.feedburner.com/ExampleNews/logo.png', false],
    ['pixel.wp.com', 'https://pixel.wp.com/b.gif?host=example.com', true],
    ['stats.wordpress.com', 'https://stats.wordpress.com/g.gif', true],
    ['google-analytics', 'https://www.google-analytics.com/collect?v=1', true],
    ['doubleclick subdomain', 'https://ad.doubleclick.net/ddm/ad/x', true],
    ['quantserve', 'https://pixel.quantserve.com/pixel/p-x.gif', true],
    ['scorecardresearch, protocol-relative', '//sb.scorecardresearch.com/p?c1=2', true],
    ['feedsportal', 'http://da.feedsportal.com/r/1/rss.gif', true],
    ['reuters feed pixel', 'http://mf.feeds.reuters.com/c/feed.gif', true],
    ['a look-alike host', 'https://notdoubleclick.net/a.jpg', false],
    ['a news photo', 'https://img.example.com/2024/photo.jpg', false],
    ['a relative src', '/images/a.jpg', false],
  ])('%s', (_case, src, expected) => {
    expect(isTrackerImage(firstElement(`<img src="${src}">`))).toBe(expected);
  });
});

describe('isHidden', () => {
  it.each([
    ['hidden attribute', '<div hidden>x</div>', true],
    ['display:none', '<div style="color:red;display:none">x</div>', true],
    ['DISPLAY: NONE !important', '<div style="DISPLAY: NONE !important">x</div>', true],
    ['visibility:hidden', '<span style="visibility: hidden">x</span>', true],
    ['hidden=until-found is findable text', '<div hidden="until-found">x</div>', false],
    ['display:block', '<div style="display:block">x</div>', false],
    ['no style', '<p>x</p>', false],
  ])('%s', (_case, html, expected) => {
    expect(isHidden(firstElement(html))).toBe(expected);
  });
});

describe('isPlaceholderSrc', () => {
  it.each([
    ['missing', undefined, true],
    ['empty', '  ', true],
    ['1×1 gif data URL', 'data:image/gif;base64,R0lGODlhAQABAAAAACw=', true],
    ['blank.gif', '/static/blank.gif', true],
    ['placeholder', '/img/placeholder-16x9.png', true],
    ['lazy', 'https://cdn.example.com/lazyload.png', true],
    ['a photo', 'https://cdn.example.com/2024/01/31/bridge.jpg', false],
  ])('%s', (_case, src, expected) => {
    expect(isPlaceholderSrc(src)).toBe(expected);
  });
});
