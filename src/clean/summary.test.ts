import { describe, expect, it } from 'vitest';
import { htmlText, summaryText } from './summary.js';

describe('htmlText', () => {
  it.each([
    ['blocks become spaces, inline tags join', '<p>港城<b>地铁</b>开通</p><p>Ferries  run</p>', '港城地铁开通 Ferries run'],
    ['entities are decoded', '<p>Q &amp; A &lt;b&gt;</p>', 'Q & A <b>'],
    ['script and style are not words', '<p>a</p><script>alert(1)</script><style>p{}</style><p>b</p>', 'a b'],
    ['empty', '', ''],
  ])('%s', (_case, html, expected) => {
    expect(htmlText(html)).toBe(expected);
  });
});

describe('summaryText', () => {
  it.each([
    ['the feed summary first, its tags dropped', '<p>Ferries <em>run</em> late</p>', 'ignored', 'Ferries run late'],
    ['the clean text when there is no summary', null, '  港城地铁\n\n今天开通  ', '港城地铁 今天开通'],
    ['nothing at all', null, null, null],
    ['a blank summary falls back to the text', '<p> </p>', 'Text', 'Text'],
  ])('%s', (_case, summary, text, expected) => {
    expect(summaryText(summary, text)).toBe(expected);
  });

  it('cuts long text to 300 characters, at a space near the end, with an ellipsis', () => {
    const cut = summaryText(null, 'word '.repeat(100)) ?? '';
    expect(cut.endsWith('word…')).toBe(true);
    expect(Array.from(cut).length).toBeLessThanOrEqual(301);
    const cjk = summaryText(null, '港'.repeat(400)) ?? '';
    expect(cjk).toBe(`${'港'.repeat(300)}…`);
  });
});
