/**
 * Splits revision text into the tokens the diff compares. CJK text has no spaces between words and
 * we carry no dictionary, so each CJK character is a token of its own; other scripts diff by word.
 * Tokens always join back to the exact input: the diff is only correct if nothing is dropped.
 * Pure: string in, strings out.
 */

// Same script choice as search/scripts.ts (Han, kana with ー, Hangul), plus the punctuation blocks
// that sit inside CJK text: CJK symbols (、。「」), Bopomofo, enclosed and compatibility forms,
// vertical forms, and half/fullwidth forms (，！？). Kept local so diff/ imports no other stage.
const CJK_CLASS =
  '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\u30FC\\p{sc=Hangul}\\p{sc=Bopomofo}' +
  '\\u3001-\\u303F\\u3200-\\u33FF\\uFE10-\\uFE1F\\uFE30-\\uFE4F\\uFF00-\\uFFEF';
const WORD_CHAR = `(?:(?![${CJK_CLASS}])[\\p{L}\\p{N}\\p{M}])`;
const APOSTROPHE = "['\u2019]";

const PARAGRAPH_BREAK_SOURCE = '(?:\\r?\\n){2,}';

// Order matters: a paragraph break wins over plain whitespace, CJK over letters. A trailing mark
// (a variation selector after a Han character) stays with its base. `[^]` last, so every code point,
// even a lone surrogate, lands in some token and the scan always moves on.
const TOKEN = new RegExp(
  [
    PARAGRAPH_BREAK_SOURCE,
    `(?:(?!${PARAGRAPH_BREAK_SOURCE})\\s)+`,
    `[${CJK_CLASS}]\\p{M}*`,
    `${WORD_CHAR}+(?:${APOSTROPHE}${WORD_CHAR}+)*`,
    '[^]\\p{M}*',
  ].join('|'),
  'gu',
);

const PARAGRAPH_SPLIT = new RegExp(`(${PARAGRAPH_BREAK_SOURCE})`, 'u');
const PARAGRAPH_BREAK = new RegExp(`^${PARAGRAPH_BREAK_SOURCE}$`, 'u');

export function diffTokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Paragraphs and the breaks between them, in order, with no empty pieces; joins back to `text`. */
export function splitParagraphs(text: string): string[] {
  return text.split(PARAGRAPH_SPLIT).filter((piece) => piece !== '');
}

export function isParagraphBreak(piece: string): boolean {
  return PARAGRAPH_BREAK.test(piece);
}
