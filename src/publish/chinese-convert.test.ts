import * as OpenCC from 'opencc-js';
import { describe, expect, it, vi } from 'vitest';
import { convertChineseHtml, convertChineseText, unconvertChineseText, type ChineseConversion } from './chinese-convert.js';

// Wrap the real Converter factory so the test can count how often a converter is built.
vi.mock('opencc-js', async (importOriginal) => {
  const real = await importOriginal<typeof OpenCC>();
  return { ...real, Converter: vi.fn(real.Converter) };
});

describe('convertChineseText', () => {
  it.each([
    ['s2t', '台湾新闻发展 里面 为什么', '臺灣新聞發展 裏面 爲什麼'],
    ['s2tw', '台湾新闻发展 里面 为什么', '臺灣新聞發展 裡面 為什麼'],
    ['s2hk', '台湾新闻发展 里面 为什么', '台灣新聞發展 裏面 為什麼'],
    ['t2s', '臺灣新聞發展 裡面 為什麼', '台湾新闻发展 里面 为什么'],
  ] as const)('%s', (conversion, input, expected) => {
    expect(convertChineseText(input, conversion)).toBe(expected);
  });

  it.each(['s2t', 't2s', 's2tw', 's2hk'] as const)('%s leaves Latin text, digits, punctuation and emoji alone', (conversion) => {
    const text = 'Market rally: +1.5% (Q&A) <b> &amp; 📰 👨‍👩‍👧 “quoted” 「」，。';
    expect(convertChineseText(text, conversion)).toBe(text);
  });

  it.each([
    ['s2t', '颱風', '台风'],
    ['s2tw', '裡面', '里面'],
    ['s2hk', '台灣', '台湾'],
    ['t2s', '台湾', '臺灣'],
  ] as const)('unconvertChineseText undoes %s for a filter term', (conversion, output, source) => {
    expect(unconvertChineseText(output, conversion)).toBe(source);
  });
});

describe('convertChineseHtml', () => {
  it.each<[string, ChineseConversion, string, string]>([
    [
      'converts text and never tag names, attributes, URLs, comments, script or style',
      's2tw',
      '<p class="里面" title="为什么"><a href="https://news.example/里面?q=为&amp;x=1">里面为</a><img alt="为" src="/为.png">为</p><!-- 里面 --><script>var a = "为";</script><style>.为{}</style>尾为',
      '<p class="里面" title="为什么"><a href="https://news.example/里面?q=为&amp;x=1">裡面為</a><img alt="为" src="/为.png">為</p><!-- 里面 --><script>var a = "为";</script><style>.为{}</style>尾為',
    ],
    ['keeps entities as written', 's2t', '<p>新闻&amp;发展&nbsp;&#20013;</p>', '<p>新聞&amp;發展&nbsp;&#20013;</p>'],
    ['keeps malformed markup byte for byte', 's2t', '<p>为<b>里</p><div x=\'为\' y=为>发', '<p>爲<b>裏</p><div x=\'为\' y=为>發'],
    ['keeps odd spacing and case in tags', 's2hk', '<P  CLASS = "a"\n>为</P ><BR/>', '<P  CLASS = "a"\n>為</P ><BR/>'],
    ['converts text in pre and code', 's2tw', '<pre><code>// 为什么\nx < y</code></pre>', '<pre><code>// 為什麼\nx < y</code></pre>'],
    ['converts Traditional back to Simplified', 't2s', '<p lang="zh-Hant">臺灣<em>新聞</em></p>', '<p lang="zh-Hant">台湾<em>新闻</em></p>'],
    ['converts text that is not inside any tag', 's2t', '发展', '發展'],
    ['leaves an empty string empty', 's2t', '', ''],
  ])('%s', (_case, conversion, html, expected) => {
    expect(convertChineseHtml(html, conversion)).toBe(expected);
  });

  it('returns HTML without Chinese unchanged, byte for byte', () => {
    const html = '<p>a &amp; b<br/>c</p>\n<p>unclosed <a href="?a=1&b=2">link</a>\r\n<!--x-->';
    expect(convertChineseHtml(html, 's2tw')).toBe(html);
  });
});

describe('converter cache', () => {
  it('builds each direction once, however often it converts', () => {
    for (let i = 0; i < 3; i++) {
      convertChineseText('发展', 's2hk');
      convertChineseHtml('<p>发展</p>', 's2hk');
    }
    const calls = vi.mocked(OpenCC.Converter).mock.calls.filter(([opts]) => opts.from === 'cn' && opts.to === 'hk');
    expect(calls).toHaveLength(1);
  });
});
