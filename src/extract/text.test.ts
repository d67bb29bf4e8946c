import { describe, expect, it } from 'vitest';
import { articleText, textBlocks, tokenF1, tokenize } from './text.js';

describe('articleText', () => {
  it.each([
    ['paragraphs become blank-line separated', '<p>One  two</p><p>\nThree</p>', 'One two\n\nThree'],
    ['inline markup stays in its paragraph', '<p>A <b>bold</b> <a href="#">link</a>.</p>', 'A bold link.'],
    ['<br> ends a paragraph (old CMSs use <br><br>)', 'First<br><br>Second<br>Third', 'First\n\nSecond\n\nThird'],
    ['headings, list items and captions are paragraphs', '<h2>Head</h2><ul><li>a</li><li>b</li></ul><figure><img src="x"><figcaption>Cap</figcaption></figure>', 'Head\n\na\n\nb\n\nCap'],
    ['scripts, styles and noscript are not text', '<p>x</p><script>var a=1</script><style>p{}</style><noscript>enable JS</noscript>', 'x'],
    ['entities are decoded', '<p>Tom &amp; Jerry&nbsp;&#20013;</p>', 'Tom & Jerry 中'],
    ['empty blocks vanish', '<div><p> </p><div></div></div><p>only</p>', 'only'],
    ['nothing at all', '', ''],
  ])('%s', (_case, html, text) => {
    expect(articleText(html)).toBe(text);
  });

  it('names the element each paragraph came from', () => {
    expect(textBlocks('<div><p>a</p><p>b</p><section><p>c</p></section></div>')).toEqual([
      { text: 'a', path: 'div > p' },
      { text: 'b', path: 'div > p:nth-of-type(2)' },
      { text: 'c', path: 'div > section > p' },
    ]);
  });
});

describe('tokenize and tokenF1', () => {
  it.each([
    ['CJK characters one by one', '北京时间', ['北', '京', '时', '间']],
    ['other words whole, case-folded', 'Hello, World 2024!', ['hello', 'world', '2024']],
    ['mixed text', 'S203省道', ['s203', '省', '道']],
    ['full-width forms are normalized', 'ＡＢＣ１２３', ['abc123']],
    ['kana too', 'ニュース', ['ニ', 'ュ', 'ー', 'ス']],
  ])('%s', (_case, text, tokens) => {
    expect(tokenize(text)).toEqual(tokens);
  });

  it.each([
    ['identical texts', 'a b c', 'a b c', 1],
    ['order does not matter', 'c b a', 'a b c', 1],
    ['both empty', '', '', 1],
    ['one empty', 'a', '', 0],
    ['nothing shared', 'a b', 'c d', 0],
    ['half recall, full precision', 'a b', 'a b c d', 2 / 3],
    ['repeated tokens count once each', 'a a a', 'a', 0.5],
    ['Chinese by character', '今天下雨', '今天晴', (2 * (2 / 4) * (2 / 3)) / (2 / 4 + 2 / 3)],
  ])('%s', (_case, actual, expected, f1) => {
    expect(tokenF1(actual, expected)).toBeCloseTo(f1, 10);
  });
});
