/**
 * How much a decoded text looks like real text in the language its encoding is for. Used to check a
 * label against the bytes and to sniff an encoding when no label fits. A wrong decoding of CJK bytes
 * rarely fails outright; it produces private-use characters, stray kana, rare ideographs and
 * replacement characters. A wrong Windows-1252 decoding of multi-byte text produces runs of accented
 * letters and symbols ("ä¸­æ–‡", "Ã©") where real Western text has isolated ones ("café", "“quote”").
 *
 * The score is a mean per non-ASCII character, so documents of any length compare on one scale:
 * about 1.5–3 for right CJK decodings, below 1 for wrong ones; above 0 for right Latin decodings.
 */
import type { CanonicalEncoding } from './labels.js';
import { COMMON_HANGUL, COMMON_JAPANESE_KANJI, COMMON_SIMPLIFIED, COMMON_TRADITIONAL } from './common-chars.js';

export type Profile = 'zh-hans' | 'zh-hant' | 'ja' | 'ko' | 'latin' | 'other';

export interface TextScore {
  /** Non-ASCII characters seen (astral characters count once). */
  nonAscii: number;
  replacements: number;
  /** Sum of character weights divided by `nonAscii`; 0 for pure ASCII. */
  mean: number;
}

const LATIN_ENCODINGS: ReadonlySet<CanonicalEncoding> = new Set<CanonicalEncoding>([
  'windows-1250', 'windows-1252', 'windows-1254', 'windows-1257', 'windows-1258', 'macintosh',
  'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-10', 'iso-8859-13', 'iso-8859-14', 'iso-8859-15', 'iso-8859-16',
]);

export function profileFor(encoding: CanonicalEncoding): Profile {
  switch (encoding) {
    case 'gb18030':
      return 'zh-hans';
    case 'big5':
      return 'zh-hant';
    case 'shift_jis':
    case 'euc-jp':
      return 'ja';
    case 'euc-kr':
      return 'ko';
    default:
      return LATIN_ENCODINGS.has(encoding) ? 'latin' : 'other';
  }
}

export function scoreText(text: string, profile: Profile): TextScore {
  if (profile === 'latin') return scoreLatin(text);
  let nonAscii = 0;
  let replacements = 0;
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    nonAscii++;
    if (code === 0xfffd) replacements++;
    if (code >= 0xd800 && code <= 0xdbff) i++; // count a surrogate pair once
    total += profile === 'other' ? weightOther(code) : weightCjk(code, text.charAt(i), profile);
  }
  return { nonAscii, replacements, mean: nonAscii === 0 ? 0 : total / nonAscii };
}

const REPLACEMENT_WEIGHT = -10;

function isBrokenOrPrivate(code: number): boolean {
  return code === 0xfffd || (code >= 0x80 && code <= 0x9f) || (code >= 0xe000 && code <= 0xf8ff);
}

function weightOther(code: number): number {
  return isBrokenOrPrivate(code) ? REPLACEMENT_WEIGHT : 1;
}

function commonHanFor(profile: Profile): ReadonlySet<string> {
  if (profile === 'zh-hans') return COMMON_SIMPLIFIED;
  if (profile === 'zh-hant') return COMMON_TRADITIONAL;
  return COMMON_JAPANESE_KANJI;
}

/** Per-character weights for CJK profiles; `char` is the character at the code's position. */
function weightCjk(code: number, char: string, profile: Profile): number {
  if (code === 0xfffd) return REPLACEMENT_WEIGHT;
  if (code >= 0xe000 && code <= 0xf8ff) return -8; // private use: unassigned bytes in GBK/Big5
  if (code <= 0x9f) return -8; // C1 controls
  if (code >= 0xd800 && code <= 0xdbff) return -3; // astral: CJK Extension B+, rare in news
  if (code >= 0x4e00 && code <= 0x9fff) {
    if (profile === 'ko') return 0; // hanja: neither right nor wrong in Korean text
    return commonHanFor(profile).has(char) ? 3 : 0.5;
  }
  if (code >= 0xac00 && code <= 0xd7a3) {
    if (profile !== 'ko') return -1;
    return COMMON_HANGUL.has(char) ? 3 : 0.5;
  }
  if (code >= 0x3040 && code <= 0x30ff) return profile === 'ja' ? 3 : -1; // hiragana, katakana
  if (isCjkPunctuation(code)) return 1;
  if (code >= 0x3400 && code <= 0x4dbf) return -2; // CJK Extension A
  if (code >= 0xff61 && code <= 0xff9f) return -2; // halfwidth katakana: SJIS single bytes A1–DF
  return -1; // Latin letters, jamo, Greek, Cyrillic, box drawing…: legal, rare in CJK news
}

function isCjkPunctuation(code: number): boolean {
  return (
    (code >= 0x3000 && code <= 0x303f) || // 、。「」『』【】〈〉
    (code >= 0xff01 && code <= 0xff60) || // fullwidth ASCII forms: ，！？（）：；
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x2010 && code <= 0x2027) || // dashes, curly quotes, ellipsis
    code === 0x00b7 // middle dot in transliterated names
  );
}

/** Punctuation that sits between words in Western text: it neither starts nor extends a run. */
function isLatinPunctuation(code: number): boolean {
  return code === 0xa0 || code === 0xa1 || code === 0xab || code === 0xbb || code === 0xbf || (code >= 0x2010 && code <= 0x205f);
}

/**
 * Western text has isolated accented letters; mis-decoded multi-byte text has runs of them.
 * Runs of one score +1, runs of two 0 ("ção" and "süß" are real, "Ã©" is UTF-8 misread), longer runs
 * minus their length; punctuation +0.5. Mostly-UTF-8 bytes never get here (see fit.ts), so pairs
 * need not be judged harshly.
 */
function scoreLatin(text: string): TextScore {
  let nonAscii = 0;
  let replacements = 0;
  let total = 0;
  let run = 0;
  const closeRun = (): void => {
    total += run === 1 ? 1 : run === 2 ? 0 : -run;
    run = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      closeRun();
      continue;
    }
    nonAscii++;
    if (isBrokenOrPrivate(code)) {
      if (code === 0xfffd) replacements++;
      closeRun();
      total += REPLACEMENT_WEIGHT;
    } else if (isLatinPunctuation(code) && !(code === 0xa0 && run > 0)) {
      // A no-break space right after an accented letter is the second byte of UTF-8 "à" (C3 A0), so it
      // extends the run; elsewhere it is the French space before « : ; ».
      closeRun();
      total += 0.5;
    } else {
      run++;
    }
  }
  closeRun();
  return { nonAscii, replacements, mean: nonAscii === 0 ? 0 : total / nonAscii };
}

/**
 * The lowest mean a right decoding gets. On our samples right CJK decodings score 2.1–2.6 and wrong
 * ones at most 0.9 (Korean bytes read as GB18030). Right Latin decodings score above 0 (dense
 * Portuguese about 0.1) and CJK bytes read as Windows-1252 below 0; UTF-8 read as Windows-1252 scores
 * about 0, but the UTF-8 checks in fit.ts and decode.ts catch it first.
 */
export function isPlausible(score: TextScore, profile: Profile): boolean {
  if (score.nonAscii === 0) return true;
  if (profile === 'latin' || profile === 'other') return score.mean > 0;
  return score.mean >= 1;
}
