import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/random.js';
import { randomText } from './testdata/random-text.js';
import { diffTokens, isParagraphBreak, splitParagraphs } from './tokenize.js';

describe('diffTokens', () => {
  it.each([
    ['each Han character is a token', '地铁七号线', ['地', '铁', '七', '号', '线']],
    ['CJK punctuation is a token each', '「开通」，好！', ['「', '开', '通', '」', '，', '好', '！']],
    ['kana and ー are tokens each', 'ニュース', ['ニ', 'ュ', 'ー', 'ス']],
    ['Hangul syllables are tokens each', '서울 지하철', ['서', '울', ' ', '지', '하', '철']],
    ['an astral Han character stays whole', '𠀀铁', ['𠀀', '铁']],
    ['a variation selector stays with its base', '葛\u{E0100}城', ['葛\u{E0100}', '城']],
    ['Latin words are one token', 'Metro line opens', ['Metro', ' ', 'line', ' ', 'opens']],
    ['apostrophes inside words', "don't stop, council’s plan", ["don't", ' ', 'stop', ',', ' ', 'council’s', ' ', 'plan']],
    ['hyphenated words split at the hyphen', 'e-scooter', ['e', '-', 'scooter']],
    ['combining marks stay in the word', 'cafe\u0301 Zürich', ['cafe\u0301', ' ', 'Zürich']],
    ['digits are word tokens', 'Line 7 in 2024', ['Line', ' ', '7', ' ', 'in', ' ', '2024']],
    ['other scripts are words', 'новый год', ['новый', ' ', 'год']],
    ['Latin and Han split at the script change', 'Line7号线', ['Line7', '号', '线']],
    ['whitespace runs are one token', 'a \t b', ['a', ' \t ', 'b']],
    ['ideographic space is whitespace', '今天\u3000开通', ['今', '天', '\u3000', '开', '通']],
    ['a paragraph break is its own token', 'one.\n\ntwo', ['one', '.', '\n\n', 'two']],
    ['longer newline runs are one break', 'one\n\n\ntwo', ['one', '\n\n\n', 'two']],
    ['spaces around a break stay apart', 'one \n\n two', ['one', ' ', '\n\n', ' ', 'two']],
    ['a single newline is plain whitespace', 'one\ntwo', ['one', '\n', 'two']],
    ['CRLF paragraph breaks', 'one\r\n\r\ntwo', ['one', '\r\n\r\n', 'two']],
    ['ASCII punctuation is a token each', '("ok")', ['(', '"', 'ok', '"', ')']],
    ['emoji is one token', 'go🚇', ['go', '🚇']],
    ['empty text has no tokens', '', []],
  ])('%s', (_case, text, expected) => {
    expect(diffTokens(text)).toEqual(expected);
  });

  it('joins back to the input for seeded random mixed-script text (property)', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const text = randomText(seededRandom(seed), 60);
      const tokens = diffTokens(text);
      expect(tokens.join(''), `seed ${seed}`).toBe(text);
      expect(tokens.every((t) => t !== ''), `seed ${seed}`).toBe(true);
    }
  });
});

describe('splitParagraphs', () => {
  it.each([
    ['paragraphs and breaks alternate', 'one\n\ntwo\n\n\nthree', ['one', '\n\n', 'two', '\n\n\n', 'three']],
    ['leading and trailing breaks', '\n\none\n\n', ['\n\n', 'one', '\n\n']],
    ['no break', 'one\ntwo', ['one\ntwo']],
  ])('%s', (_case, text, expected) => {
    const pieces = splitParagraphs(text);
    expect(pieces).toEqual(expected);
    expect(pieces.filter(isParagraphBreak)).toEqual(expected.filter((p) => p.startsWith('\n')));
  });
});
