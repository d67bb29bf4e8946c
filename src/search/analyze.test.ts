import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/random.js';
import { analyze, analyzeText, ANALYZER_VERSION, forEachTerm, indexTerms, isBigramTerm } from './analyze.js';
import type { Token } from './analyze.js';
import { normalizeMapped, normalizeText } from './normalize.js';
import { foldEnglishPlural } from './stem.js';

/** term@position[start,end], compact enough to read a whole stream in one table row. */
const show = (tokens: readonly Token[]): string[] => tokens.map((t) => `${t.term}@${t.position}[${t.start},${t.end}]`);

describe('analyze: tokens, positions and original offsets', () => {
  it.each([
    ['1 char', '军', ['军@0[0,1]']],
    ['2 chars: unigrams and the bigram', '董军', ['董@0[0,1]', '董军@0[0,2]', '军@1[1,2]']],
    ['no bigram across 。', '国防。部长', ['国@0[0,1]', '国防@0[0,2]', '防@1[1,2]', '部@2[3,4]', '部长@2[3,5]', '长@3[4,5]']],
    ['no bigram across a space', '国防 部长', ['国@0[0,1]', '国防@0[0,2]', '防@1[1,2]', '部@2[3,4]', '部长@2[3,5]', '长@3[4,5]']],
    ['Traditional folds, offsets stay on the original', '國防', ['国@0[0,1]', '国防@0[0,2]', '防@1[1,2]']],
    ['Ext B (surrogate pair) characters', '𠮷野', ['𠮷@0[0,2]', '𠮷野@0[0,3]', '野@1[2,3]']],
    ['emoji is a separator, offsets skip its two units', '🐼熊猫', ['熊@0[2,3]', '熊猫@0[2,4]', '猫@1[3,4]']],
    ['full-width Latin is a word with original offsets', 'ＧＤＰ增长', ['gdp@0[0,3]', '增@1[3,4]', '增长@1[3,5]', '长@2[4,5]']],
    ['Latin then CJK: no bigram across the script change', 'iPhone手机', ['iphone@0[0,6]', '手@1[6,7]', '手机@1[6,8]', '机@2[7,8]']],
    ['number then CJK unigram', '2024年', ['2024@0[0,4]', '年@1[4,5]']],
    ['kanji, katakana and hiragana are separate runs', '東京タワーに', [
      '东@0[0,1]', '东京@0[0,2]', '京@1[1,2]', 'タ@2[2,3]', 'タワ@2[2,4]', 'ワ@3[3,4]', 'ワー@3[3,5]', 'ー@4[4,5]', 'に@5[5,6]',
    ]],
    ['hangul syllables: unigram + bigram, runs end at spaces', '서울에 가', ['서@0[0,1]', '서울@0[0,2]', '울@1[1,2]', '울에@1[1,3]', '에@2[2,3]', '가@3[4,5]']],
    ['a ligature expands; every token maps to it', '㍿', [
      '株@0[0,1]', '株式@0[0,1]', '式@1[0,1]', '式会@1[0,1]', '会@2[0,1]', '会社@2[0,1]', '社@3[0,1]',
    ]],
    ['accent composed from a combining mark', 'Cafe\u0301 ok', ['café@0[0,5]', 'ok@1[6,8]']],
  ])('%s', (_case, text, expected) => {
    expect(show(analyze(text))).toEqual(expected);
  });
});

describe('analyze: word decisions', () => {
  it.each([
    ['apostrophe separates (possessive)', "China's", ['china', 's']],
    ['curly apostrophe separates too', 'don’t', ['don', 't']],
    ['hyphen and underscore separate', 'e-mail snake_case', ['e', 'mail', 'snake', 'case']],
    ['decimal point stays', '3.5% rise', ['3.5', 'rise']],
    ['thousands commas are dropped', '2,024 and 1,000,000', ['2024', 'and', '1000000']],
    ['other commas separate', '1,2 and 12,34', ['1', '2', 'and', '12', '34']],
    ['dotted versions and addresses are one token', 'v1.2.3 192.168.0.1', ['v1.2.3', '192.168.0.1']],
    ['sentence dot after a number is not kept', 'in 2024. Then', ['in', '2024', 'then']],
    ['letters and digits together', 'COVID19 5G', ['covid19', '5g']],
    ['Cyrillic and Greek are words', 'Женеве ΣΥΝΟΔΟΣ', ['женеве', 'συνοδοσ']],
    ['plural folding', 'missiles policies talks', ['missile', 'policy', 'talk']],
    ['news, series, short words and -ss/-us/-is are kept', 'news series its bus press census crisis', [
      'news', 'series', 'its', 'bus', 'press', 'census', 'crisis',
    ]],
    ['punctuation and symbols only', '!!! ... 😀 ~', []],
  ])('%s', (_case, text, expected) => {
    expect(indexTerms(text)).toEqual(expected);
  });

  it('can turn plural folding off (for measurements)', () => {
    expect(analyzeText('missiles', { stemming: 'none' }).map((t) => t.term)).toEqual(['missiles']);
  });
});

describe('foldEnglishPlural', () => {
  it.each([
    ['missiles', 'missile'],
    ['policies', 'policy'],
    ['ties', 'tie'],
    ['keys', 'key'],
    ['news', 'news'],
    ['glass', 'glass'],
    ['status', 'status'],
    ['analysis', 'analysis'],
    ['gas', 'gas'],
    ['movies', 'movy'],
    ['café', 'café'],
  ])('%s → %s', (word, expected) => {
    expect(foldEnglishPlural(word)).toBe(expected);
  });
});

describe('isBigramTerm', () => {
  it.each([
    ['国防', true],
    ['𠮷野', true],
    ['서울', true],
    ['国', false],
    ['ab', false],
    ['国防部', false],
  ])('%s → %s', (term, expected) => {
    expect(isBigramTerm(term)).toBe(expected);
  });
});

describe('analyzer invariants', () => {
  it('exports a version number and indexTerms mirrors analyze', () => {
    expect(Number.isInteger(ANALYZER_VERSION) && ANALYZER_VERSION >= 1).toBe(true);
    const text = '國防部長董軍 met the press in 2024年';
    expect(indexTerms(text)).toEqual(analyze(text).map((t) => t.term));
  });

  const alphabet = [...'國防部长军事 ABCabc éÉ１２３,.，。！ 🐼𠮷タワーか\u3099한서울\u0301\u200B\uFE0F\uD800\'-'];
  const isInsidePair = (text: string, at: number): boolean =>
    /[\uD800-\uDBFF]/.test(text.charAt(at - 1)) && /[\uDC00-\uDFFF]/.test(text.charAt(at));

  it.each([11, 12, 13, 14, 15])('seed %i: offsets, positions and bigrams stay well formed', (seed) => {
    const next = seededRandom(seed);
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 40) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      let previous = -1;
      for (const token of analyze(text)) {
        expect(token.start).toBeGreaterThanOrEqual(0);
        expect(token.end).toBeLessThanOrEqual(text.length);
        expect(token.start).toBeLessThan(token.end);
        expect(isInsidePair(text, token.start) || isInsidePair(text, token.end)).toBe(false);
        expect(token.position === previous || token.position === previous + 1).toBe(true);
        previous = token.position;
        if (isBigramTerm(token.term) || [...token.term].length === 1) {
          // A CJK token's original characters fold to exactly that token (no hidden separator inside).
          expect(normalizeText(text.slice(token.start, token.end))).toBe(token.term);
        }
      }
    }
  });

  // forEachTerm is the index's fast path: it must give analyze's terms and positions exactly.
  const termsOf = (text: string): string[] => {
    const out: string[] = [];
    forEachTerm(text, (term, position) => out.push(`${term}@${position}`));
    return out;
  };
  it.each([21, 22, 23])('seed %i: forEachTerm and normalizeText agree with analyze and normalizeMapped', (seed) => {
    const next = seededRandom(seed);
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 60) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      expect(termsOf(text)).toEqual(analyze(text).map((t) => `${t.term}@${t.position}`));
      expect(normalizeText(text)).toBe(normalizeMapped(text).text);
    }
  });

  it('forEachTerm agrees with analyze on every relevance fixture article', () => {
    const articles = JSON.parse(readFileSync(new URL('./testdata/articles.json', import.meta.url), 'utf8')) as unknown[];
    expect(articles.length).toBeGreaterThan(50);
    for (const a of articles as Array<{ title: string; body: string }>) {
      for (const text of [a.title, a.body]) expect(termsOf(text)).toEqual(analyze(text).map((t) => `${t.term}@${t.position}`));
    }
  });
});
