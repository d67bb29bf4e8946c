/** The plain text of a cleaned article: blocks as paragraphs, whitespace collapsed. */
import { describe, expect, it } from 'vitest';
import { parseHtml } from './dom.js';
import { toPlainText } from './text.js';

describe('toPlainText', () => {
  it.each([
    ['paragraphs separated by a blank line', '<p>One.</p><p>Two.</p>', 'One.\n\nTwo.'],
    ['whitespace collapsed inside a paragraph', '<p>  a\n   b\t c  </p>', 'a b c'],
    ['inline elements do not split', '<p>a <strong>b</strong><em>c</em> d</p>', 'a bc d'],
    ['br is a line break', '<p>line one<br>line two<br> line three</p>', 'line one\nline two\nline three'],
    ['headings, quotes and list items are paragraphs', '<h2>T</h2><blockquote><p>q</p></blockquote><ul><li>x</li><li>y</li></ul>', 'T\n\nq\n\nx\n\ny'],
    ['text between blocks is its own paragraph', '<div>a<p>b</p>c</div>', 'a\n\nb\n\nc'],
    ['table cells separated by a space, rows by a blank line', '<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>', 'a b\n\nc'],
    ['pre keeps its spacing', '<pre>if x:\n    y()</pre>', 'if x:\n    y()'],
    ['figure caption is text, alt is not', '<figure><img src="a.jpg" alt="Photo"><figcaption>A bridge</figcaption></figure>', 'A bridge'],
    ['ideographic spaces and nbsp trimmed', '<p>\u3000\u3000市政府今天表示，\u00a0项目已完成。</p>', '市政府今天表示， 项目已完成。'],
    ['entities decoded', '<p>a &amp; b &lt;c&gt;</p>', 'a & b <c>'],
    ['empty blocks add nothing', '<p></p><div> </div><p>x</p>', 'x'],
    ['nothing', '', ''],
  ])('%s', (_case, html, expected) => {
    expect(toPlainText(parseHtml(html))).toBe(expected);
  });
});
