/**
 * Benign markup through the whole clean stage: what an ordinary article keeps, byte for byte.
 * The XSS table proves nothing executable survives; this table proves the article does.
 */
import { describe, expect, it } from 'vitest';
import { cleanHtml } from './index.js';

const BASE = 'https://news.example.com/2024/01/31/story.html';
const LOCKED = 'sandbox="allow-scripts allow-same-origin allow-presentation" allowfullscreen loading="lazy" referrerpolicy="no-referrer"';
// YouTube's player shows error 153 without a Referer; it gets the origin only.
const LOCKED_YT = 'sandbox="allow-scripts allow-same-origin allow-presentation" allowfullscreen loading="lazy" referrerpolicy="strict-origin-when-cross-origin"';

describe('benign markup keeps its shape', () => {
  it.each([
    ['plain paragraph', '<p>Hello <strong>world</strong>, <em>again</em>.</p>', '<p>Hello <strong>world</strong>, <em>again</em>.</p>'],
    ['Chinese text is not entity-encoded', '<p>北京今日晴，气温 5℃ &amp; 微风</p>', '<p>北京今日晴，气温 5℃ &amp; 微风</p>'],
    ['escaped markup stays escaped', '<p>a &lt;b&gt; c</p>', '<p>a &lt;b&gt; c</p>'],
    ['no-break spaces are written as &nbsp;', '<p>5&nbsp;km</p>', '<p>5&nbsp;km</p>'],
    ['h1 becomes h2, other headings stay', '<h1>Top</h1><h3>Sub</h3>', '<h2>Top</h2><h3>Sub</h3>'],
    ['class, id and style are dropped', '<p class="lead" id="p1" style="color:red">a</p>', '<p>a</p>'],
    ['lang and dir stay', '<p lang="ar" dir="rtl">نص</p>', '<p lang="ar" dir="rtl">نص</p>'],
    ['layout blocks become div, so their text stays apart', '<section>a</section><article>b</article>', '<div>a</div><div>b</div>'],
    ['inline unknowns are unwrapped', '<p><font color="red">red</font> <big>big</big></p>', '<p>red big</p>'],
    ['relative link made absolute', '<p><a href="../../02/01/next.html">next</a></p>', '<p><a href="https://news.example.com/2024/02/01/next.html">next</a></p>'],
    ['protocol-relative link takes the page scheme', '<p><a href="//cdn.example.org/x">x</a></p>', '<p><a href="https://cdn.example.org/x">x</a></p>'],
    ['fragment link points into the original page', '<p><a href="#note-1">1</a></p>', '<p><a href="https://news.example.com/2024/01/31/story.html#note-1">1</a></p>'],
    ['mailto kept', '<p><a href="mailto:desk@example.com">desk</a></p>', '<p><a href="mailto:desk@example.com">desk</a></p>'],
    ['tel: link unwrapped, text kept', '<p>Call <a href="tel:+8610123">us</a></p>', '<p>Call us</p>'],
    ['target=_blank gets rel=noopener noreferrer', '<p><a href="/a" target="_blank">a</a></p>', '<p><a href="https://news.example.com/a" target="_blank" rel="noopener noreferrer">a</a></p>'],
    ['rel and other targets are dropped', '<p><a href="/a" target="top" rel="opener">a</a></p>', '<p><a href="https://news.example.com/a">a</a></p>'],
    ['image with size and alt', '<img src="/i/a.jpg" width="640" height="480" alt="A bridge">', '<img src="https://news.example.com/i/a.jpg" width="640" height="480" alt="A bridge">'],
    ['figure with caption', '<figure><img src="a.jpg" alt=""><figcaption>Photo: desk</figcaption></figure>', '<figure><img src="https://news.example.com/2024/01/31/a.jpg" alt=""><figcaption>Photo: desk</figcaption></figure>'],
    ['srcset entries made absolute', '<img src="/a.jpg" srcset="/a-2x.jpg 2x, //cdn.example.org/a-3x.jpg 3x">', '<img src="https://news.example.com/a.jpg" srcset="https://news.example.com/a-2x.jpg 2x, https://cdn.example.org/a-3x.jpg 3x">'],
    ['table with spans', '<table><tr><th colspan="2">H</th></tr><tr><td rowspan="1">a</td><td>b</td></tr></table>', '<table><tr><th colspan="2">H</th></tr><tr><td rowspan="1">a</td><td>b</td></tr></table>'],
    ['time and abbr', '<p><time datetime="2024-01-31T19:33:00+08:00">晚上</time> <abbr title="World Health Organization">WHO</abbr></p>', '<p><time datetime="2024-01-31T19:33:00+08:00">晚上</time> <abbr title="World Health Organization">WHO</abbr></p>'],
    ['lists', '<ol start="3"><li>c</li><li>d</li></ol><ul><li>x</li></ul>', '<ol start="3"><li>c</li><li>d</li></ol><ul><li>x</li></ul>'],
    ['pre and code keep whitespace', '<pre><code>a\n  b</code></pre>', '<pre><code>a\n  b</code></pre>'],
    ['ruby annotations', '<p><ruby>北京<rt>Běijīng</rt></ruby></p>', '<p><ruby>北京<rt>Běijīng</rt></ruby></p>'],
    ['video always gets controls', '<video src="/v.mp4" poster="/p.jpg" autoplay></video>', '<video src="https://news.example.com/v.mp4" poster="https://news.example.com/p.jpg" controls></video>'],
    ['youtube embed locked down', '<iframe src="//www.youtube.com/embed/abc123" width="560" height="315" frameborder="0"></iframe>', `<iframe src="https://www.youtube.com/embed/abc123" width="560" height="315" ${LOCKED_YT}></iframe>`],
    ['vimeo over http is upgraded to https', '<iframe src="http://player.vimeo.com/video/42"></iframe>', `<iframe src="https://player.vimeo.com/video/42" ${LOCKED}></iframe>`],
    ['bilibili player kept', '<iframe src="https://player.bilibili.com/player.html?bvid=BV1xx"></iframe>', `<iframe src="https://player.bilibili.com/player.html?bvid=BV1xx" ${LOCKED}></iframe>`],
    ['lazy iframe reads data-src', '<iframe data-src="https://www.dailymotion.com/embed/video/x8"></iframe>', `<iframe src="https://www.dailymotion.com/embed/video/x8" ${LOCKED}></iframe>`],
    ['youtube watch page (not an embed) dropped', '<p>v</p><iframe src="https://www.youtube.com/watch?v=abc"></iframe>', '<p>v</p>'],
    ['form wrapper keeps the article, loses the controls', '<form action="/x"><p>Body</p><input name="q"><button>Go</button><select><option>1</option></select></form>', '<div><p>Body</p></div>'],
    ['comments are dropped', '<p>a<!-- note -->b</p>', '<p>ab</p>'],
    ['a full document keeps only its body', '<html><head><title>T</title><meta charset="utf-8"></head><body><p>x</p></body></html>', '<p>x</p>'],
  ])('%s', (_case, input, expected) => {
    expect(cleanHtml(input, { baseUrl: BASE }).html).toBe(expected);
  });
});

describe('without a base URL', () => {
  it.each([
    ['absolute link kept', '<p><a href="https://example.org/a">a</a></p>', '<p><a href="https://example.org/a">a</a></p>'],
    ['relative link unwrapped', '<p><a href="/a">a</a></p>', '<p>a</p>'],
    ['protocol-relative taken as https', '<p><a href="//example.org/a">a</a></p>', '<p><a href="https://example.org/a">a</a></p>'],
    ['relative image dropped', '<p>t</p><img src="/a.jpg">', '<p>t</p>'],
  ])('%s', (_case, input, expected) => {
    expect(cleanHtml(input, { baseUrl: null }).html).toBe(expected);
  });

  it('a base URL that is not http(s) counts as none', () => {
    expect(cleanHtml('<p><a href="/a">a</a></p>', { baseUrl: 'file:///etc/passwd' }).html).toBe('<p>a</p>');
  });
});

describe('firedRules', () => {
  it.each([
    ['nothing to do', '<p>a</p>', []],
    ['an unsafe link', '<a href="javascript:x()">a</a>', ['link-unwrapped']],
    ['an image without a usable source', '<p>a</p><img src="data:image/png;base64,AAAA">', ['image-dropped']],
    ['a frame from elsewhere', '<p>a</p><iframe src="https://ads.example.net/x"></iframe>', ['iframe-dropped']],
    ['an emptied wrapper', '<p>a</p><p>&nbsp;</p>', ['empty-element']],
    ['hostile nesting', '<div>'.repeat(400) + 'deep' + '</div>'.repeat(400), ['nesting-flattened']],
  ])('%s', (_case, input, expected) => {
    expect(cleanHtml(input, { baseUrl: BASE }).firedRules).toEqual(expected);
  });

  it('survives 20 000 levels of nesting with its text', () => {
    const result = cleanHtml('<div><span>'.repeat(10_000) + '深处' + '</span></div>'.repeat(10_000), { baseUrl: BASE });
    expect(result.text).toBe('深处');
  });
});
