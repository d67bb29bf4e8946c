import { describe, expect, it } from 'vitest';
import { sniffImage, svgProblem } from './index.js';
import { avif, gif, HTML_PAGE, jpeg, png, SAFE_SVG, SCRIPT_SVG, webp } from './testdata/images.js';

const text = (s: string) => new TextEncoder().encode(s);

describe('sniffImage', () => {
  it.each([
    ['PNG with its IHDR size', png(640, 480), { kind: 'image', mime: 'image/png', width: 640, height: 480 }],
    ['JPEG with its SOF0 size', jpeg(1200, 800), { kind: 'image', mime: 'image/jpeg', width: 1200, height: 800 }],
    ['GIF', gif(32, 16), { kind: 'image', mime: 'image/gif', width: 32, height: 16 }],
    ['WebP (VP8X)', webp(300, 200), { kind: 'image', mime: 'image/webp', width: 300, height: 200 }],
    ['AVIF by its ftyp brand', avif(), { kind: 'image', mime: 'image/avif', width: null, height: null }],
    ['SVG after a declaration and a comment', text(SAFE_SVG), { kind: 'svg' }],
    ['SVG with a BOM', text(`\uFEFF${SCRIPT_SVG}`), { kind: 'svg' }],
    ['an HTML page', text(HTML_PAGE), { kind: 'html' }],
    ['an HTML fragment', text('  <html lang="en"><body>x'), { kind: 'html' }],
    ['plain text', text('hello'), { kind: 'unknown' }],
    ['a truncated PNG signature', png(1, 1).subarray(0, 4), { kind: 'unknown' }],
  ])('%s', (_case, bytes, expected) => {
    expect(sniffImage(bytes)).toEqual(expected);
  });
});

describe('svgProblem', () => {
  it.each([
    ['a plain drawing with internal references', SAFE_SVG, null],
    ['a script', SCRIPT_SVG, 'SVG contains <script>'],
    ['a namespaced script', '<svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:script>x</svg:script></svg:svg>', 'SVG contains <svg:script>'],
    ['an event handler', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'SVG has an event handler (onload)'],
    ['foreignObject', '<svg><foreignObject><div>x</div></foreignObject></svg>', 'SVG contains <foreignObject>'],
    ['an external image', '<svg><image href="https://tracker.example/p.gif"/></svg>', 'SVG refers to "https://tracker.example/p.gif" outside itself'],
    ['an xlink to javascript:', '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', 'SVG refers to "javascript:alert(1)" outside itself'],
    ['an @import in a style', '<svg><style>@import url(https://x.example/a.css);</style></svg>', 'SVG <style> refers outside itself'],
    ['a url() in a style attribute', '<svg><rect style="fill:url(https://x.example/a.svg#p)"/></svg>', 'SVG style refers outside itself'],
    ['an entity declaration', '<!DOCTYPE svg [<!ENTITY a "b">]><svg>&a;</svg>', 'SVG declares entities'],
    ['not an SVG', '<html><body/></html>', 'not an SVG document'],
  ])('%s', (_case, svg, expected) => {
    expect(svgProblem(svg)).toBe(expected);
  });
});
