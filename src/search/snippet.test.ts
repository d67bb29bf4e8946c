import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/random.js';
import { parseQuery } from './query.js';
import { escapeHtml, highlight, snippet } from './snippet.js';
import type { HighlightOptions } from './snippet.js';

const MARK: HighlightOptions['mark'] = ['<m>', '</m>'];
const opts = (maxLength: number, extra: Partial<HighlightOptions> = {}): HighlightOptions => ({ maxLength, mark: MARK, ...extra });

describe('snippet: matches marked in the original text', () => {
  it.each([
    ['Traditional query marks Simplified text', '国防部长董军今天在北京会见外宾', '國防部長', '<m>国防部长</m>董军今天在北京会见外宾'],
    ['Simplified query marks Traditional text', '國防部長今天出席軍事會議', '国防部长 军事', '<m>國防部長</m>今天出席<m>軍事</m>會議'],
    ['after an emoji (surrogate pair)', '🐼成都大熊猫基地', '熊猫', '🐼成都大<m>熊猫</m>基地'],
    ['Ext B ideograph inside the match', '𠮷野家の牛丼', '𠮷野', '<m>𠮷野</m>家の牛丼'],
    ['full-width letters and digits', 'ＧＤＰ同比增长５．３％', 'gdp 5.3', '<m>ＧＤＰ</m>同比增长<m>５．３</m>％'],
    ['combining accent stays inside the mark', 'Cafe\u0301 owners', 'café', '<m>Cafe\u0301</m> owners'],
    ['HTML is escaped, marks are not', 'Tom & Jerry <b>"hi"</b>', 'jerry', 'Tom &amp; <m>Jerry</m> &lt;b&gt;&quot;hi&quot;&lt;/b&gt;'],
    ['overlapping matches merge into one mark', '董军会见外宾', '董军 军', '<m>董军</m>会见外宾'],
    ['every occurrence is marked', '军人与军队', '军', '<m>军</m>人与<m>军</m>队'],
    ['a 3-char query marks the whole sequence', '国防部长出席', '国防部', '<m>国防部</m>长出席'],
    ['no mark across 。 for a bigram query', '国防。部长', '防部 国防', '<m>国防</m>。部长'],
    ['excluded terms are not marked', 'alpha beta', 'alpha -beta', '<m>alpha</m> beta'],
    ['OR alternatives are marked', 'alpha beta gamma', 'alpha OR gamma', '<m>alpha</m> beta <m>gamma</m>'],
    ['phrase marks only where the words are consecutive', 'joint drills and drills joint', '"joint drills"', '<m>joint drills</m> and drills joint'],
    ['plural folding marks the plural', 'Two missiles fired', 'missile', 'Two <m>missiles</m> fired'],
  ])('%s', (_case, text, query, expected) => {
    expect(snippet(text, parseQuery(query), opts(200))).toBe(expected);
  });

  it('marks field-restricted terms only in that field', () => {
    const ast = parseQuery('title:董军 会见');
    expect(snippet('董军会见外宾', ast, opts(50))).toBe('董军<m>会见</m>外宾');
    expect(highlight('董军会见外宾', ast, opts(50, { field: 'title' }))).toBe('<m>董军会见</m>外宾');
    expect(highlight('董军', ast, opts(50, { field: 'author' }))).toBe('董军');
  });
});

describe('snippet: choosing and cutting the window', () => {
  const long = `${'天气晴朗。'.repeat(10)}国防部长董军今天会见外宾。${'市场平稳。'.repeat(10)}`;

  it('centres on the match and adds ellipses at both cut ends', () => {
    expect(snippet(long, parseQuery('董军'), opts(12))).toBe('…。国防部长<m>董军</m>今天会见外…');
  });

  it('prefers the cluster with the most distinct terms', () => {
    const text = `alpha ${'filler words here. '.repeat(6)}beta and alpha together ${'more filler text. '.repeat(6)}`;
    expect(snippet(text, parseQuery('alpha beta'), opts(30))).toBe('…here. <m>beta</m> and <m>alpha</m>…');
  });

  it('does not cut Latin words in two', () => {
    const text = 'The quick brown fox jumps over the lazy dog near the river bank today';
    expect(snippet(text, parseQuery('lazy'), opts(20))).toBe('…the <m>lazy</m> dog…');
  });

  it('never cuts a surrogate pair at either end', () => {
    const text = `${'🐼'.repeat(20)}熊猫${'🎂'.repeat(20)}`;
    expect(snippet(text, parseQuery('熊猫'), opts(6))).toBe('…🐼🐼<m>熊猫</m>🎂🎂…');
  });

  it('without matches starts at the beginning', () => {
    expect(snippet(long, parseQuery('不存在'), opts(8))).toBe('天气晴朗。天气晴…');
  });

  it('highlight cuts titles from the start', () => {
    expect(highlight('国防部长董军会见来访外宾', parseQuery('外宾 董军'), opts(8, { field: 'title' }))).toBe('国防部长<m>董军</m>会见…');
  });

  it('escapeHtml covers the five characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('snippet properties (random text, seeded)', () => {
  const alphabet = [...'国防部长军事董 abc XYZ，。🐼🎂𠮷ＧＤＰ５<&\u0301'];
  const queries = ['国防', '军', 'abc', '🐼 𠮷', 'gdp', '"部长 董"', 'xyz OR 董'];
  const unmark = (html: string): string =>
    html.replaceAll('<m>', '').replaceAll('</m>', '').replaceAll('…', '')
      .replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
  const hasLoneSurrogate = (s: string): boolean => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

  it.each([31, 32, 33, 34])('seed %i: a bounded, well-formed excerpt of the original', (seed) => {
    const next = seededRandom(seed);
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: Math.floor(next() * 60) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      const query = parseQuery(queries[Math.floor(next() * queries.length)] ?? '军');
      const maxLength = 1 + Math.floor(next() * 25);
      for (const excerpt of [snippet(text, query, opts(maxLength)), highlight(text, query, opts(maxLength))]) {
        const visible = unmark(excerpt);
        expect(text).toContain(visible);
        expect([...visible].length).toBeLessThanOrEqual(maxLength);
        expect(hasLoneSurrogate(excerpt)).toBe(false);
        expect(excerpt.split('<m>').length).toBe(excerpt.split('</m>').length);
      }
    }
  });
});
