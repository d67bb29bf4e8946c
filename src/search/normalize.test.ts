import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/random.js';
import { normalizeMapped, normalizeText } from './normalize.js';

describe('normalizeText', () => {
  it.each([
    ['ASCII is lowercased', 'Hello WORLD', 'hello world'],
    ['full-width Latin and digits become half-width', 'ＧＤＰ　２０２４', 'gdp 2024'],
    ['full-width punctuation becomes ASCII', '５．３％，好', '5.3%,好'],
    ['Traditional becomes Simplified', '國防部長', '国防部长'],
    ['Taiwan 臺 and 台 fold together', '臺灣 台灣', '台湾 台湾'],
    ['Hong Kong variant 衞 folds (hk → cn)', '衞生署', '卫生署'],
    ['么 is kept (tw → cn would turn 什么 into 什幺)', '什么', '什么'],
    ['著 is kept (tw → cn would turn it into 着)', '著名', '著名'],
    ['chained variants reach a fixed point', '薴', '苎'],
    ['per-character folding ignores phrase tables', '乾隆', '干隆'],
    ['Simplified text is unchanged', '国防部长董军会见外宾', '国防部长董军会见外宾'],
    ['Japanese kanji fold the same way', '東京タワー', '东京タワー'],
    ['half-width katakana becomes full-width', 'ｶﾀｶﾅ', 'カタカナ'],
    ['half-width voicing mark composes', 'ｶﾞｽ', 'ガス'],
    ['combining voicing mark composes', 'か\u3099', 'が'],
    ['a mark that cannot compose onto kana is dropped', 'タ\u0301', 'タ'],
    ['combining accent composes', 'cafe\u0301', 'café'],
    ['uppercase accented letter', 'CAFÉ', 'café'],
    ['final sigma folds to sigma', 'ΟΔΟΣ οδος', 'οδοσ οδοσ'],
    ['ß stays', 'Straße', 'straße'],
    ['compatibility ideograph becomes unified, then Simplified', '\uF900', '岂'],
    ['square ligature expands', '㍿', '株式会社'],
    ['soft hyphen and zero-width space are dropped', 'inter\u00ADnational\u200B', 'international'],
    ['ideographic variation selector is dropped', '葛\u{E0100}', '葛'],
    ['emoji pass through', '熊猫🐼', '熊猫🐼'],
    ['Ext B ideograph passes through', '𠮷野家', '𠮷野家'],
    ['conjoining jamo compose into a syllable', '\u1112\u1161\u11AB', '한'],
    ['lone surrogates do not crash', 'a\uD800b', 'a\uD800b'],
  ])('%s', (_case, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('normalizeMapped offsets', () => {
  const origin = (source: string, k: number): [number, number] => {
    const n = normalizeMapped(source);
    return [n.originStart[k] ?? -1, n.originEnd[k] ?? -1];
  };

  it.each([
    ['ASCII maps one to one', 'AbC', 2, [2, 3]],
    ['after an emoji (surrogate pair)', '🐼熊猫', 2, [2, 3]],
    ['inside an expanded ligature: all four map to ㍿', 'x㍿y', 3, [1, 2]],
    ['the character after the ligature', 'x㍿y', 5, [2, 3]],
    ['a composed accent maps to both source units', 'cafe\u0301!', 3, [3, 5]],
    ['after a dropped variation selector', '葛\u{E0100}军', 1, [3, 4]],
    ['full-width character', 'Ａ国', 1, [1, 2]],
  ])('%s', (_case, source, k, expected) => {
    expect(origin(source, k)).toEqual(expected);
  });

  it('keeps one origin per normalized unit and the original text', () => {
    const source = 'ＧＤＰ增長５．３％🐼 國防';
    const n = normalizeMapped(source);
    expect(n.source).toBe(source);
    expect(n.originStart.length).toBe(n.text.length);
    expect(n.originEnd.length).toBe(n.text.length);
  });

  it('maps a BMP Traditional character that folds to an astral one', () => {
    const n = normalizeMapped('㗲a');
    expect(n.text).toBe('𠵾a');
    expect([n.originStart[2], n.originEnd[2]]).toEqual([1, 2]);
  });
});

describe('normalization properties (random text, seeded)', () => {
  const alphabet = [...'國防部长军事ABCabc éÉ１２３，。！ 🐼𠮷タワーか\u3099한\u0301\u200B\uFE0F'];
  const randomText = (next: () => number, length: number): string =>
    Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)] ?? '').join('');

  it.each([1, 2, 3, 4, 5])('seed %i: idempotent, monotone offsets, substrings fold to substrings', (seed) => {
    const next = seededRandom(seed);
    for (let round = 0; round < 200; round++) {
      const text = randomText(next, 1 + Math.floor(next() * 30));
      const n = normalizeMapped(text);
      expect(normalizeText(n.text)).toBe(n.text);
      for (let k = 1; k < n.text.length; k++) expect(n.originStart[k]).toBeGreaterThanOrEqual(n.originStart[k - 1] ?? 0);
      // Cutting at a space keeps clusters whole, so the pieces fold exactly as inside the text.
      for (const piece of text.split(' ')) expect(n.text).toContain(normalizeText(piece));
    }
  });
});
