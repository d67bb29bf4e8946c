/**
 * The script classes the analyzer treats as CJK (character n-grams instead of words), as regex
 * class bodies, so normalization, tokenizing and snippet cutting agree on one definition.
 * ー (U+30FC) is Common script but belongs to kana words in both syllabaries.
 */
export const HAN = '\\p{sc=Han}';
export const HIRAGANA = '\\p{sc=Hiragana}\\u30FC';
export const KATAKANA = '\\p{sc=Katakana}\\u30FC';
export const HANGUL = '\\p{sc=Hangul}';
export const CJK = `${HAN}\\p{sc=Hiragana}\\p{sc=Katakana}\\u30FC${HANGUL}`;

/** One CJK character (test with `.test`; no global flag, no state). */
export const CJK_CHAR = new RegExp(`[${CJK}]`, 'u');
