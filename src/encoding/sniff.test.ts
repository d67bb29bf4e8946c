import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { codecFor, type CanonicalEncoding } from './labels.js';
import { isPlausible, profileFor, scoreText } from './score.js';
import { SNIFF_CANDIDATES, SNIFF_SAMPLE_BYTES, sniffLegacyEncoding } from './sniff.js';
import { ENGLISH, JAPANESE, KOREAN, SIMPLIFIED_CHINESE, TRADITIONAL_CHINESE, sampleText, type Sample } from './testdata/samples.js';

const encode = (text: string, codec: string): Uint8Array => new Uint8Array(iconv.encode(text, codec));

const CASES: [string, Sample, string, CanonicalEncoding][] = [
  ['Simplified Chinese in GBK', SIMPLIFIED_CHINESE, 'gbk', 'gb18030'],
  ['Traditional Chinese in Big5', TRADITIONAL_CHINESE, 'big5', 'big5'],
  ['Japanese in Shift_JIS', JAPANESE, 'shift_jis', 'shift_jis'],
  ['Japanese in EUC-JP', JAPANESE, 'euc-jp', 'euc-jp'],
  ['Korean in EUC-KR', KOREAN, 'euc-kr', 'euc-kr'],
  ['English in Windows-1252', ENGLISH, 'windows-1252', 'windows-1252'],
];

describe('sniffLegacyEncoding', () => {
  it.each(CASES)('%s, whole feed text', (_case, sample, codec, expected) => {
    const result = sniffLegacyEncoding(encode(sampleText(sample), codec));
    expect(result.encoding).toBe(expected);
    expect(result.plausible).toBe(true);
  });

  // A single headline is the hardest case: few characters to go on.
  it.each(CASES.filter(([, sample]) => sample !== ENGLISH))('%s, one headline', (_case, sample, codec, expected) => {
    const result = sniffLegacyEncoding(encode(sample.items[0].title, codec));
    expect(result.encoding).toBe(expected);
    expect(result.plausible).toBe(true);
  });

  it('samples a large document without splitting a character at the cut', () => {
    const bytes = encode(sampleText(SIMPLIFIED_CHINESE).repeat(200), 'gbk');
    expect(bytes.length).toBeGreaterThan(SNIFF_SAMPLE_BYTES);
    const result = sniffLegacyEncoding(bytes);
    expect(result).toMatchObject({ encoding: 'gb18030', plausible: true, sampledAll: false });
    expect(result.score.replacements).toBe(0);
  });

  it('finds nothing plausible in random bytes', () => {
    let seed = 7;
    // The high bits of a linear congruential generator: its low bits repeat with a short period.
    const random = new Uint8Array(4096).map(() => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 16) & 0xff);
    expect(sniffLegacyEncoding(random).plausible).toBe(false);
  });
});

describe('scoring: only the right decoding is plausible', () => {
  it.each(CASES)('%s', (_case, sample, codec, right) => {
    const bytes = encode(sampleText(sample), codec);
    const verdicts = SNIFF_CANDIDATES.map((candidate) => {
      const score = scoreText(iconv.decode(bytes, codecFor(candidate)), profileFor(candidate));
      return [candidate, isPlausible(score, profileFor(candidate))] as const;
    });
    expect(Object.fromEntries(verdicts)).toEqual(
      Object.fromEntries(SNIFF_CANDIDATES.map((candidate) => [candidate, candidate === right])),
    );
  });

  it.each([
    ['UTF-8 Chinese read as Windows-1252', sampleText(SIMPLIFIED_CHINESE)],
    ['UTF-8 accents read as Windows-1252', 'Le café de la gare a rouvert ; déjà plein à midi.'],
  ])('%s is not plausible Latin text', (_case, text) => {
    const misread = iconv.decode(Buffer.from(text, 'utf8'), 'windows-1252');
    expect(isPlausible(scoreText(misread, 'latin'), 'latin')).toBe(false);
  });

  it.each([
    ['French', 'Le maire a présenté jeudi le budget. « Nous avons fait des économies », a-t-il déclaré.'],
    ['German', 'Die Straße am Fluss wird im März für Fußgänger geöffnet.'],
    ['Portuguese', 'A informação sobre a situação não é clara, disse o ministro.'],
    ['Spanish', '¿Qué pasará con el año escolar? El niño llegó tarde.'],
  ])('%s in Windows-1252 is plausible Latin text', (_case, text) => {
    expect(isPlausible(scoreText(text, 'latin'), 'latin')).toBe(true);
  });

  it('ASCII text is plausible for every profile', () => {
    for (const profile of ['zh-hans', 'zh-hant', 'ja', 'ko', 'latin', 'other'] as const) {
      expect(isPlausible(scoreText('plain ASCII', profile), profile)).toBe(true);
    }
  });
});
